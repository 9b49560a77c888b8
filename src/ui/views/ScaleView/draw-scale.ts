import type { MessageRecord } from '../../../protocol/records'
import type { ScaleMap } from '../../../store/apply-scale'
import {
  LABEL_FONT_PX,
  NODES_PER_RACK,
  type OverviewLayout,
  type RackLayout,
  type Rect,
} from '../../viz/rack-layout'
import { conditionColor, type ScalePalette } from './scale-colors'

const FONT = `${String(LABEL_FONT_PX)}px system-ui, sans-serif`

/** The busiest node's Pods: a full cell (at least 1, so an empty cluster draws empty cells). */
export function busiest(map: ScaleMap): number {
  let full = 1
  for (const pods of map.pods) if (pods > full) full = pods
  return full
}

/** A node's cell: an outline in its condition's colour, filled from the bottom by its Pods. */
function drawCell(
  ctx: CanvasRenderingContext2D,
  cell: Rect,
  fraction: number,
  color: string,
  palette: ScalePalette,
): void {
  ctx.fillStyle = palette.empty
  ctx.fillRect(cell.x, cell.y, cell.width, cell.height)
  const filled = Math.round(cell.height * Math.min(1, fraction))
  ctx.fillStyle = color
  ctx.fillRect(cell.x, cell.y + cell.height - filled, cell.width, filled)
  ctx.strokeStyle = color
  ctx.lineWidth = 1
  ctx.strokeRect(cell.x + 0.5, cell.y + 0.5, cell.width - 1, cell.height - 1)
}

/**
 * What a canvas of cells shows: the nodes' figures and the scale they are drawn to. Kept by the
 * view between drawings so that a frame redraws only the cells that moved.
 */
export interface DrawnCells {
  map: ScaleMap
  full: number
  palette: ScalePalette
}

/**
 * The cells to draw again: all of them when the whole picture changed (another node list, the
 * busiest node's Pods, the theme), else the nodes whose Pods or condition changed (a frame
 * carries a few dozen of 5,000 while the cluster fills). Pure.
 */
export function cellsToRedraw(before: DrawnCells | undefined, now: DrawnCells): 'all' | number[] {
  if (
    before?.map.names !== now.map.names ||
    before.full !== now.full ||
    before.palette !== now.palette
  )
    return 'all'
  const { pods, conditions } = now.map
  if (before.map.pods === pods && before.map.conditions === conditions) return []
  const changed: number[] = []
  for (let i = 0; i < pods.length; i++)
    if (pods[i] !== before.map.pods[i] || conditions[i] !== before.map.conditions[i])
      changed.push(i)
  return changed
}

/** Every rack: its label, and a cell per node (or only the cells `only` names, over the last drawing). */
export function drawOverview(
  ctx: CanvasRenderingContext2D,
  layout: OverviewLayout,
  map: ScaleMap,
  palette: ScalePalette,
  only: 'all' | readonly number[] = 'all',
): void {
  const full = busiest(map)
  const drawAt = (i: number) => {
    const color = conditionColor(palette, map.conditions[i])
    drawCell(ctx, layout.cellOf(i), (map.pods[i] ?? 0) / full, color, palette)
  }
  if (only !== 'all') {
    for (const i of only) if (i < map.names.length) drawAt(i)
    return
  }
  ctx.clearRect(0, 0, layout.width, layout.height)
  ctx.font = FONT
  ctx.textBaseline = 'alphabetic'
  for (const rack of layout.racks) {
    ctx.fillStyle = palette.ink
    ctx.fillText(rack.label, rack.x, rack.labelY)
  }
  for (let i = 0; i < map.names.length; i++) drawAt(i)
}

/** One rack zoomed: each node's name and Pod count in its cell. */
export function drawRack(
  ctx: CanvasRenderingContext2D,
  layout: RackLayout,
  map: ScaleMap,
  palette: ScalePalette,
): void {
  const full = busiest(map)
  ctx.clearRect(0, 0, layout.width, layout.height)
  ctx.font = FONT
  for (const cell of layout.cells) {
    const condition = map.conditions[cell.node]
    const color = conditionColor(palette, condition)
    // A thin bar under the text: the fill, so the text stays on the plain background.
    ctx.fillStyle = palette.empty
    ctx.fillRect(cell.x, cell.y, cell.width, cell.height)
    ctx.fillStyle = color
    const bar = Math.round((cell.width - 2) * Math.min(1, (map.pods[cell.node] ?? 0) / full))
    ctx.fillRect(cell.x + 1, cell.y + cell.height - 6, bar, 5)
    ctx.strokeStyle = color
    ctx.lineWidth = 2
    ctx.strokeRect(cell.x + 1, cell.y + 1, cell.width - 2, cell.height - 2)
    ctx.fillStyle = palette.ink
    ctx.fillText(map.names[cell.node] ?? '', cell.x + 5, cell.y + 15)
    ctx.fillStyle = palette.muted
    ctx.fillText(podCount(map.pods[cell.node] ?? 0), cell.x + 5, cell.y + 29)
  }
}

/** The node a component runs on ("kubelet/node-12" → "node-12"), if it is a node's. */
const nodeOf = (actor: string): string | undefined => /(^|\/)(node-\d+)$/.exec(actor)?.[2]

/**
 * Messages in flight to or from a node, as dots between the control plane (the top edge) and
 * the node's cell, at the fraction of their flight virtual time has covered. The store keeps a
 * sample of a few hundred at most; this draws those whose node is on screen.
 */
export function drawMessages(
  ctx: CanvasRenderingContext2D,
  messages: readonly MessageRecord[],
  cellOfNode: (node: string) => Rect | undefined,
  nowMs: number,
  width: number,
  palette: ScalePalette,
): number {
  let drawn = 0
  ctx.fillStyle = palette.message
  for (const m of messages) {
    const toNode = nodeOf(m.to)
    const node = toNode ?? nodeOf(m.from)
    const cell = node && cellOfNode(node)
    if (!cell || m.deliverAtMs <= m.sentAtMs) continue
    const t = Math.min(1, Math.max(0, (nowMs - m.sentAtMs) / (m.deliverAtMs - m.sentAtMs)))
    const from = { x: width / 2, y: 0 }
    const to = { x: cell.x + cell.width / 2, y: cell.y + cell.height / 2 }
    const [a, b] = toNode ? [from, to] : [to, from]
    ctx.beginPath()
    ctx.arc(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, 3, 0, Math.PI * 2)
    ctx.fill()
    drawn++
  }
  return drawn
}

export { NODES_PER_RACK }

/** "1 Pod", "2 Pods": a count as the cell reads it. */
export function podCount(count: number): string {
  return `${String(count)} ${count === 1 ? 'Pod' : 'Pods'}`
}
