import { useShallow } from 'zustand/react/shallow'
import type { EndpointSliceRecord, ServiceRecord } from '../../../protocol/records'
import { useAppState, useServices } from '../../app/app-context'
import type { TrafficBar } from '../../viz/traffic-summary'

interface EndpointsTableProps {
  service: ServiceRecord
  endpoints: EndpointSliceRecord['endpoints']
  /** The latest run's requests per answering Pod, if there was a run. */
  bars: TrafficBar[] | undefined
}

/** A node's own processes: stopping them is the machine going down. */
const nodeComponents = (node: string) => [
  `container-runtime/${node}`,
  `kubelet/${node}`,
  `kube-proxy/${node}`,
]

/** The Service's endpoints (EndpointSlices), the requests each took, and a node power switch. */
export function EndpointsTable({ service, endpoints, bars }: EndpointsTableProps) {
  const { dispatch } = useServices()
  const stopped = useAppState(
    useShallow((s) =>
      s.components.filter((c) => c.kind === 'container-runtime' && !c.running).map((c) => c.host),
    ),
  )
  const down = new Set(stopped)
  const toggle = (node: string) => {
    const type = down.has(node) ? 'startComponent' : 'stopComponent'
    for (const id of nodeComponents(node)) dispatch({ type, id })
  }
  if (endpoints.length === 0)
    return (
      <p className="muted" data-testid="service-endpoints">
        No endpoints: no running Pod matches{' '}
        {Object.entries(service.selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || 'its selector'}
        .
      </p>
    )
  return (
    <table className="endpoints" data-testid="service-endpoints">
      <caption>
        Endpoints{' '}
        <span className="slice-label">
          (EndpointSlices labelled kubernetes.io/service-name={service.name})
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col">POD</th>
          <th scope="col">NODE</th>
          <th scope="col">READY</th>
          <th scope="col">REQUESTS</th>
        </tr>
      </thead>
      <tbody>
        {endpoints.map((e) => {
          const bar = bars?.find((b) => !b.failed && b.label === e.pod)
          return (
            <tr key={`${e.ip}-${e.pod}`} data-testid={`endpoint-${e.pod}`}>
              <td title={e.ip}>
                {e.pod}
                <div className="mono muted">{e.ip}</div>
              </td>
              <td>
                {e.node}
                <br />
                <button
                  type="button"
                  className="node-power"
                  onClick={() => {
                    toggle(e.node)
                  }}
                  data-testid={`node-power-${e.node}`}
                  aria-label={down.has(e.node) ? `start ${e.node}` : `stop ${e.node}`}
                >
                  {down.has(e.node) ? '▶ start' : '■ stop'}
                </button>
              </td>
              <td className={e.ready ? 'ok' : 'bad'}>
                {e.ready ? 'ready' : e.terminating ? 'terminating' : 'not ready'}
              </td>
              <td className="requests">
                {bars ? <RequestBar count={bar?.count ?? 0} share={bar?.share ?? 0} /> : '—'}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function RequestBar({ count, share }: { count: number; share: number }) {
  return (
    <span className="traffic-bar">
      <span className="traffic-track" aria-hidden="true">
        <span className="traffic-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="traffic-count">
        {count} ({Math.round(share * 100)}%)
      </span>
    </span>
  )
}
