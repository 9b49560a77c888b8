import type { ComponentRecord } from '../../protocol/records'
import { chipArea, spot } from './layout-text'
import { CHIP_GAP, CHIP_HEIGHT, FONTS, type ChipArea, type HostBox } from './layout-types'
import { addHost, COMPONENT_HEIGHT, PAD, type Draft } from './layout-draft'
import { textWidth } from './text-width'

const ROW_GAP = 14
const MEMBER_MIN_WIDTH = 60
const MEMBER_GAP = 6
// Between instances in an HA control plane's row.
const INSTANCE_GAP = 8

const byKind = (components: readonly ComponentRecord[], kind: string) =>
  components.filter((c) => c.kind === kind)

/**
 * kube-apiserver above the scheduler and controller manager (side by side when they fit, else
 * stacked), and etcd's members in a group on the right, in as many rows as the width needs.
 * With `sharedRow`, an HA control plane's schedulers and controller managers share one row
 * across the whole control plane, below the etcd group, when their names fit.
 */
export function placeControlPlane(
  draft: Draft,
  components: readonly ComponentRecord[],
  machines: readonly string[],
  systemPodRows: number,
  area: { x: number; y: number; width: number },
  sharedRow = false,
): HostBox {
  const inner = area.width - 2 * PAD
  const members = byKind(components, 'etcd')
  const n = Math.max(1, members.length)
  const ideal = n * MEMBER_MIN_WIDTH + (n - 1) * MEMBER_GAP + 16
  const groupWidth = Math.max(Math.min(ideal, inner * 0.45), MEMBER_MIN_WIDTH + 16)
  const leftWidth = inner - groupWidth - 12
  const leftX = area.x + PAD
  const row0 = area.y + 36
  const groupX = leftX + leftWidth + 12
  const columns = Math.max(
    1,
    Math.min(n, Math.floor((groupWidth - 16 + MEMBER_GAP) / (MEMBER_MIN_WIDTH + MEMBER_GAP))),
  )
  const memberRows = Math.ceil(n / columns)
  const memberWidth = (groupWidth - 16 - (columns - 1) * MEMBER_GAP) / columns
  const groupTop = area.y + 8
  const groupBottom = row0 + memberRows * COMPONENT_HEIGHT + (memberRows - 1) * MEMBER_GAP + 8
  const ha =
    byKind(components, 'kube-apiserver').length > 1 ||
    byKind(components, 'load-balancer').length > 0
  const shared = sharedRow ? { width: inner, below: groupBottom } : undefined
  const componentsBottom = ha
    ? placeReplicated(draft, components, leftX, row0, leftWidth, shared)
    : placeSingle(draft, components, leftX, row0, leftWidth)
  const systemPods = systemPodArea(
    machines,
    leftX,
    componentsBottom + ROW_GAP,
    leftWidth,
    systemPodRows,
  )
  const leftBottom = systemPods ? systemPods.y + systemPods.height : componentsBottom

  if (systemPods) draft.systemPods = systemPods
  members.forEach((member, i) => {
    const x = groupX + 8 + (i % columns) * (memberWidth + MEMBER_GAP)
    const y = row0 + Math.floor(i / columns) * (COMPONENT_HEIGHT + MEMBER_GAP)
    draft.placed[member.id] = { ...draft.place(member, x, y, memberWidth), label: member.id }
  })
  const bottom = Math.max(leftBottom + PAD, groupBottom + 8)
  const cp = addHost(draft, 'control-plane', 'control plane', 'control-plane', {
    ...area,
    height: bottom - area.y,
  })
  // Beside the title, up to the etcd group: the controller manager's latest reconcile.
  const tickerX = cp.title.x + textWidth(cp.label, FONTS.title) + 14
  draft.ticker = spot(tickerX, cp.title.y, 'start', FONTS.sub, groupX - 10 - tickerX)
  const group = addHost(draft, 'etcd', 'etcd', 'etcd', {
    x: groupX,
    y: groupTop,
    width: groupWidth,
    height: groupBottom - groupTop,
  })
  group.title = spot(groupX + 8, groupTop + 17, 'start', FONTS.title, groupWidth - 16)
  group.badge = spot(
    groupX + groupWidth - 8,
    groupTop + 17,
    'end',
    FONTS.sub,
    groupWidth - 16 - textWidth('etcd', FONTS.title) - 10,
  )
  return cp
}

const rowY = (row0: number, i: number) => row0 + i * (COMPONENT_HEIGHT + ROW_GAP)

/**
 * One of each: the API server, then the scheduler and controller manager (side by side if they
 * fit). Returns the bottom of the last row.
 */
function placeSingle(
  draft: Draft,
  components: readonly ComponentRecord[],
  x: number,
  row0: number,
  width: number,
): number {
  const half = (width - 12) / 2
  const sideBySide = half >= textWidth('controller-manager', FONTS.component) + 16
  const place = (c: ComponentRecord | undefined, cx: number, y: number, w: number) => {
    if (c) draft.placed[c.id] = draft.place(c, cx, y, w)
  }
  place(byKind(components, 'kube-apiserver')[0], x, rowY(row0, 0), width)
  place(byKind(components, 'kube-scheduler')[0], x, rowY(row0, 1), sideBySide ? half : width)
  const cm = byKind(components, 'kube-controller-manager')[0]
  if (sideBySide) place(cm, x + half + 12, rowY(row0, 1), half)
  else place(cm, x, rowY(row0, 2), width)
  return rowY(row0, sideBySide ? 1 : 2) + COMPONENT_HEIGHT
}

