import { yaml } from '@codemirror/lang-yaml'
import { EditorView, basicSetup } from 'codemirror'
import { useEffect, useRef, useState, type RefObject } from 'react'
import { useAppState, useServices } from '../app/app-context'
import { POD_TEMPLATE, TEMPLATES, manifestTarget } from '../viz/manifest-templates'

/** Mounts a CodeMirror 6 YAML editor into `hostRef` for the component's lifetime. */
function useCodeMirror(
  hostRef: RefObject<HTMLDivElement | null>,
  viewRef: RefObject<EditorView | null>,
  initial: string,
): void {
  useEffect(() => {
    if (!hostRef.current) return
    const view = new EditorView({
      doc: initial,
      extensions: [
        basicSetup,
        yaml(),
        EditorView.contentAttributes.of({ 'aria-label': 'Manifest (YAML)' }),
      ],
      parent: hostRef.current,
    })
    viewRef.current = view
    return () => {
      view.destroy()
      viewRef.current = null
    }
  }, [hostRef, viewRef, initial])
}

/** A YAML editor (CodeMirror 6) and the button that runs `kubectl apply -f -` on its text. */
export function ManifestEditor() {
  const { store, runKubectl } = useServices()
  const hostRef = useRef<HTMLDivElement>(null)
  const viewRef = useRef<EditorView | null>(null)
  const [commandId, setCommandId] = useState<string | undefined>()
  const result = useAppState((s) => s.kubectl.find((k) => k.commandId === commandId))
  const pending = useAppState(
    (s) => commandId !== undefined && s.pendingCommands[commandId] !== undefined,
  )

  useCodeMirror(hostRef, viewRef, POD_TEMPLATE)

  const setText = (text: string) => {
    const view = viewRef.current
    view?.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } })
  }

  const apply = () => {
    const text = viewRef.current?.state.doc.toString() ?? ''
    const target = manifestTarget(text)
    store.setState((s) => ({
      follow: target,
      followSeq: s.followSeq + 1,
      stepsSeen: [],
      activeStep: undefined,
      followedPod: undefined,
    }))
    setCommandId(runKubectl('apply -f -', text))
  }

  const failed = result !== undefined && result.exitCode !== 0
  return (
    <section className="editor panel" aria-labelledby="editor-title">
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
      <div className="editor-actions">
        <button
          type="button"
          className="primary"
          onClick={apply}
          disabled={pending}
          data-testid="apply"
        >
          kubectl apply -f -
        </button>
        {pending && <span className="muted">waiting for the API server…</span>}
      </div>
      {result && (
        <pre
          className={failed ? 'kubectl-error' : 'kubectl-ok'}
          role={failed ? 'alert' : 'status'}
          data-testid={failed ? 'manifest-error' : 'apply-output'}
        >
          {result.output}
        </pre>
      )}
    </section>
  )
}
