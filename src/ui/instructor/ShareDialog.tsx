import { useState, type ChangeEvent } from 'react'
import {
  parseScenarioFile,
  serializeScenarioFile,
  toScenarioFile,
} from '../../protocol/scenario/scenario-file'
import { encodeScenarioQuery } from '../../protocol/scenario/url-codec'
import type { AppState } from '../../store/store'
import { useServices } from '../app/app-context'
import { Dialog } from '../components/Dialog'
import { scenarioLink, scenarioOf } from './scenario-of'

interface ShareDialogProps {
  open: boolean
  onClose: () => void
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/** Saves the run as a scenario file; returns the file's name. */
function downloadScenario(state: AppState): string {
  const scenario = scenarioOf(state)
  const blob = new Blob([serializeScenarioFile(toScenarioFile(scenario))], {
    type: 'application/json',
  })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = `kube-viz-scenario-seed${scenario.seed}-t${Math.round(scenario.timeMs / 1000)}s.json`
  a.click()
  URL.revokeObjectURL(a.href)
  return a.download
}

/**
 * "Share this run": a link that reproduces it exactly (seed, cluster, every action, the time,
 * the panel), and the same as a scenario file to keep, edit or open later.
 */
export function ShareDialog({ open, onClose }: ShareDialogProps) {
  const { store } = useServices()
  const [status, setStatus] = useState('')
  const state = store.getState()
  const link = open ? scenarioLink(state, window.location.href) : ''
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (!file) return
    const parsed = parseScenarioFile(await file.text())
    if (!parsed.ok) {
      setStatus(`${file.name} is not a scenario this tool can open: ${parsed.error}.`)
      return
    }
    // Opening a scenario is opening its link: the page replays it from the start, exactly.
    window.location.assign(`${window.location.pathname}?${encodeScenarioQuery(parsed.scenario)}`)
  }
  return (
    <Dialog open={open} onClose={onClose} title="Share this run" testId="share-dialog">
      <p className="muted">
        The link rebuilds this exact run: the same cluster and seed, every action you took, and this
        moment ({Math.round(state.simTimeMs / 100) / 10} s) with the same panel in front.
      </p>
      <label className="share-link">
        Link
        <input
          type="text"
          readOnly
          value={link}
          data-testid="share-link"
          onFocus={(e) => e.target.select()}
        />
      </label>
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          data-testid="copy-link"
          onClick={() => {
            void copy(link).then((ok) => {
              setStatus(
                ok
                  ? `Link copied (${link.length} characters).`
                  : 'Select the link above and copy it.',
              )
            })
          }}
        >
          Copy link
        </button>
        <button
          type="button"
          onClick={() => {
            setStatus(`Saved ${downloadScenario(store.getState())}.`)
          }}
          data-testid="export-scenario"
        >
          Download scenario file
        </button>
        <label className="file-button">
          Open a scenario file…
          <input
            type="file"
            accept="application/json,.json"
            data-testid="import-scenario"
            onChange={(e) => {
              void importFile(e)
            }}
          />
        </label>
      </div>
      <p role="status" className="dialog-status" data-testid="share-status">
        {status}
      </p>
    </Dialog>
  )
}
