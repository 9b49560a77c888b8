import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../app/app-context'
import { ScrollRegion } from '../components/ScrollRegion'
import { VirtualPodsTable } from './VirtualPodsTable'
import { ScalePodsTable } from './ScalePodsTable'
import { PodHeaderRow } from './PodHeaderRow'
import { PodRow } from './PodRow'

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
              <PodHeaderRow />
            </thead>
            <tbody>
              {pods.map((pod) => (pod ? <PodRow key={pod.key} pod={pod} nowMs={nowMs} /> : null))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}
