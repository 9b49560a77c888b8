import { useShallow } from 'zustand/react/shallow'
import { useAppState } from './app-context'

const ATTACHED_HELP =
  'A served simulation (npm run serve) that a real kubectl drives. Play, pause, speed, faults and your kubectl commands act on it, for everyone attached; it cannot go back in time.'

/** The simulation's state: the page's own worker, or the served simulation it is attached to. */
export function ConnectionBadge() {
  const { connection, attachedTo } = useAppState(
    useShallow((s) => ({ connection: s.connection, attachedTo: s.attachedTo })),
  )
  if (attachedTo === undefined)
    return (
      <span className={`badge connection-${connection}`} data-testid="connection">
        {connection === 'ready' ? 'simulation running' : connection}
      </span>
    )
  const text =
    connection === 'ready'
      ? `Attached to ${attachedTo}`
      : connection === 'starting'
        ? `Attaching to ${attachedTo}…`
        : `Detached from ${attachedTo}`
  return (
    <span
      className={`badge attach-badge attach-${connection === 'ready' ? 'live' : connection}`}
      data-testid="connection"
      title={ATTACHED_HELP}
    >
      {text}
    </span>
  )
}
