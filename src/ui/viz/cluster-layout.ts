import type { ComponentRecord } from '../../protocol/records'

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface PlacedComponent extends Box {
  id: string
  kind: string
  label: string
}

export interface HostBox extends Box {
  id: string
  label: string
  kind: 'laptop' | 'control-plane' | 'node'
}

export type Point = [number, number]

export interface Edge {
  from: string
  to: string
  /** The polyline a message follows from `from` to `to`. */
  points: Point[]
}

export interface ClusterLayout {
  width: number
  height: number
  hosts: HostBox[]
  components: Record<string, PlacedComponent>
  edges: Edge[]
  /** Where each node's pod chips go. */
  podAreas: Record<string, Box>
}

const LABELS: Record<string, string> = {
  kubectl: 'kubectl',
  'kube-apiserver': 'kube-apiserver',
  etcd: 'etcd',
  'kube-scheduler': 'kube-scheduler',
  'kube-controller-manager': 'kube-controller-manager',
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
  'container-runtime': 'containerd',
}

// Shorter names where the phone layout's boxes are narrow.
const COMPACT_LABELS: Record<string, string> = { 'kube-controller-manager': 'controller-manager' }

const COMPONENT_HEIGHT = 40

type Placer = (c: ComponentRecord, x: number, y: number, w: number) => PlacedComponent

interface Draft {
  width: number
  compact: boolean
  place: Placer
  placed: Record<string, PlacedComponent>
  hosts: HostBox[]
}

/** The laptop with kubectl, and the control plane's four components in two columns. */
function placeControlPlane(draft: Draft, components: readonly ComponentRecord[]): Box {
  const { compact, place, placed, hosts, width } = draft
  const byKind = (kind: string) => components.filter((c) => c.kind === kind)
  const cp: Box = {
    x: compact ? 10 : 210,
    y: compact ? 90 : 10,
    width: 0,
    height: compact ? 150 : 170,
  }
  cp.width = width - cp.x - 10
  const kubectl = byKind('kubectl')[0]
  if (kubectl) {
    hosts.push({
      id: 'laptop',
      label: 'your laptop',
      kind: 'laptop',
      x: 10,
      y: compact ? 10 : 40,
      width: 180,
      height: 70,
    })
    placed[kubectl.id] = place(kubectl, 25, compact ? 34 : 64, 150)
  }
  hosts.push({ id: 'control-plane', label: 'control plane', kind: 'control-plane', ...cp })
  const col = (i: number) => cp.x + 15 + i * ((cp.width - 30) / 2)
  const colWidth = (cp.width - 30) / 2 - 15
  const lowerY = cp.y + (compact ? 90 : 105)
  const apiserver = byKind('kube-apiserver')[0]
  if (apiserver) placed[apiserver.id] = place(apiserver, col(0), cp.y + 28, colWidth)
  const etcd = byKind('etcd')
  etcd.forEach((member, i) => {
    const w = (colWidth - (etcd.length - 1) * 6) / etcd.length
    placed[member.id] = {
      ...place(member, col(1) + i * (w + 6), cp.y + 28, w),
      label: etcd.length > 1 ? member.id : 'etcd',
    }
  })
  const scheduler = byKind('kube-scheduler')[0]
  if (scheduler) placed[scheduler.id] = place(scheduler, col(0), lowerY, colWidth)
  const cm = byKind('kube-controller-manager')[0]
  if (cm) placed[cm.id] = place(cm, col(1), lowerY, colWidth)
  return cp
}

const NODE_HEIGHT = 190
const NODE_GAP = 15

