import { memo, useMemo, useRef } from 'react'
import { useServices } from '../../app/app-context'
import { useContainerSize } from '../ClusterMap/use-container-size'
import { layoutOverview, layoutRack, NODES_PER_RACK, nodeAt, rackAt } from '../../viz/rack-layout'
import { selectNodeMap } from '../../viz/node-map'
import { useScalePainting, type CanvasLayout } from './use-scale-painting'

interface ScaleCanvasProps {
  nodes: number
  /** undefined: every rack; a number: that rack zoomed. */
  rack: number | undefined
  onRack: (rack: number) => void
  onNode: (node: string) => void
  label: string
  /** The element whose text describes the canvas further (the heading's totals). */
  describedBy: string
}

/**
 * The overview on a <canvas>: every node as a cell in racks of 100, or one rack's nodes with
 * their names, and the messages in flight on a second canvas above it (use-scale-painting.ts
 * paints both from the store, never through a React render).
 */
export const ScaleCanvas = memo(function ScaleCanvas({
  nodes,
  rack,
  onRack,
  onNode,
  label,
  describedBy,
}: ScaleCanvasProps) {
  const { store } = useServices()
  const boxRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const messagesRef = useRef<HTMLCanvasElement>(null)
  const { width: measured, height } = useContainerSize(boxRef)
  const width = measured || 320
  const first = (rack ?? 0) * NODES_PER_RACK
  const count = Math.max(0, Math.min(NODES_PER_RACK, nodes - first))
  const layout = useMemo<CanvasLayout>(
    () =>
      rack === undefined
        ? { kind: 'all', ...layoutOverview(nodes, width, height) }
        : { kind: 'rack', first, ...layoutRack(first, count, width) },
    [rack, nodes, width, height, first, count],
  )
  useScalePainting(store, layout, canvasRef, messagesRef)
  const onClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    const x = event.clientX - box.left
    const y = event.clientY - box.top
    if (layout.kind === 'all') {
      const hit = rackAt(layout, x, y)
      if (hit !== undefined) onRack(hit)
      return
    }
    const node = nodeAt(layout, x, y)
    const name = node === undefined ? undefined : selectNodeMap(store.getState()).names[node]
    if (name) onNode(name)
  }
  return (
    // A scrollable region must take focus to be scrollable from the keyboard (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div ref={boxRef} className="scale-canvas-box" role="region" aria-label="Nodes" tabIndex={0}>
      {/* The selects beside the canvas do the same for keyboard users. */}
      <div className="scale-layers" style={{ width: layout.width, height: layout.height }}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={label}
          aria-describedby={describedBy}
          data-testid={layout.kind === 'all' ? 'scale-canvas' : 'rack-canvas'}
          style={{ width: layout.width, height: layout.height }}
          onClick={onClick}
        />
        <canvas
          ref={messagesRef}
          className="scale-messages"
          aria-hidden="true"
          style={{ width: layout.width, height: layout.height }}
        />
      </div>
    </div>
  )
})
