/**
 * Scale mode's overview layout (pure, CSS pixels): nodes in racks of 100 (10 × 10 cells), as
 * many racks a row as fit the width; zoomed to one rack, its nodes as cells big enough for a
 * name and a Pod count. Text is never under 12 px.
 */

export const NODES_PER_RACK = 100
const RACK_COLUMNS = 10
export const LABEL_FONT_PX = 12
const LABEL_HEIGHT = 18
const RACK_GAP = 12
const MIN_CELL = 5
const MAX_CELL = 14
const CELL_GAP = 1

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface RackBox extends Rect {
  index: number
  label: string
  /** Label baseline. */
  labelY: number
}

export interface OverviewLayout {
  width: number
  height: number
  cell: number
  racks: RackBox[]
  /** Cell of node `i` (in node order). */
  cellOf(i: number): Rect
}

/** How many racks `nodes` nodes fill. */
export const rackCount = (nodes: number): number => Math.ceil(nodes / NODES_PER_RACK)

/** The first and last node (1-based, inclusive) in a rack: its label. */
export function rackLabel(index: number, nodes: number): string {
  const first = index * NODES_PER_RACK + 1
  const last = Math.min(nodes, (index + 1) * NODES_PER_RACK)
  return `nodes ${String(first)}–${String(last)}`
}

/**
 * All racks, fitted to `width` and, when it is known, `height` (the box the canvas is in): cells
 * as big as let every rack show at once (5–14 px), racks in rows. When even 5 px cells are too
 * tall (5,000 nodes in a small window) the box scrolls.
 */
export function layoutOverview(nodes: number, width: number, height = 0): OverviewLayout {
  const racks = rackCount(nodes)
  // The label ("nodes 4901–5000", about 100 px at 12 px) sets a rack's least width.
  const minRackWidth = 104
  // A box that grows with its content (a phone's page scrolls as a whole) measures the canvas
  // itself: the cap keeps the overview from growing on every measure.
  const limit = height > 0 ? Math.min(height, 900) : 900
  let cell = MAX_CELL
  for (; cell > MIN_CELL; cell--) {
    const grid = RACK_COLUMNS * (cell + CELL_GAP)
    const perRow = Math.max(
      1,
      Math.floor((width + RACK_GAP) / (Math.max(minRackWidth, grid) + RACK_GAP)),
    )
    const rows = Math.ceil(racks / perRow)
    if (rows * (grid + LABEL_HEIGHT + RACK_GAP) - RACK_GAP <= limit) break
  }
  const grid = RACK_COLUMNS * (cell + CELL_GAP)
  const rackWidth = Math.max(minRackWidth, grid)
  const perRow = Math.max(1, Math.floor((width + RACK_GAP) / (rackWidth + RACK_GAP)))
  const rackHeight = LABEL_HEIGHT + grid
  const boxes: RackBox[] = Array.from({ length: racks }, (_, index) => {
    const x = (index % perRow) * (rackWidth + RACK_GAP)
    const y = Math.floor(index / perRow) * (rackHeight + RACK_GAP)
    return {
      index,
      label: rackLabel(index, nodes),
      x,
      y,
      width: rackWidth,
      height: rackHeight,
      labelY: y + LABEL_FONT_PX + 1,
    }
  })
  const rows = Math.ceil(racks / perRow)
  return {
    width: Math.min(width, perRow * (rackWidth + RACK_GAP)),
    height: Math.max(0, rows * (rackHeight + RACK_GAP) - RACK_GAP),
    cell,
    racks: boxes,
    cellOf: (i) => {
      const rack = boxes[Math.floor(i / NODES_PER_RACK)] ?? boxes[0]
      const within = i % NODES_PER_RACK
      return {
        x: (rack?.x ?? 0) + (within % RACK_COLUMNS) * (cell + CELL_GAP),
        y: (rack?.y ?? 0) + LABEL_HEIGHT + Math.floor(within / RACK_COLUMNS) * (cell + CELL_GAP),
        width: cell,
        height: cell,
      }
    },
  }
}

/** The rack under a point of the overview, if any. */
export function rackAt(layout: OverviewLayout, x: number, y: number): number | undefined {
  return layout.racks.find((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)
    ?.index
}

export interface RackLayout {
  width: number
  height: number
  columns: number
  cells: (Rect & { node: number })[]
}

// A zoomed cell holds "node-4999" and "110 Pods" at 12 px: about 64 px wide, two lines.
const NODE_CELL_MIN_WIDTH = 72
const NODE_CELL_HEIGHT = 40
const NODE_CELL_GAP = 4

/** One rack's nodes (indexes `first` … `first + count - 1`), as labelled cells. */
export function layoutRack(first: number, count: number, width: number): RackLayout {
  const columns = Math.max(
    1,
    Math.min(
      RACK_COLUMNS,
      Math.floor((width + NODE_CELL_GAP) / (NODE_CELL_MIN_WIDTH + NODE_CELL_GAP)),
    ),
  )
  const cellWidth = Math.floor((width + NODE_CELL_GAP) / columns) - NODE_CELL_GAP
  const cells = Array.from({ length: count }, (_, i) => ({
    node: first + i,
    x: (i % columns) * (cellWidth + NODE_CELL_GAP),
    y: Math.floor(i / columns) * (NODE_CELL_HEIGHT + NODE_CELL_GAP),
    width: cellWidth,
    height: NODE_CELL_HEIGHT,
  }))
  const rows = Math.ceil(count / columns)
  return {
    width,
    height: Math.max(0, rows * (NODE_CELL_HEIGHT + NODE_CELL_GAP) - NODE_CELL_GAP),
    columns,
    cells,
  }
}

/** The node under a point of a zoomed rack, if any. */
export function nodeAt(layout: RackLayout, x: number, y: number): number | undefined {
  return layout.cells.find((c) => x >= c.x && x < c.x + c.width && y >= c.y && y < c.y + c.height)
    ?.node
}
