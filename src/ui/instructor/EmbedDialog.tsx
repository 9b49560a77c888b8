import { useState } from 'react'
import {
  EMBED_CONTROLS,
  EMBED_VIEWS,
  type EmbedControls,
  type EmbedView,
} from '../../protocol/embed-constants'
import { encodeScenarioQuery } from '../../protocol/scenario/url-codec'
import { useServices } from '../app/app-context'
import { Dialog } from '../components/Dialog'
import { embedSnippets, viewForPanel } from './embed-snippet'
import { scenarioOf } from './scenario-of'

interface EmbedDialogProps {
  open: boolean
  onClose: () => void
}

/** "Embed in a course page": the snippet for this run, as an iframe or as <kube-viz>. */
export function EmbedDialog({ open, onClose }: EmbedDialogProps) {
  const { store } = useServices()
  const state = store.getState()
  const [view, setView] = useState<EmbedView | undefined>(undefined)
  const [controls, setControls] = useState<EmbedControls>('minimal')
  const [thisRun, setThisRun] = useState(true)
  const [copied, setCopied] = useState('')
  const snippets = embedSnippets({
    base: new URL('./', window.location.href).href,
    view: view ?? viewForPanel(state.dockTab),
    controls,
    theme: state.prefs.theme,
    autoplay: false,
    scenarioQuery: thisRun ? encodeScenarioQuery(scenarioOf(state)) : '',
  })
  const copy = (text: string, what: string) => {
    void navigator.clipboard.writeText(text).then(
      () => {
        setCopied(`${what} copied.`)
      },
      () => {
        setCopied('Select the snippet and copy it.')
      },
    )
  }
  return (
    <Dialog open={open} onClose={onClose} title="Embed in a course page" testId="embed-dialog">
      <div className="embed-options">
        <label>
          View
          <select
            value={view ?? viewForPanel(state.dockTab)}
            onChange={(e) => setView(e.target.value as EmbedView)}
          >
            {EMBED_VIEWS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Controls
          <select value={controls} onChange={(e) => setControls(e.target.value as EmbedControls)}>
            {EMBED_CONTROLS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={thisRun} onChange={(e) => setThisRun(e.target.checked)} />
          Open this run (at {Math.round(state.simTimeMs / 1000)} s)
        </label>
      </div>
      <label className="snippet">
        An iframe (add <code>&amp;origin=https://your.site</code> to command it by postMessage)
        <textarea readOnly rows={4} value={snippets.iframe} data-testid="embed-iframe-snippet" />
      </label>
      <button type="button" onClick={() => copy(snippets.iframe, 'The iframe')}>
        Copy iframe
      </button>
      <label className="snippet">
        Or a script tag and the element (sizes itself, trusts your page)
        <textarea readOnly rows={3} value={snippets.element} data-testid="embed-element-snippet" />
      </label>
      <button type="button" onClick={() => copy(snippets.element, 'The element')}>
        Copy script and element
      </button>
      <p role="status" className="dialog-status">
        {copied}
      </p>
    </Dialog>
  )
}
