import { useShallow } from 'zustand/react/shallow'
import { dismissDroppedAction } from '../../store/apply-frame'
import { useAppState, useServices } from '../app/app-context'

interface NoticesProps {
  warnings: string[]
}

// A component crash stays in the notices this long after its restart (virtual time).
const CRASH_NOTICE_MS = 60_000

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`

/**
 * What went wrong and was dealt with, in one alert area under the header: ignored URL
 * parameters, a lesson link or saved progress that could not be followed, a worker crash being recovered, actions recovery had to drop, and components
 * that crashed inside the simulation and were restarted.
 */
export function Notices({ warnings }: NoticesProps) {
  const { store } = useServices()
  // An attached page's lost connection is AttachNotice's to say, with the ways on.
  const workerError = useAppState((s) =>
    s.attachedTo !== undefined && (s.connection === 'disconnected' || s.connection === 'crashed')
      ? undefined
      : s.workerError,
  )
  // Messages the app raised for the student: a lesson that does not exist, saved progress that
  // could not be read.
  const notices = useAppState(useShallow((s) => s.notices))
  const notice = useAppState((s) => s.notice)
  const dropped = useAppState(useShallow((s) => s.droppedActions))
  const simTimeMs = useAppState((s) => Math.floor(s.simTimeMs / 500) * 500)
  const crashes = useAppState(
    useShallow((s) =>
      s.crashes.filter(
        (c) => c.atMs <= s.simTimeMs && s.simTimeMs - c.restartAtMs < CRASH_NOTICE_MS,
      ),
    ),
  )
  if (
    warnings.length === 0 &&
    notices.length === 0 &&
    !workerError &&
    notice === undefined &&
    dropped.length === 0 &&
    crashes.length === 0
  )
    return null
  return (
    <div className="notices" role="alert">
      {warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
      {notices.map((n) => (
        <p key={n} data-testid="notice">
          {n}{' '}
          <button
            type="button"
            className="notice-dismiss"
            onClick={() => {
              store.setState({ notices: store.getState().notices.filter((other) => other !== n) })
            }}
          >
            Dismiss
          </button>
        </p>
      ))}
      {notice !== undefined && <p data-testid="notice">{notice}</p>}
      {workerError && <p data-testid="worker-error">{workerError}</p>}
      {dropped.map((d, i) => (
        <p key={`${d.atMs}-${d.summary}`} data-testid="dropped-action">
          <strong>Dropped “{d.summary}”</strong> (at {seconds(d.atMs)}): replaying it crashed the
          simulation again ({d.reason}). Everything else you did was replayed.{' '}
          <button
            type="button"
            className="notice-dismiss"
            onClick={() => {
              dismissDroppedAction(store, i)
            }}
          >
            Dismiss
          </button>
        </p>
      ))}
      {crashes.map((c) => (
        <p key={`${c.actor}-${c.atMs}`} data-testid="component-crash">
          <strong>{c.actor} crashed</strong>: {c.error};{' '}
          {simTimeMs >= c.restartAtMs
            ? `restarted by ${c.restarter}`
            : `${c.restarter} restarts it in ${seconds(c.restartAtMs - simTimeMs)}`}
        </p>
      ))}
    </div>
  )
}
