import type { QueuedPodView, QueueRecord } from '../../../protocol/records'
import { useAppState } from '../../app/app-context'

const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`

interface QueueListProps {
  title: string
  explain: string
  testId: string
  entries: QueuedPodView[]
  length: number
  detail: (p: QueuedPodView) => string
}

function QueueList({ title, explain, testId, entries, length, detail }: QueueListProps) {
  return (
    <section className="queue" data-testid={testId} aria-label={title}>
      <h3>
        {title} <span className="count">{length}</span>
      </h3>
      <p className="muted">{explain}</p>
      {entries.length === 0 ? (
        <p className="empty">empty</p>
      ) : (
        <ul>
          {entries.map((p) => (
            <li key={p.pod}>
              <strong>{p.pod}</strong>{' '}
              <span className="muted">
                priority {p.priority}, attempts {p.attempts}
              </span>
              <br />
              {detail(p)}
            </li>
          ))}
          {length > entries.length && (
            <li className="muted">… and {length - entries.length} more</li>
          )}
        </ul>
      )}
    </section>
  )
}

/** The scheduling queue: activeQ, backoffQ with its countdown, unschedulablePods with the flush. */
export function QueueView() {
  const queue = useAppState((s) => s.schedulerQueue)
  const now = useAppState((s) => Math.floor(s.simTimeMs / 100) * 100)
  if (!queue) return <p className="muted">The scheduler has not reported its queue yet.</p>
  return <QueueLists queue={queue} now={now} />
}

function QueueLists({ queue, now }: { queue: QueueRecord; now: number }) {
  const flushMin = queue.podMaxInUnschedulablePodsMs / 60_000
  return (
    <div className="queues">
      <QueueList
        title="activeQ"
        testId="queue-active"
        explain="Waiting for the next scheduling cycle, highest priority first (PrioritySort)."
        entries={[...queue.inFlight, ...queue.activeQ]}
        length={queue.lengths.activeQ + queue.lengths.inFlight}
        detail={(p) =>
          queue.inFlight.some((f) => f.pod === p.pod) ? 'being scheduled now' : 'next up'
        }
      />
      <QueueList
        title="backoffQ"
        testId="queue-backoff"
        explain="Retried after a backoff of 1 s, 2 s, 4 s … up to 10 s per attempt; the 1 s flush moves them back to activeQ."
        entries={queue.backoffQ}
        length={queue.lengths.backoffQ}
        detail={(p) =>
          `back to activeQ in ${seconds((p.movesAtMs ?? now) - now)} (backoff ends at ${seconds(p.backoffExpiresAtMs ?? 0)})`
        }
      />
      <QueueList
        title="unschedulablePods"
        testId="queue-unschedulable"
        explain={`Parked until a cluster event that the rejecting plugins care about (a queueing hint says Queue), or at most ${flushMin} minutes (the flush every ${queue.unschedulableFlushIntervalMs / 1000} s).`}
        entries={queue.unschedulablePods}
        length={queue.lengths.unschedulablePods}
        detail={(p) =>
          `rejected by ${p.unschedulablePlugins.join(', ') || 'no plugin (error)'}; ${p.movesAtMs !== undefined ? `the ${flushMin}-minute flush moves it in ${seconds(p.movesAtMs - now)}` : 'gated'}`
        }
      />
    </div>
  )
}
