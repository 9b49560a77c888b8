import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../app/app-context'
import { formatAge } from '../viz/age'
import { ScrollRegion } from '../components/ScrollRegion'
import { VirtualPodsTable } from './VirtualPodsTable'
import { ScalePodsTable } from './ScalePodsTable'

// More Pods than this and the table renders only the rows in view.
const VIRTUALISE_ABOVE_PODS = 200
const noFetch = () => undefined

/** The pods table: scale mode's window from the worker, or the store's Pods. */
export function PodsTable() {
  const scale = useAppState((s) => s.scaleRun !== undefined)
  return scale ? <ScalePodsTable /> : <StorePodsTable />
}

/** The pods, as `kubectl get pods -o wide` would list them (name, node, status, age). */
function StorePodsTable() {
  const pods = useAppState(useShallow((s) => s.podKeys.map((k) => s.pods[k])))
  const nowMs = useAppState((s) => Math.floor(s.simTimeMs / 1000) * 1000)
  return (
    <section className="pods panel" aria-labelledby="pods-title">
      <h2 id="pods-title">Pods</h2>
      {pods.length === 0 ? (
        <p className="muted">No resources found in default namespace.</p>
      ) : pods.length > VIRTUALISE_ABOVE_PODS ? (
        <VirtualPodsTable
          total={pods.length}
          rows={pods.filter((p) => p !== undefined)}
          offset={0}
          onWindow={noFetch}
          caption={`${String(pods.length)} Pods, by name; only the rows in view are drawn.`}
        />
      ) : (
        <ScrollRegion label="Pods table">
          <table data-testid="pods-table">
            <thead>
              <tr>
                <th scope="col">NAME</th>
                <th scope="col">READY</th>
                <th scope="col">STATUS</th>
                <th scope="col">RESTARTS</th>
                <th scope="col">AGE</th>
                <th scope="col">IP</th>
                <th scope="col">NODE</th>
              </tr>
            </thead>
            <tbody>
              {pods.map((pod) =>
                pod ? (
                  <tr key={pod.key} data-testid={`pod-row-${pod.name}`}>
                    <td>{pod.name}</td>
                    <td>{pod.ready}</td>
                    <td className={`status status-${pod.status}`}>{pod.status}</td>
                    <td>{pod.restarts}</td>
                    <td>{formatAge(pod.createdMs, nowMs)}</td>
                    <td>{pod.ip || '<none>'}</td>
                    <td>{pod.node || '<none>'}</td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}
