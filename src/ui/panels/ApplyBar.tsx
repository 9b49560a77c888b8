import { useAppState, useServices } from '../app/app-context'

/**
 * The apply control, always in view under the dock's tabs: runs `kubectl apply -f -` on the
 * editor's text and says briefly how it went (the full output is beside the editor).
 */
export function ApplyBar() {
  const { store, runKubectl } = useServices()
  const pending = useAppState(
    (s) => s.lastApply !== undefined && s.pendingCommands[s.lastApply] !== undefined,
  )
  const result = useAppState((s) => s.kubectl.find((k) => k.commandId === s.lastApply))
  const apply = () => {
    const commandId = runKubectl('apply -f -', store.getState().manifestDraft)
    store.setState({ lastApply: commandId })
  }
  const failed = result !== undefined && result.exitCode !== 0
  return (
    <div className="apply-bar">
      <button
        type="button"
        className="primary"
        onClick={apply}
        disabled={pending}
        data-testid="apply"
      >
        kubectl apply -f -
      </button>
      <span className="apply-status" aria-live="polite">
        {pending
          ? 'waiting for the API server…'
          : failed
            ? 'rejected: see the Manifest tab'
            : (result?.output.split('\n')[0] ?? 'applies the Manifest tab')}
      </span>
    </div>
  )
}
