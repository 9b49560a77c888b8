import { useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState } from './app-context'
import { ClusterMap } from '../views/ClusterMap/ClusterMap'
import { useContainerSize } from '../views/ClusterMap/use-container-size'
import { ScaleOverview } from '../views/ScaleView/ScaleOverview'
import { drawsEveryNode, workerNodes } from '../viz/map-fit'

/**
 * The stage's map: scale mode's overview; otherwise the cluster map, or the overview by itself
 * when there are too many nodes to draw one by one legibly, with a button to switch either way.
 */
export function StageMap() {
  const scaleRun = useAppState((s) => s.scaleRun !== undefined)
  const components = useAppState(useShallow((s) => s.components))
  const boxRef = useRef<HTMLDivElement>(null)
  const width = useContainerSize(boxRef).width
  const screenHeight = window.innerHeight
  const [choice, setChoice] = useState<'map' | 'overview' | undefined>(undefined)
  const fits = useMemo(
    () => drawsEveryNode(components, width || 320, screenHeight),
    [components, width, screenHeight],
  )
  if (scaleRun) return <ScaleOverview />
  const overview = choice === undefined ? !fits : choice === 'overview'
  const nodes = workerNodes(components)
  // Every node drawn though they do not fit: the map scrolls in its box (keyboard too).
  const scrolls = !fits && !overview
  return (
    <div
      ref={boxRef}
      className={`stage-map${scrolls ? ' scrolls' : ''}`}
      {...(scrolls ? { role: 'region', 'aria-label': 'Cluster map, every node', tabIndex: 0 } : {})}
    >
      {(!fits || choice !== undefined) && (
        <p className="map-switch" data-testid="map-switch">
          {overview
            ? `${String(nodes)} nodes: too many to draw one by one, so each is a cell.`
            : `${String(nodes)} nodes, drawn one by one.`}{' '}
          <button
            type="button"
            onClick={() => {
              setChoice(overview ? 'map' : 'overview')
            }}
          >
            {overview ? 'Draw every node' : 'Show the overview'}
          </button>
        </p>
      )}
      {width === 0 ? null : overview ? <ScaleOverview /> : <ClusterMap />}
    </div>
  )
}
