import { useAppState, useServices } from './app-context'

interface NoticesProps {
  /** Warnings about the address (bad values ignored), from the start. */
  warnings: string[]
}

/** What the student should know: ignored link values, a lesson that does not exist, a worker crash. */
export function Notices({ warnings }: NoticesProps) {
  const { store } = useServices()
  const notices = useAppState((s) => s.notices)
  const workerError = useAppState((s) => s.workerError)
  if (warnings.length === 0 && notices.length === 0 && !workerError) return null
  return (
    <div className="notices" role="alert">
      {[...warnings, ...notices].map((w) => (
        <p key={w}>{w}</p>
      ))}
      {workerError && <p data-testid="worker-error">{workerError}</p>}
      {notices.length > 0 && (
        <button type="button" className="link" onClick={() => store.setState({ notices: [] })}>
          Dismiss
        </button>
      )}
    </div>
  )
}
