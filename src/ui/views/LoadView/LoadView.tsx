import { useAppState } from '../../app/app-context'
import { formatBytes } from './format-bytes'
import { PriorityLevels } from './PriorityLevels'
import { RecentLists } from './RecentLists'
import './load.css'

interface MeterProps {
  label: string
  value: string
  detail?: string
  tone?: 'warn' | 'bad' | undefined
  testId: string
}

function Meter({ label, value, detail, tone, testId }: MeterProps) {
  return (
    <div className={`load-meter${tone ? ` ${tone}` : ''}`} data-testid={testId}>
      <span className="load-meter-label">{label}</span>
      <span className="load-meter-value">{value}</span>
      {detail !== undefined && <span className="load-meter-detail">{detail}</span>}
    </div>
  )
}

/**
 * The Load tab: what the API server and etcd are doing now (seats in use, queued requests,
 * 429s) and have done (bytes read from etcd, bytes sent, the watch cache's size), by priority
 * level, and what the last LISTs cost. Counters come from the simulation's load meters.
 */
export function LoadView() {
  const load = useAppState((s) => s.load)
  const api = load?.apiServers[0]
  const last = load?.lastList
  return (
    <section className="load panel" aria-labelledby="load-title" data-testid="load-view">
      <div className="panel-header">
        <h2 id="load-title">API server and etcd load</h2>
      </div>
      {!api ? (
        <p className="muted">No API server yet.</p>
      ) : (
        <>
          <div className="load-meters">
            <Meter
              testId="meter-inflight"
              label="In flight"
              value={String(api.inFlight)}
              detail={`${String(api.levels.reduce((sum, l) => sum + l.seatsInUse, 0))} of ${String(api.serverSeats)} seats`}
            />
            <Meter
              testId="meter-queued"
              label="Queued (APF)"
              value={String(api.queued)}
              tone={api.queued > 0 ? 'warn' : undefined}
            />
            <Meter
              testId="meter-429"
              label="Rejected 429"
              value={String(api.tooManyRequests)}
              tone={api.tooManyRequests > 0 ? 'bad' : undefined}
            />
            <Meter
              testId="meter-etcd-read"
              label="Read from etcd"
              value={formatBytes(api.etcdRangeBytes)}
              detail={`${String(api.etcdRanges)} ranges · watch ${formatBytes(api.etcdWatchBytes)}`}
            />
            <Meter
              testId="meter-sent"
              label="Sent to clients"
              value={formatBytes(api.bytesSent)}
              detail={`${String(api.requests)} responses`}
            />
            <Meter
              testId="meter-cache"
              label="Watch cache"
              value={formatBytes(api.watchCacheBytes)}
              detail={`${String(api.watchCacheObjects)} objects`}
            />
          </div>
          {last && (
            <p className="load-last" data-testid="last-list">
              <code>kubectl {last.line}</code>: {last.pages} {last.pages === 1 ? 'page' : 'pages'},{' '}
              {last.items} items, {formatBytes(last.bytes)},{' '}
              {Math.max(0, last.finishedMs - last.startedMs)} ms
            </p>
          )}
          <RecentLists lists={api.recentLists} />
          <PriorityLevels levels={api.levels} />
        </>
      )}
    </section>
  )
}
