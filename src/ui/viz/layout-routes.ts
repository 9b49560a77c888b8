import type { Draft } from './layout-draft'
import {
  FONTS,
  type Box,
  type Edge,
  type HostBox,
  type PlacedComponent,
  type Point,
} from './layout-types'
import { textWidth } from './text-width'
import type { ComponentRecord } from '../../protocol/records'

/** Every link a message can travel, routed so that no line crosses another box or a title. */
export function buildEdges(
  draft: Draft,
  components: readonly ComponentRecord[],
  busY: number,
): Edge[] {
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

export function straight(from: Box, to: Box): Point[] {
  const p = messagePath(from, to)
  return [
    [p.x1, p.y1],
    [p.x2, p.y2],
  ]
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
