import { useEffect, useMemo, useRef } from 'react'
import { useServices } from '../../app/app-context'
import { useContainerSize } from '../ClusterMap/use-container-size'
import {
  layoutOverview,
  layoutRack,
  NODES_PER_RACK,
  nodeAt,
  rackAt,
  type Rect,
} from '../../viz/rack-layout'
import { drawMessages, drawOverview, drawRack } from './draw-scale'
import { readPalette } from './scale-colors'
import { selectNodeMap } from '../../viz/node-map'

interface ScaleCanvasProps {
  nodes: number
  /** undefined: every rack; a number: that rack zoomed. */
  rack: number | undefined
  onRack: (rack: number) => void
  onNode: (node: string) => void
  label: string
}

/**
 * The overview on one <canvas>: every node as a cell in racks of 100, or one rack's nodes with
 * their names. Drawn in requestAnimationFrame from the store read transiently (never a React
 * render per frame), only when the store changed since the last drawing.
 */
export function ScaleCanvas({ nodes, rack, onRack, onNode, label }: ScaleCanvasProps) {
  const { store } = useServices()
  const boxRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const { width: measured, height } = useContainerSize(boxRef)
  const width = measured || 320
  const first = (rack ?? 0) * NODES_PER_RACK
  const count = Math.max(0, Math.min(NODES_PER_RACK, nodes - first))
  const layout = useMemo(
    () =>
      rack === undefined
        ? { kind: 'all' as const, ...layoutOverview(nodes, width, height) }
        : { kind: 'rack' as const, ...layoutRack(first, count, width) },
    [rack, nodes, width, height, first, count],
  )
  useEffect(() => {
    const canvas = canvasRef.current
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx) return
    const ratio = window.devicePixelRatio || 1
    canvas.width = Math.ceil(layout.width * ratio)
    canvas.height = Math.ceil(layout.height * ratio)
    let drawnState: unknown
    let handle = 0
    const draw = () => {
      handle = requestAnimationFrame(draw)
      const state = store.getState()
      if (state === drawnState) return
      drawnState = state
      const map = selectNodeMap(state)
      const palette = readPalette(canvas)
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
      ctx.clearRect(0, 0, layout.width, layout.height)
      const index = new Map(map.names.map((n, i) => [n, i]))
      let cellOf: (node: string) => Rect | undefined
      if (layout.kind === 'all') {
        drawOverview(ctx, layout, map, palette)
        cellOf = (node) => {
          const i = index.get(node)
          return i === undefined ? undefined : layout.cellOf(i)
        }
      } else {
        drawRack(ctx, layout, map, palette)
        cellOf = (node) => layout.cells[(index.get(node) ?? -1) - first]
      }
      if (!state.prefs.animationsPaused)
        drawMessages(ctx, state.inFlight, cellOf, state.simTimeMs, layout.width, palette)
    }
    handle = requestAnimationFrame(draw)
    return () => {
      cancelAnimationFrame(handle)
    }
  }, [layout, store, first])
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
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={label}
        data-testid={layout.kind === 'all' ? 'scale-canvas' : 'rack-canvas'}
        style={{ width: layout.width, height: layout.height }}
        onClick={onClick}
      />
    </div>
  )
}
