import { useAppState, useServices } from '../app/app-context'
import { forkText } from '../viz/fork-text'

/** Says what a fork of the history dropped, until dismissed. */
export function ForkNotice() {
  const { store } = useServices()
  const fork = useAppState((s) => s.forkNotice)
  if (!fork) return null
  return (
    <div className="fork-notice" role="status" data-testid="fork-notice">
      <span>{forkText(fork)}</span>
      <button
        type="button"
        onClick={() => {
          store.setState({ forkNotice: undefined })
        }}
      >
        Dismiss
      </button>
    </div>
  )
}
