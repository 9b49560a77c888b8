import type { ComponentRecord } from '../../protocol/records'
import { controlPlaneMachines, onControlPlaneMachine } from './layout-control-plane'
import { newDraft } from './layout-draft'
import { placeNodes } from './layout-nodes'
import { buildEdges, straight } from './layout-routes'
import { placeTop, type Arrangement } from './layout-top'
import type { ClusterLayout, Point } from './layout-types'

export type * from './layout-types'
export { anchor, messagePath } from './layout-routes'

// Between the control plane and the nodes: the bus every node-bound message travels along.
const BUS_GAP = 36

export interface LayoutSize {
  /** The map's width in CSS px: the layout is drawn 1:1, so text keeps its pixel size. */
  width: number
  /** The height the map may take before it scrolls; nodes get fewer chip rows to fit it. */
  maxHeight?: number
  /** Pod chip rows per node, at least. */
  minPodRows?: number
  /** Chip rows for the control-plane machines' Pods (kubeadm's static Pods): 0–2, default 2. */
  systemPodRows?: number
  /** A denser top when the default does not fit the height (see `layoutToFit`). */
  arrangement?: Arrangement
}

/**
 * Lays out the map in CSS pixels for the width it gets: your laptop and the Pending tray, the
 * control plane with etcd's members, then the worker nodes in a grid. Pure.
 */
export function layoutCluster(
  components: readonly ComponentRecord[],
  size: LayoutSize,
): ClusterLayout {
  const width = Math.max(320, Math.round(size.width))
  const draft = newDraft(width)
  // A control-plane machine's kubelet, runtime and kube-proxy are not drawn; its Pods are, as
  // chips inside the control plane.
  const shown = components.filter((c) => !onControlPlaneMachine(c))
  const topSection = placeTop(
    draft,
    shown,
    controlPlaneMachines(components),
    size.systemPodRows ?? 2,
    size.arrangement,
  )
  const nodesTop = topSection.bottom + BUS_GAP
  const nodes = placeNodes(draft, shown, nodesTop, size.maxHeight ?? Infinity, size.minPodRows ?? 1)
  const edges = buildEdges(draft, shown, nodesTop - BUS_GAP / 2)
  return {
    width,
    height: Math.max(nodes.bottom, topSection.bottom + 10),
    hosts: draft.hosts,
    components: draft.placed,
    edges,
    podAreas: {
      ...nodes.podAreas,
      pending: topSection.pending,
      ...(draft.systemPods ? { 'control-plane': draft.systemPods } : {}),
    },
    ...(draft.ticker ? { ticker: draft.ticker } : {}),
  }
}

// Zoom levels tried, largest first, when the map has room to spare (a big screen, a projector).
const ZOOMS = [1.6, 1.5, 1.4, 1.3, 1.2, 1.1]

/**
 * The largest zoom (≥ 1) at which the whole map, with two rows of Pod chips per node, fits
 * `width` × `height`, and the layout at that zoom (in layout units: draw it `zoom` times larger).
 * Without a height (the page scrolls), zoom 1. Pure.
 */
export function layoutToFit(
  components: readonly ComponentRecord[],
  width: number,
  height?: number,
): { layout: ClusterLayout; zoom: number } {
  if (height !== undefined && height > 0) {
    for (const zoom of ZOOMS) {
      if (width / zoom < 360) continue
      const size = { width: width / zoom, maxHeight: height / zoom, minPodRows: 2 }
      const layout = layoutCluster(components, size)
      if (layout.height <= height / zoom) return { layout, zoom }
    }
  }
  if (height === undefined || height <= 0)
    return { layout: layoutCluster(components, { width }), zoom: 1 }
  return { layout: densestToFit(components, width, height), zoom: 1 }
}

// Denser arrangements of the top, tried when the default does not fit: an HA control plane's
// schedulers and controller managers in one row, then the laptop and the Pending tray in a
// column beside the control plane (which then takes fewer rows than the same map's height).
const ARRANGEMENTS: readonly Arrangement[] = [
  {},
  { sharedRow: true },
  { sharedRow: true, column: true },
]

// Two rows of chips per node hold a Deployment's Pods beside the node's system Pods (kube-proxy,
// CoreDNS) mid-rollout; more rows are welcome but not worth the control-plane Pods' room.
const NODE_POD_ROWS_WANTED = 2

/** Chip rows per worker node in a layout (the same for every node). */
const nodePodRows = (layout: ClusterLayout) =>
  Object.entries(layout.podAreas).find(
    ([owner]) => owner !== 'pending' && owner !== 'control-plane',
  )?.[1].rows ?? 0

/**
 * At zoom 1, short of room: the layout that fits `height` with room for the worker nodes' Pods
 * (up to NODE_POD_ROWS_WANTED rows), then for the control-plane machines' Pods (they are in the
 * Pods tab too, so they give way first: two rows, one, none), then in the default arrangement.
 * If nothing fits, the shortest, so that as much as possible of the cluster is in view.
 */
function densestToFit(
  components: readonly ComponentRecord[],
  width: number,
  height: number,
): ClusterLayout {
  let best: { layout: ClusterLayout; score: number } | undefined
  let shortest: ClusterLayout | undefined
  ARRANGEMENTS.forEach((arrangement, order) => {
    for (const systemPodRows of [2, 1, 0]) {
      const layout = layoutCluster(components, {
        width,
        maxHeight: height,
        systemPodRows,
        arrangement,
      })
      if (!shortest || layout.height < shortest.height) shortest = layout
      if (layout.height > height) continue
      const score =
        Math.min(NODE_POD_ROWS_WANTED, nodePodRows(layout)) * 100 + systemPodRows * 10 - order
      if (!best || score > best.score) best = { layout, score }
    }
  })
  return best?.layout ?? (shortest as ClusterLayout)
}

/** The point a fraction `t` (0…1) of the way along a polyline. Pure. */
export function pointAlong(points: readonly Point[], t: number): Point {
  const lengths: number[] = []
  let total = 0
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1] as Point
    const [bx, by] = points[i] as Point
    const length = Math.hypot(bx - ax, by - ay)
    lengths.push(length)
    total += length
  }
  let remaining = Math.min(1, Math.max(0, t)) * total
  for (let i = 1; i < points.length; i++) {
    const length = lengths[i - 1] ?? 0
    const [ax, ay] = points[i - 1] as Point
    const [bx, by] = points[i] as Point
    if (remaining <= length || i === points.length - 1) {
      const f = length === 0 ? 0 : Math.min(1, remaining / length)
      return [ax + (bx - ax) * f, ay + (by - ay) * f]
    }
    remaining -= length
  }
  return points[0] ?? [0, 0]
}

/** The route between two components in travel order, reversing an edge when needed. */
export function routeBetween(layout: ClusterLayout, from: string, to: string): Point[] | undefined {
  for (const edge of layout.edges) {
    if (edge.from === from && edge.to === to) return edge.points
    if (edge.from === to && edge.to === from) return [...edge.points].reverse()
  }
  const a = layout.components[from]
  const b = layout.components[to]
  return a && b ? straight(a, b) : undefined
}
