import type { ComponentRecord } from '../../protocol/records'
import { chipArea, spot } from './layout-text'
import { CHIP_GAP, CHIP_HEIGHT, FONTS, type Box, type ChipArea, type HostBox } from './layout-types'
import { COMPONENT_HEIGHT, PAD, TITLE_ROW, type Draft } from './layout-draft'
import { textWidth } from './text-width'

const ROW_GAP = 14
const MEMBER_MIN_WIDTH = 60
const MEMBER_GAP = 6
// Room between the laptop column and the control plane: the kubectl link and its labels.
const COLUMN_GAP = 24
const LAPTOP_WIDTH = 170
const LAPTOP_HEIGHT = TITLE_ROW + COMPONENT_HEIGHT + PAD
// From this width up, the laptop and the Pending tray stand in a column left of the control
// plane; below it they share a row above it.
export const WIDE_FROM_PX = 720

export interface TopSection {
  controlPlane: HostBox
  pending: ChipArea
  bottom: number
}

const byKind = (components: readonly ComponentRecord[], kind: string) =>
  components.filter((c) => c.kind === kind)

/** Adds a host box, its title at the top left (and no badge: callers add one where wanted). */
function host(draft: Draft, id: string, label: string, kind: HostBox['kind'], box: Box): HostBox {
  const placed: HostBox = {
    id,
    label,
    kind,
    ...box,
    title: spot(box.x + 10, box.y + 18, 'start', FONTS.title, box.width - 20),
  }
  draft.hosts.push(placed)
  return placed
}

/** The laptop with kubectl, the Pending tray, and the control plane with etcd as a group. */
export function placeTop(
  draft: Draft,
  components: readonly ComponentRecord[],
  machines: readonly string[] = [],
  systemPodRows = 2,
): TopSection {
  const wide = draft.width >= WIDE_FROM_PX
  const kubectl = byKind(components, 'kubectl')[0]
  const left = 10
  const cpX = wide ? left + LAPTOP_WIDTH + COLUMN_GAP : left
  const cpY = wide ? 10 : 10 + LAPTOP_HEIGHT + 18
  const cp = placeControlPlane(
    draft,
    components,
    systemPodRows > 0 ? machines : [],
    systemPodRows,
    {
      x: cpX,
      y: cpY,
      width: draft.width - 10 - cpX,
    },
  )
  const laptopBox: Box = wide
    ? { x: left, y: cpY + 10, width: LAPTOP_WIDTH, height: LAPTOP_HEIGHT }
    : { x: left, y: 10, width: Math.min(190, (draft.width - 32) / 2), height: LAPTOP_HEIGHT }
  if (kubectl) {
    host(draft, 'laptop', 'your laptop', 'laptop', laptopBox)
    draft.placed[kubectl.id] = draft.place(
      kubectl,
      laptopBox.x + PAD,
      laptopBox.y + TITLE_ROW,
      laptopBox.width - 2 * PAD,
    )
  }
  const trayTop = wide ? laptopBox.y + laptopBox.height + 12 : 10
  const trayX = wide ? left : laptopBox.x + laptopBox.width + 12
  const trayWidth = wide ? LAPTOP_WIDTH : draft.width - 10 - trayX
  const minTray = TITLE_ROW + CHIP_HEIGHT + 10
  const trayHeight = wide ? Math.max(minTray, cp.y + cp.height - trayTop) : LAPTOP_HEIGHT
  host(draft, 'pending', 'Pending Pods', 'pending', {
    x: trayX,
    y: trayTop,
    width: trayWidth,
    height: trayHeight,
  })
  const chipRows = Math.max(1, Math.floor((trayHeight - TITLE_ROW - 6) / (CHIP_HEIGHT + CHIP_GAP)))
  const pending = chipArea(
    { x: trayX + PAD, y: trayTop + TITLE_ROW, width: trayWidth - 2 * PAD, height: 0 },
    chipRows,
    72,
  )
  pending.height = chipRows * (CHIP_HEIGHT + CHIP_GAP) - CHIP_GAP
  return { controlPlane: cp, pending, bottom: Math.max(cp.y + cp.height, trayTop + trayHeight) }
}

