import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { ScrollRegion } from '../../components/ScrollRegion'
import { selectNodeMap } from '../../viz/node-map'
import { CONDITION_NAMES } from './scale-colors'
import { podCount } from './draw-scale'

/** One node zoomed: its condition and its Pods (110 at most: kubelet's maxPods default). */
export function NodePods({ node }: { node: string }) {
  // Scale mode: the worker sends the zoomed node's Pods; otherwise the store has every Pod.
  const scale = useAppState((s) => s.scaleRun !== undefined)
  const sent = useAppState((s) => (s.nodePods?.node === node ? s.nodePods.rows : undefined))
  const stored = useAppState(
    useShallow((s) => (scale ? [] : Object.values(s.pods).filter((p) => p.node === node))),
  )
  const rows = scale ? sent : stored
  const condition = useAppState((s) => {
    const map = selectNodeMap(s)
    return CONDITION_NAMES[map.conditions[map.names.indexOf(node)] ?? 2]
  })
  return (
    <section className="node-pods" data-testid="node-pods" aria-labelledby="node-pods-title">
      <h3 id="node-pods-title">
        {node}: {condition}, {rows ? podCount(rows.length) : 'loading its Pods…'}
      </h3>
      {rows && rows.length > 0 && (
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
              {rows.map((pod) => (
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
