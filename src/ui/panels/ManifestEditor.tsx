import { yaml } from '@codemirror/lang-yaml'
import { EditorView, basicSetup } from 'codemirror'
import { useEffect, useRef, type RefObject } from 'react'
import { useServices } from '../app/app-context'
import { TEMPLATES } from '../viz/manifest-templates'
import { ApplyResult } from './ApplyResult'

/**
 * Mounts a CodeMirror 6 YAML editor into `hostRef`, starting from the store's draft and writing
 * every change back to it (the draft outlives the editor when its tab is hidden).
 */
function useCodeMirror(
  hostRef: RefObject<HTMLDivElement | null>,
  viewRef: RefObject<EditorView | null>,
): void {
  const { store } = useServices()
  useEffect(() => {
    if (!hostRef.current) return
    const view = new EditorView({
      doc: store.getState().manifestDraft,
      extensions: [
        basicSetup,
        yaml(),
        EditorView.contentAttributes.of({ 'aria-label': 'Manifest (YAML)' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) store.setState({ manifestDraft: update.state.doc.toString() })
        }),
      ],
      parent: hostRef.current,
    })
    viewRef.current = view
    // Someone else set the draft (a lesson step's manifest): show it.
    const unsubscribe = store.subscribe((state) => {
      const text = state.manifestDraft
      if (text !== view.state.doc.toString())
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } })
    })
    return () => {
      unsubscribe()
      view.destroy()
      viewRef.current = null
    }
  }, [hostRef, viewRef, store])
}

/** The YAML editor (CodeMirror 6) with starter templates; the dock's apply bar applies it. */
export function ManifestEditor() {
  const hostRef = useRef<HTMLDivElement>(null)
  const viewRef = useRef<EditorView | null>(null)
  useCodeMirror(hostRef, viewRef)

  const setText = (text: string) => {
    const view = viewRef.current
    view?.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } })
  }

  return (
    <section className="editor" aria-labelledby="editor-title">
      <div className="panel-header">
        <h2 id="editor-title">Manifest</h2>
        <label className="templates">
          Template{' '}
          <select
            value=""
            onChange={(e) => {
              const template = TEMPLATES.find((t) => t.id === e.target.value)
              if (template) setText(template.text)
            }}
            data-testid="template-picker"
          >
            <option value="">choose…</option>
            {TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div ref={hostRef} className="code" data-testid="manifest-editor" />
      <ApplyResult />
    </section>
  )
}
