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
export function placeTop(draft: Draft, components: readonly ComponentRecord[]): TopSection {
  const wide = draft.width >= WIDE_FROM_PX
  const kubectl = byKind(components, 'kubectl')[0]
  const left = 10
  const cpX = wide ? left + LAPTOP_WIDTH + COLUMN_GAP : left
  const cpY = wide ? 10 : 10 + LAPTOP_HEIGHT + 18
  const cp = placeControlPlane(draft, components, { x: cpX, y: cpY, width: draft.width - 10 - cpX })
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
  const half = (leftWidth - 12) / 2
  const sideBySide = half >= textWidth('controller-manager', FONTS.component) + 16
  const rowY = (i: number) => row0 + i * (COMPONENT_HEIGHT + ROW_GAP)
  const place = (c: ComponentRecord | undefined, x: number, y: number, w: number) => {
    if (c) draft.placed[c.id] = draft.place(c, x, y, w)
  }
  place(byKind(components, 'kube-apiserver')[0], leftX, rowY(0), leftWidth)
  place(byKind(components, 'kube-scheduler')[0], leftX, rowY(1), sideBySide ? half : leftWidth)
  const cm = byKind(components, 'kube-controller-manager')[0]
  if (sideBySide) place(cm, leftX + half + 12, rowY(1), half)
  else place(cm, leftX, rowY(2), leftWidth)
  const leftBottom = rowY(sideBySide ? 1 : 2) + COMPONENT_HEIGHT

  const groupX = leftX + leftWidth + 12
  const columns = Math.max(
    1,
    Math.min(n, Math.floor((groupWidth - 16 + MEMBER_GAP) / (MEMBER_MIN_WIDTH + MEMBER_GAP))),
  )
  const rows = Math.ceil(n / columns)
  const memberWidth = (groupWidth - 16 - (columns - 1) * MEMBER_GAP) / columns
  members.forEach((member, i) => {
    const x = groupX + 8 + (i % columns) * (memberWidth + MEMBER_GAP)
    const y = row0 + Math.floor(i / columns) * (COMPONENT_HEIGHT + MEMBER_GAP)
    draft.placed[member.id] = { ...draft.place(member, x, y, memberWidth), label: member.id }
  })
  const groupTop = area.y + 8
  const groupBottom = row0 + rows * COMPONENT_HEIGHT + (rows - 1) * MEMBER_GAP + 8
  const bottom = Math.max(leftBottom + PAD, groupBottom + 8)
  const cp = host(draft, 'control-plane', 'control plane', 'control-plane', {
    ...area,
    height: bottom - area.y,
  })
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
