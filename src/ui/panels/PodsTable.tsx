import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../app/app-context'
import { formatAge } from '../viz/age'
import { ScrollRegion } from '../components/ScrollRegion'

/** The pods, as `kubectl get pods -o wide` would list them (name, node, status, age). */
export function PodsTable() {
  const pods = useAppState(useShallow((s) => s.podKeys.map((k) => s.pods[k])))
  const nowMs = useAppState((s) => Math.floor(s.simTimeMs / 1000) * 1000)
  return (
    <section className="pods panel" aria-labelledby="pods-title">
      <h2 id="pods-title">Pods</h2>
      {pods.length === 0 ? (
        <p className="muted">No resources found in default namespace.</p>
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