/** Worker nodes in a grid (one column on a phone): kubelet, kube-proxy, containerd, pods. */
function placeNodes(
  draft: Draft,
  components: readonly ComponentRecord[],
  top: number,
): { podAreas: Record<string, Box>; bottom: number } {
  const { compact, place, placed, hosts, width } = draft
  const nodeNames = [
    ...new Set(components.filter((c) => c.kind === 'kubelet').map((c) => c.host)),
  ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  const columns = compact ? 1 : Math.min(3, Math.max(1, nodeNames.length))
  const nodeWidth = (width - 20 - NODE_GAP * (columns - 1)) / columns
  const podAreas: Record<string, Box> = {}
  nodeNames.forEach((name, i) => {
    const x = 10 + (i % columns) * (nodeWidth + NODE_GAP)
    const y = top + Math.floor(i / columns) * (NODE_HEIGHT + NODE_GAP)
    hosts.push({ id: name, label: name, kind: 'node', x, y, width: nodeWidth, height: NODE_HEIGHT })
    const half = (nodeWidth - 36) / 2
    for (const c of components.filter((k) => k.host === name)) {
      if (c.kind === 'kubelet') placed[c.id] = place(c, x + 12, y + 28, half)
      if (c.kind === 'kube-proxy') placed[c.id] = place(c, x + 24 + half, y + 28, half)
      if (c.kind === 'container-runtime') placed[c.id] = place(c, x + 12, y + 80, half)
    }
    podAreas[name] = { x: x + 12, y: y + 130, width: nodeWidth - 24, height: NODE_HEIGHT - 140 }
  })
  const rows = Math.ceil(nodeNames.length / columns)
  return { podAreas, bottom: top + rows * (NODE_HEIGHT + NODE_GAP) + 5 }
}

/** Every link a message can travel: straight inside the control plane, along a bus to the nodes. */
function buildEdges(draft: Draft, components: readonly ComponentRecord[], busY: number): Edge[] {
  const edges: Edge[] = []
  const api = Object.values(draft.placed).find((c) => c.kind === 'kube-apiserver')
  for (const c of components) {
    const box = draft.placed[c.id]
    if (!api || !box || c.id === api.id) continue
    const kubelet = draft.placed[`kubelet/${c.host}`]
    if (c.kind === 'container-runtime' && kubelet) {
      edges.push({ from: kubelet.id, to: c.id, points: straight(kubelet, box) })
    } else if (c.host === 'control-plane' || c.kind === 'kubectl') {
      edges.push({ from: api.id, to: c.id, points: straight(api, box) })
    } else {
      const host = draft.hosts.find((h) => h.id === c.host)
      edges.push({ from: api.id, to: c.id, points: busRoute(api, box, host, busY) })
    }
  }
  return edges
}

/** Lays out the map: a laptop with kubectl, the control plane, then worker nodes in a grid. Pure. */
export function layoutCluster(
  components: readonly ComponentRecord[],
  compact: boolean,
): ClusterLayout {
  const width = compact ? 400 : 1000
  const place: Placer = (c, x, y, w) => ({
    id: c.id,
    kind: c.kind,
    label: (compact ? COMPACT_LABELS[c.kind] : undefined) ?? LABELS[c.kind] ?? c.kind,
    x,
    y,
    width: w,
    height: COMPONENT_HEIGHT,
  })
  const draft: Draft = { width, compact, place, placed: {}, hosts: [] }
  const cp = placeControlPlane(draft, components)
  const top = cp.y + cp.height + 60
  const { podAreas, bottom } = placeNodes(draft, components, top)
  const edges = buildEdges(draft, components, top - 25)
  return { width, height: bottom, hosts: draft.hosts, components: draft.placed, edges, podAreas }
}

function straight(from: Box, to: Box): Point[] {
  const p = messagePath(from, to)
  return [
    [p.x1, p.y1],
    [p.x2, p.y2],
  ]
}

/**
 * API server → a node component: down to a bus above the nodes, along it to the gutter left of
 * the node, down the gutter, then in above the component, so no line crosses another box.
 */
function busRoute(api: Box, target: Box, host: Box | undefined, busY: number): Point[] {
  const apiMidY = api.y + api.height / 2
  const controlPlaneGutterX = api.x - 7
  const gutterX = Math.max(4, (host?.x ?? target.x) - 6)
  const aboveY = target.y - 6
  const targetX = target.x + target.width / 2
  return [
    [api.x, apiMidY],
    [controlPlaneGutterX, apiMidY],
    [controlPlaneGutterX, busY],
    [gutterX, busY],
    [gutterX, aboveY],
    [targetX, aboveY],
    [targetX, target.y],
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