// Instance labels when there are several: the short name and the instance number.
const INSTANCE_LABELS: Record<string, [string, string]> = {
  'kube-apiserver': ['apiserver', 'api'],
  'kube-scheduler': ['scheduler', 'sched'],
  'kube-controller-manager': ['controller-manager', 'kcm'],
}

/** "kube-scheduler-2" → "scheduler 2" (or "sched 2" when narrow); the first has no suffix: 1. */
export function instanceLabel(id: string, kind: string, width: number): string {
  const number = /-(\d+)$/.exec(id.slice(kind.length))?.[1] ?? '1'
  const [long, short] = INSTANCE_LABELS[kind] ?? [kind, kind]
  const full = `${long} ${number}`
  return textWidth(full, FONTS.component) <= width - 12 ? full : `${short} ${number}`
}

/** Places instances side by side in one row `width` wide, each named "scheduler 2" or "sched 2". */
function placeRow(
  draft: Draft,
  instances: readonly ComponentRecord[],
  x: number,
  y: number,
  width: number,
): void {
  const w = (width - (instances.length - 1) * INSTANCE_GAP) / instances.length
  instances.forEach((c, i) => {
    const placed = draft.place(c, x + i * (w + INSTANCE_GAP), y, w)
    draft.placed[c.id] = { ...placed, label: instanceLabel(c.id, c.kind, w) }
  })
}

/** Do these instances' names (short ones at least) fit one row `width` wide? */
function rowFits(instances: readonly ComponentRecord[], width: number): boolean {
  const w = (width - (instances.length - 1) * INSTANCE_GAP) / instances.length
  return instances.every(
    (c) => textWidth(instanceLabel(c.id, c.kind, w), FONTS.component) <= w - 12,
  )
}

/**
 * An HA control plane: the load balancer, then a row each of API servers, schedulers and
 * controller managers (one box per instance, side by side); or, with `shared` room, the
 * schedulers and controller managers in one row as wide as the control plane, below the etcd
 * group (a projector's short map). Returns the bottom of the last row.
 */
function placeReplicated(
  draft: Draft,
  components: readonly ComponentRecord[],
  x: number,
  row0: number,
  width: number,
  shared?: { width: number; below: number },
): number {
  let y = row0
  const lb = byKind(components, 'load-balancer')[0]
  if (lb) {
    draft.placed[lb.id] = { ...draft.place(lb, x, y, width), label: 'load balancer' }
    y += COMPONENT_HEIGHT + ROW_GAP
  }
  const apiServers = byKind(components, 'kube-apiserver')
  if (apiServers.length > 0) {
    placeRow(draft, apiServers, x, y, width)
    y += COMPONENT_HEIGHT + ROW_GAP
  }
  const rest = [
    ...byKind(components, 'kube-scheduler'),
    ...byKind(components, 'kube-controller-manager'),
  ]
  // The routes to the shared row run in the gap above it: clear of the etcd group's bottom.
  const sharedY = shared ? Math.max(y, shared.below + ROW_GAP) : y
  if (shared && rest.length > 0 && rowFits(rest, shared.width)) {
    placeRow(draft, rest, x, sharedY, shared.width)
    return sharedY + COMPONENT_HEIGHT
  }
  for (const kind of ['kube-scheduler', 'kube-controller-manager']) {
    const instances = byKind(components, kind)
    if (instances.length === 0) continue
    placeRow(draft, instances, x, y, width)
    y += COMPONENT_HEIGHT + ROW_GAP
  }
  return y - ROW_GAP
}

const isMachineComponent = (c: ComponentRecord) =>
  c.kind === 'kubelet' || c.kind === 'container-runtime' || c.kind === 'kube-proxy'

/** The control-plane machines (kubeadm nodes of their own), when they run a kubelet. */
export function controlPlaneMachines(components: readonly ComponentRecord[]): string[] {
  return [
    ...new Set(
      components
        .filter((c) => c.kind === 'kubelet' && c.host.startsWith('control-plane'))
        .map((c) => c.host),
    ),
  ]
}

/** Is this a kubelet, runtime or kube-proxy of a control-plane machine (not drawn as a box)? */
export function onControlPlaneMachine(c: ComponentRecord): boolean {
  return isMachineComponent(c) && c.host.startsWith('control-plane')
}

/** Chips for the Pods on the control-plane machines (static Pods, kube-proxy), in `rows` rows. */
function systemPodArea(
  machines: readonly string[],
  x: number,
  y: number,
  width: number,
  rows: number,
): ChipArea | undefined {
  if (machines.length === 0 || rows <= 0) return undefined
  const area = chipArea({ x, y, width, height: 0 }, rows)
  area.height = rows * (CHIP_HEIGHT + CHIP_GAP) - CHIP_GAP
  area.nodes = [...machines]
  return area
}
