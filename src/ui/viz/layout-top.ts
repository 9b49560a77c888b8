import type { ComponentRecord } from '../../protocol/records'
import { placeControlPlane } from './layout-control-plane'
import { addHost, COMPONENT_HEIGHT, PAD, TITLE_ROW, type Draft } from './layout-draft'
import { chipArea, spot } from './layout-text'
import { CHIP_GAP, CHIP_HEIGHT, FONTS, type Box, type ChipArea, type HostBox } from './layout-types'
import { textWidth } from './text-width'

// Room between the laptop column and the control plane: the kubectl link and its labels.
const COLUMN_GAP = 24
const LAPTOP_WIDTH = 170
// The column below WIDE_FROM_PX (chosen only when the map is short of height): narrower, so the
// control plane keeps the width an HA control plane's shared row needs.
const NARROW_COLUMN_WIDTH = 150
const LAPTOP_HEIGHT = TITLE_ROW + COMPONENT_HEIGHT + PAD
// In a row above the control plane, the laptop's title stands beside kubectl: one box high.
const INLINE_LAPTOP_HEIGHT = COMPONENT_HEIGHT + 16
// From this width up, the laptop and the Pending tray stand in a column left of the control
// plane; below it they share a row above it.
export const WIDE_FROM_PX = 720
// Below this, a column would leave the control plane too narrow for its rows and etcd's group.
const COLUMN_FROM_PX = 600
// The Pending tray's chip rows in the column, at most: Pods wait there for a moment, and more
// than four at once are summed up in a "+N more" chip rather than given an empty box's room.
const TRAY_MAX_ROWS = 4

/** How the top of the map is arranged when the default does not fit the map's height. */
export interface Arrangement {
  /** The laptop and the Pending tray in a column left of the control plane, even when narrow. */
  column?: boolean
  /** An HA control plane's schedulers and controller managers in one row, when they fit. */
  sharedRow?: boolean
}

export interface TopSection {
  controlPlane: HostBox
  pending: ChipArea
  bottom: number
}

const trayHeightFor = (rows: number) => TITLE_ROW + rows * (CHIP_HEIGHT + CHIP_GAP) - CHIP_GAP + 10

/** The laptop with kubectl, the Pending tray, and the control plane with etcd as a group. */
export function placeTop(
  draft: Draft,
  components: readonly ComponentRecord[],
  machines: readonly string[] = [],
  systemPodRows = 2,
  arrangement: Arrangement = {},
): TopSection {
  const wide =
    draft.width >= WIDE_FROM_PX || (arrangement.column === true && draft.width >= COLUMN_FROM_PX)
  const columnWidth = draft.width >= WIDE_FROM_PX ? LAPTOP_WIDTH : NARROW_COLUMN_WIDTH
  const left = 10
  // Above the control plane, the laptop's title beside kubectl when the box is wide enough.
  const rowLaptopWidth = Math.min(190, (draft.width - 32) / 2)
  const titleWidth = textWidth('your laptop', FONTS.title)
  const inline =
    !wide && rowLaptopWidth >= 20 + titleWidth + textWidth('kubectl', FONTS.component) + 12 + PAD
  const rowHeight = inline ? INLINE_LAPTOP_HEIGHT : LAPTOP_HEIGHT
  const cpX = wide ? left + columnWidth + COLUMN_GAP : left
  const cpY = wide ? 10 : 10 + rowHeight + 18
  const cp = placeControlPlane(
    draft,
    components,
    systemPodRows > 0 ? machines : [],
    systemPodRows,
    { x: cpX, y: cpY, width: draft.width - 10 - cpX },
    arrangement.sharedRow === true,
  )
  const laptopBox: Box = wide
    ? { x: left, y: cpY + 10, width: columnWidth, height: LAPTOP_HEIGHT }
    : { x: left, y: 10, width: rowLaptopWidth, height: rowHeight }
  placeLaptop(draft, components, laptopBox, inline ? titleWidth : undefined)
  const trayTop = wide ? laptopBox.y + laptopBox.height + 12 : 10
  const trayX = wide ? left : laptopBox.x + laptopBox.width + 12
  const trayWidth = wide ? columnWidth : draft.width - 10 - trayX
  // The tray takes the room its chips need: one row above the control plane; in the column, down
  // to the control plane's bottom but no more than TRAY_MAX_ROWS rows.
  const trayHeight = wide
    ? Math.min(trayHeightFor(TRAY_MAX_ROWS), Math.max(trayHeightFor(1), cp.y + cp.height - trayTop))
    : rowHeight
  addHost(draft, 'pending', 'Pending Pods', 'pending', {
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

/** "your laptop" with kubectl in it: below the title, or beside it (`inlineTitle` px wide). */
function placeLaptop(
  draft: Draft,
  components: readonly ComponentRecord[],
  box: Box,
  inlineTitle?: number,
): void {
  const kubectl = components.find((c) => c.kind === 'kubectl')
  if (!kubectl) return
  const laptop = addHost(draft, 'laptop', 'your laptop', 'laptop', box)
  if (inlineTitle === undefined) {
    draft.placed[kubectl.id] = draft.place(
      kubectl,
      box.x + PAD,
      box.y + TITLE_ROW,
      box.width - 2 * PAD,
    )
    return
  }
  // The title's baseline level with kubectl's name; kubectl fills the rest of the box.
  laptop.title = spot(box.x + 10, box.y + box.height / 2 + 5, 'start', FONTS.title, inlineTitle)
  const kubectlX = box.x + 20 + inlineTitle
  const top = box.y + (box.height - COMPONENT_HEIGHT) / 2
  draft.placed[kubectl.id] = draft.place(kubectl, kubectlX, top, box.x + box.width - PAD - kubectlX)
}
