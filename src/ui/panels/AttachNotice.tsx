import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../app/app-context'
import { localSearch } from '../app/attach-link'
import './attach.css'

/**
 * An attached page that lost its served simulation, or never reached it (nothing listening, a
 * wrong token, another protocol version): why, in words, and the two ways on: try the link
 * again, or run the page's own simulation.
 */
export function AttachNotice() {
  const { attachedTo, lost, why } = useAppState(
    useShallow((s) => ({
      attachedTo: s.attachedTo,
      lost: s.connection === 'disconnected' || s.connection === 'crashed',
      why: s.workerError,
    })),
  )
  if (attachedTo === undefined || !lost) return null
  return (
    <section className="attach-notice" role="alert" data-testid="attach-error">
      <h2>Not attached to {attachedTo}</h2>
      <p data-testid="attach-error-text">{why ?? 'The connection ended.'}</p>
      <p className="attach-notice-actions">
        <button
          type="button"
          onClick={() => {
            location.reload()
          }}
          data-testid="attach-retry"
        >
          Try again
        </button>
        <a className="attach-local" href={localSearch(location.search)} data-testid="attach-local">
          Use the local simulation
        </a>
      </p>
    </section>
  )
}
