import type { ComponentRecord } from '../../protocol/records'
import { COMPONENT_HEIGHT, type Draft } from './layout-draft'
import { chipArea, spot } from './layout-text'
import { CHIP_GAP, CHIP_HEIGHT, FONTS, type ChipArea } from './layout-types'
import { textWidth } from './text-width'

// A node's title row is taller than other hosts': message routes run in a channel between the
// title and the components, so a line never crosses the node's name.
export const NODE_TITLE_ROW = 36
const NODE_GAP = 14
const NODE_MIN_WIDTH = 190
const COMPONENT_GAP = 8
// Inside a node: a little tighter than other hosts, so two components fit a 190 px node.
const PAD = 10
const COMPONENT_MIN_WIDTH = 88
const MAX_POD_ROWS = 6

export interface NodesSection {
  podAreas: Record<string, ChipArea>
  bottom: number
}

/** Node names in natural order (node-2 before node-10). */
export function nodeNames(components: readonly ComponentRecord[]): string[] {
  return [...new Set(components.filter((c) => c.kind === 'kubelet').map((c) => c.host))].sort(
    (a, b) => a.localeCompare(b, 'en', { numeric: true }),
  )
}

/** How the nodes are gridded for a width: balanced rows of at most as many columns as fit. */
export function nodeGrid(count: number, width: number): { columns: number; nodeWidth: number } {
  const fit = Math.max(1, Math.floor((width - 20 + NODE_GAP) / (NODE_MIN_WIDTH + NODE_GAP)))
  const rows = Math.ceil(Math.max(1, count) / fit)
  const columns = Math.ceil(Math.max(1, count) / rows)
  return { columns, nodeWidth: (width - 20 - NODE_GAP * (columns - 1)) / columns }
}

/** The height of one node box with `podRows` rows of chips. */
function nodeHeight(componentRows: number, podRows: number): number {
  return (
    NODE_TITLE_ROW +
    componentRows * (COMPONENT_HEIGHT + COMPONENT_GAP) +
    podRows * (CHIP_HEIGHT + CHIP_GAP) +
    4
  )
}

/**
 * Worker nodes in a grid: kubelet, containerd and kube-proxy in one row when the node is wide
 * enough (kubelet beside containerd, which only it talks to), else kubelet and kube-proxy above
 * containerd; then the node's Pods as chips, in as many rows as fit `maxHeight`.
 */
export function placeNodes(
  draft: Draft,
  components: readonly ComponentRecord[],
  top: number,
  maxHeight: number,
  minPodRows = 1,
): NodesSection {
  const names = nodeNames(components)
  const { columns, nodeWidth } = nodeGrid(names.length, draft.width)
  const inner = nodeWidth - 2 * PAD
  const oneRow = inner >= 3 * COMPONENT_MIN_WIDTH + 2 * COMPONENT_GAP
  const componentRows = oneRow ? 1 : 2
  const gridRows = Math.ceil(names.length / columns)
  const heightWith = (podRows: number) =>
    top + gridRows * (nodeHeight(componentRows, podRows) + NODE_GAP) - NODE_GAP + 8
  // As many chip rows as the height allows (at least one, at most MAX_POD_ROWS); two when the
  // page scrolls anyway.
  const scrolls = maxHeight === Infinity
  let podRows = scrolls ? Math.max(2, minPodRows) : minPodRows
  while (!scrolls && podRows < MAX_POD_ROWS && heightWith(podRows + 1) <= maxHeight) podRows++
  const height = nodeHeight(componentRows, podRows)
  const podAreas: Record<string, ChipArea> = {}
  const slot = oneRow ? (inner - 2 * COMPONENT_GAP) / 3 : (inner - COMPONENT_GAP) / 2
  names.forEach((name, i) => {
    const x = 10 + (i % columns) * (nodeWidth + NODE_GAP)
    const y = top + Math.floor(i / columns) * (height + NODE_GAP)
    const titleWidth = textWidth(name, FONTS.title)
    draft.hosts.push({
      id: name,
      label: name,
      kind: 'node',
      x,
      y,
      width: nodeWidth,
      height,
      title: spot(x + 10, y + 18, 'start', FONTS.title, nodeWidth - 20),
      badge: spot(x + nodeWidth - 10, y + 18, 'end', FONTS.sub, nodeWidth - 34 - titleWidth),
    })
    const row0 = y + NODE_TITLE_ROW
    const row1 = row0 + COMPONENT_HEIGHT + COMPONENT_GAP
    const column = (k: number) => x + PAD + k * (slot + COMPONENT_GAP)
    for (const c of components.filter((k) => k.host === name)) {
      if (c.kind === 'kubelet') draft.placed[c.id] = draft.place(c, column(0), row0, slot)
      if (c.kind === 'container-runtime')
        draft.placed[c.id] = oneRow
          ? draft.place(c, column(1), row0, slot)
          : draft.place(c, column(0), row1, slot)
      if (c.kind === 'kube-proxy')
        draft.placed[c.id] = draft.place(c, column(oneRow ? 2 : 1), row0, slot)
    }
    const chipsTop = row0 + componentRows * (COMPONENT_HEIGHT + COMPONENT_GAP)
    const area = chipArea({ x: x + PAD, y: chipsTop, width: inner, height: 0 }, podRows)
    area.height = podRows * (CHIP_HEIGHT + CHIP_GAP) - CHIP_GAP
    podAreas[name] = area
  })
  return { podAreas, bottom: top + gridRows * (height + NODE_GAP) - NODE_GAP + 8 }
}
