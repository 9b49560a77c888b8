import type { ComponentRecord } from '../../protocol/records'
import { controlPlaneMachines, onControlPlaneMachine, placeTop } from './layout-control-plane'
import { newDraft, type Draft } from './layout-draft'
import { placeNodes } from './layout-nodes'
import {
  FONTS,
  type Box,
  type ClusterLayout,
  type Edge,
  type HostBox,
  type PlacedComponent,
  type Point,
} from './layout-types'
import { textWidth } from './text-width'

export type * from './layout-types'

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
  // Short of room, the control-plane machines' Pods give way first (they are in the Pods tab):
  // one row of chips, then none, so that the worker nodes and their Pods stay in view.
  let layout = layoutCluster(components, { width, maxHeight: height })
  for (const systemPodRows of [1, 0]) {
    if (layout.height <= height) break
    layout = layoutCluster(components, { width, maxHeight: height, systemPodRows })
  }
  return { layout, zoom: 1 }
}

/** Every link a message can travel, routed so that no line crosses another box or a title. */
function buildEdges(draft: Draft, components: readonly ComponentRecord[], busY: number): Edge[] {
  const edges: Edge[] = []
  // Clients reach the API through the load balancer when there is one (HA).
  const api =
    Object.values(draft.placed).find((c) => c.kind === 'load-balancer') ??
    Object.values(draft.placed).find((c) => c.kind === 'kube-apiserver')
  const hostOf = (id: string) => draft.hosts.find((h) => h.id === id)
  // The API server nearest etcd (the rightmost, when there are several side by side).
  const etcdClient = Object.values(draft.placed)
    .filter((c) => c.kind === 'kube-apiserver')
    .sort((a, b) => b.x - a.x)[0]
  for (const c of components) {
    const box = draft.placed[c.id]
    if (!api || !box || c.id === api.id) continue
    const kubelet = draft.placed[`kubelet/${c.host}`]
    let points: Point[]
    if (c.kind === 'container-runtime' && kubelet) {
      edges.push({ from: kubelet.id, to: c.id, points: straight(kubelet, box) })
      continue
    } else if (c.kind === 'kubectl') points = kubectlRoute(box, api, hostOf('control-plane'))
    else if (c.kind === 'etcd') {
      // etcd's clients are the API servers (the nearest one's link stands for all of them).
      const server = etcdClient ?? api
      edges.push({ from: server.id, to: c.id, points: memberRoute(server, box, hostOf('etcd')) })
      continue
    } else if (c.host.startsWith('control-plane')) points = controlPlaneRoute(api, box)
    else points = busRoute(api, box, hostOf(c.host), busY)
    edges.push({ from: api.id, to: c.id, points })
  }
  return edges
}

const midY = (b: Box) => b.y + b.height / 2
const midX = (b: Box) => b.x + b.width / 2

/** kubectl → API server: straight across when level, else down and in above the API server. */
function kubectlRoute(kubectl: Box, api: Box, cp: HostBox | undefined): Point[] {
  if (Math.abs(midY(kubectl) - midY(api)) < 4)
    return [
      [kubectl.x + kubectl.width, midY(kubectl)],
      [api.x, midY(kubectl)],
    ]
  // Enter the API server right of the control plane's title, so the line never crosses it.
  const titleEnd = cp ? cp.title.x + textWidth(cp.label, FONTS.title) : api.x
  const entryX = Math.min(api.x + api.width - 12, Math.max(midX(kubectl), titleEnd + 12))
  const gapY = (cp?.y ?? api.y) - 8
  return [
    [midX(kubectl), kubectl.y + kubectl.height],
    [midX(kubectl), gapY],
    [entryX, gapY],
    [entryX, api.y],
  ]
}

/** API server → an etcd member: level members straight in, others from above their row. */
function memberRoute(api: Box, member: Box, group: HostBox | undefined): Point[] {
  const start: Point = [api.x + api.width, midY(api)]
  if (Math.abs(midY(member) - midY(api)) < 4 && (!group || member.x - group.x < 12))
    return [start, [member.x, midY(api)]]
  const gutterX = (group?.x ?? member.x) - 6
  const aboveY = member.y - 3
  return [
    start,
    [gutterX, midY(api)],
    [gutterX, aboveY],
    [midX(member), aboveY],
    [midX(member), member.y],
  ]
}

/** API server → scheduler or controller manager: straight below it, else along its left side. */
function controlPlaneRoute(api: PlacedComponent, box: PlacedComponent): Point[] {
  const below = box.y - (api.y + api.height)
  if (below < 30) return straight(api, box)
  const gutterX = api.x - 6
  // In from the left when the box starts the row; else along the gap above its row, so the
  // line passes no other instance in that row (an HA control plane's second and third).
  if (box.x - api.x < 12)
    return [
      [api.x, midY(api)],
      [gutterX, midY(api)],
      [gutterX, midY(box)],
      [box.x, midY(box)],
    ]
  const gapY = box.y - 7
  return [
    [api.x, midY(api)],
    [gutterX, midY(api)],
    [gutterX, gapY],
    [midX(box), gapY],
    [midX(box), box.y],
  ]
}

/**
 * API server → a node component: down to a bus above the nodes, along it to the gutter left of
 * the node, down the gutter, then in through the channel under the node's title.
 */
function busRoute(api: Box, target: Box, host: Box | undefined, busY: number): Point[] {
  const controlPlaneGutterX = api.x - 7
  const gutterX = Math.max(4, (host?.x ?? target.x) - 6)
  const aboveY = target.y - 5
  return [
    [api.x, midY(api)],
    [controlPlaneGutterX, midY(api)],
    [controlPlaneGutterX, busY],
    [gutterX, busY],
    [gutterX, aboveY],
    [midX(target), aboveY],
    [midX(target), target.y],
  ]
}

function straight(from: Box, to: Box): Point[] {
  const p = messagePath(from, to)
  return [
    [p.x1, p.y1],
    [p.x2, p.y2],
  ]
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

/** The point where the segment from a box's centre towards (tx, ty) leaves the box. */
export function anchor(box: Box, tx: number, ty: number): [number, number] {
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  const dx = tx - cx
  const dy = ty - cy
  if (dx === 0 && dy === 0) return [cx, cy]
  const scale = Math.min(
    Math.abs(box.width / 2 / (dx || 1e-9)),
    Math.abs(box.height / 2 / (dy || 1e-9)),
  )
  return [cx + dx * Math.min(1, scale), cy + dy * Math.min(1, scale)]
}

/** The straight path a message travels between two placed components. */
export function messagePath(
  from: Box,
  to: Box,
): { x1: number; y1: number; x2: number; y2: number } {
  const [x1, y1] = anchor(from, to.x + to.width / 2, to.y + to.height / 2)
  const [x2, y2] = anchor(to, from.x + from.width / 2, from.y + from.height / 2)
  return { x1, y1, x2, y2 }
}
