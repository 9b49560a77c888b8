import type { TrafficBar } from '../../viz/traffic-summary'

interface TrafficBarsProps {
  bars: TrafficBar[]
  done: number
  total: number
  mode: 'iptables' | 'ipvs'
}

/** How far the run is, and the requests that did not reach a Pod (red), by reason. */
export function TrafficBars({ bars, done, total, mode }: TrafficBarsProps) {
  const failed = bars.filter((b) => b.failed)
  return (
    <figure className="traffic-bars" data-testid="traffic-bars">
      <figcaption>
        {done} of {total} requests finished ({mode === 'ipvs' ? 'IPVS rr' : 'iptables random'})
        {failed.length === 0 && done > 0 ? ', every one answered' : ''}
      </figcaption>
      {failed.map((bar) => (
        <div key={bar.label} className="traffic-bar failed" data-testid="traffic-failure">
          <span className="traffic-label" title={bar.detail}>
            {bar.label}
          </span>
          <span className="traffic-track" aria-hidden="true">
            <span className="traffic-fill" style={{ width: `${Math.round(bar.share * 100)}%` }} />
          </span>
          <span className="traffic-count">
            {bar.count} ({Math.round(bar.share * 100)}%)
          </span>
        </div>
      ))}
    </figure>
  )
}