/**
 * kube-apiserver above the scheduler and controller manager (side by side when they fit, else
 * stacked), and etcd's members in a group on the right, in as many rows as the width needs.
 */
function placeControlPlane(
  draft: Draft,
  components: readonly ComponentRecord[],
  machines: readonly string[],
  systemPodRows: number,
  area: { x: number; y: number; width: number },
): HostBox {
  const inner = area.width - 2 * PAD
  const members = byKind(components, 'etcd')
  const n = Math.max(1, members.length)
  const ideal = n * MEMBER_MIN_WIDTH + (n - 1) * MEMBER_GAP + 16
  const groupWidth = Math.max(Math.min(ideal, inner * 0.45), MEMBER_MIN_WIDTH + 16)
  const leftWidth = inner - groupWidth - 12
  const leftX = area.x + PAD
  const row0 = area.y + 36
  const ha =
    byKind(components, 'kube-apiserver').length > 1 ||
    byKind(components, 'load-balancer').length > 0
  const rows = ha
    ? placeReplicated(draft, components, leftX, row0, leftWidth)
    : placeSingle(draft, components, leftX, row0, leftWidth)
  const componentsBottom = row0 + rows * (COMPONENT_HEIGHT + ROW_GAP) - ROW_GAP
  const systemPods = systemPodArea(
    machines,
    leftX,
    componentsBottom + ROW_GAP,
    leftWidth,
    systemPodRows,
  )
  const leftBottom = systemPods ? systemPods.y + systemPods.height : componentsBottom

  if (systemPods) draft.systemPods = systemPods
  const groupX = leftX + leftWidth + 12
  const columns = Math.max(
    1,
    Math.min(n, Math.floor((groupWidth - 16 + MEMBER_GAP) / (MEMBER_MIN_WIDTH + MEMBER_GAP))),
  )
  const memberRows = Math.ceil(n / columns)
  const memberWidth = (groupWidth - 16 - (columns - 1) * MEMBER_GAP) / columns
  members.forEach((member, i) => {
    const x = groupX + 8 + (i % columns) * (memberWidth + MEMBER_GAP)
    const y = row0 + Math.floor(i / columns) * (COMPONENT_HEIGHT + MEMBER_GAP)
    draft.placed[member.id] = { ...draft.place(member, x, y, memberWidth), label: member.id }
  })
  const groupTop = area.y + 8
  const groupBottom = row0 + memberRows * COMPONENT_HEIGHT + (memberRows - 1) * MEMBER_GAP + 8
  const bottom = Math.max(leftBottom + PAD, groupBottom + 8)
  const cp = host(draft, 'control-plane', 'control plane', 'control-plane', {
    ...area,
    height: bottom - area.y,
  })
  // Beside the title, up to the etcd group: the controller manager's latest reconcile.
  const tickerX = cp.title.x + textWidth(cp.label, FONTS.title) + 14
  draft.ticker = spot(tickerX, cp.title.y, 'start', FONTS.sub, groupX - 10 - tickerX)
  const group = host(draft, 'etcd', 'etcd', 'etcd', {
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

/** One of each: the API server, then the scheduler and controller manager (side by side if they fit). */
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
  return sideBySide ? 2 : 3
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

/**
 * An HA control plane: the load balancer, then a row each of API servers, schedulers and
 * controller managers (one box per instance, side by side). Returns the rows used.
 */
function placeReplicated(
  draft: Draft,
  components: readonly ComponentRecord[],
  x: number,
  row0: number,
  width: number,
): number {
  let row = 0
  const lb = byKind(components, 'load-balancer')[0]
  if (lb) {
    draft.placed[lb.id] = { ...draft.place(lb, x, rowY(row0, row), width), label: 'load balancer' }
    row++
  }
  for (const kind of ['kube-apiserver', 'kube-scheduler', 'kube-controller-manager']) {
    const instances = byKind(components, kind)
    if (instances.length === 0) continue
    const w = (width - (instances.length - 1) * 8) / instances.length
    instances.forEach((c, i) => {
      const placed = draft.place(c, x + i * (w + 8), rowY(row0, row), w)
      draft.placed[c.id] = { ...placed, label: instanceLabel(c.id, kind, w) }
    })
    row++
  }
  return row
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
