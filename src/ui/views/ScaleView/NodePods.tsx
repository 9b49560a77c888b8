import { useAppState } from '../../app/app-context'
import { ScrollRegion } from '../../components/ScrollRegion'
import { CONDITION_NAMES } from './scale-colors'
import { podCount } from './draw-scale'

/** One node zoomed: its condition and its Pods (110 at most: kubelet's maxPods default). */
export function NodePods({ node }: { node: string }) {
  const window = useAppState((s) => (s.nodePods?.node === node ? s.nodePods : undefined))
  const condition = useAppState((s) => {
    const i = s.scaleMap?.names.indexOf(node) ?? -1
    return CONDITION_NAMES[s.scaleMap?.conditions[i] ?? 2]
  })
  return (
    <section className="node-pods" data-testid="node-pods" aria-labelledby="node-pods-title">
      <h3 id="node-pods-title">
        {node}: {condition}, {window ? podCount(window.total) : 'loading its Pods…'}
      </h3>
      {window && window.total > 0 && (
        <ScrollRegion label={`Pods on ${node}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">NAME</th>
                <th scope="col">STATUS</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {window.rows.map((pod) => (
                <tr key={pod.key} data-testid="node-pod-row">
                  <td>{pod.name}</td>
                  <td className={`status status-${pod.status}`}>{pod.status}</td>
                  <td>{pod.ip || '<none>'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}
