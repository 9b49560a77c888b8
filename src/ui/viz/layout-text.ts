import { CHIP_GAP, CHIP_HEIGHT, type Box, type ChipArea, type TextSpot } from './layout-types'
import type { ClusterLayout } from './layout-types'
import { fitText, textWidth, type FontSpec } from './text-width'

// Ascent and descent of the sans faces we use, in em (DejaVu Sans: 0.93 / 0.24).
const ASCENT_EM = 0.95
const DESCENT_EM = 0.25

export function spot(
  x: number,
  y: number,
  anchor: TextSpot['anchor'],
  font: FontSpec,
  maxWidth: number,
): TextSpot {
  return { x, y, anchor, font, maxWidth: Math.max(0, maxWidth) }
}

/** The text as drawn in a spot: cut with an ellipsis to the spot's width. */
export function spotText(where: TextSpot, text: string): string {
  return fitText(text, where.maxWidth, where.font)
}

/** The box the (fitted) text covers, from the font's ascent to its descent. */
export function textBox(where: TextSpot, text: string): Box {
  const width = textWidth(spotText(where, text), where.font)
  const x =
    where.anchor === 'start'
      ? where.x
      : where.anchor === 'middle'
        ? where.x - width / 2
        : where.x - width
  const top = where.y - where.font.px * ASCENT_EM
  return { x, y: top, width, height: where.font.px * (ASCENT_EM + DESCENT_EM) }
}

/** Where chip `index` of an area goes (row-major); undefined past the area's capacity. */
export function chipBox(area: ChipArea, index: number): Box | undefined {
  if (index >= area.columns * area.rows) return undefined
  const column = index % area.columns
  const row = Math.floor(index / area.columns)
  return {
    x: area.x + column * (area.chipWidth + CHIP_GAP),
    y: area.y + row * (CHIP_HEIGHT + CHIP_GAP),
    width: area.chipWidth,
    height: CHIP_HEIGHT,
  }
}

/** Lays out chips across an area: as many columns of at least `minChip` px as fit. */
export function chipArea(box: Box, rows: number, minChip = 84): ChipArea {
  const columns = Math.max(1, Math.floor((box.width + CHIP_GAP) / (minChip + CHIP_GAP)))
  const chipWidth = (box.width - (columns - 1) * CHIP_GAP) / columns
  return { ...box, columns, rows, chipWidth }
}

export interface LabelledBox extends Box {
  id: string
}

/**
 * Every piece of static text the map draws, as boxes, with the longest text each spot can get
 * (titles, component names with a status line, a full node badge, full pod chips). The layout's
 * no-overlap property is checked on these, and message labels are placed around them.
 */
export function staticTextBoxes(layout: ClusterLayout): LabelledBox[] {
  const boxes: LabelledBox[] = []
  for (const host of layout.hosts) {
    boxes.push({ id: `title:${host.id}`, ...textBox(host.title, host.label) })
    if (host.badge && host.badge.maxWidth > 0)
      boxes.push({ id: `badge:${host.id}`, ...textBox(host.badge, 'W'.repeat(40)) })
  }
  for (const c of Object.values(layout.components)) {
    boxes.push({ id: `label:${c.id}`, ...textBox(c.labelWithSub, c.label) })
    boxes.push({ id: `sub:${c.id}`, ...textBox(c.sub, 'W'.repeat(20)) })
  }
  if (layout.ticker) boxes.push({ id: 'ticker', ...textBox(layout.ticker, 'W'.repeat(200)) })
  for (const [owner, area] of Object.entries(layout.podAreas)) {
    for (let i = 0; ; i++) {
      const chip = chipBox(area, i)
      if (!chip) break
      boxes.push({ id: `chip:${owner}:${i}`, ...chip })
    }
  }
  return boxes
}

/** What the map shows right now, beyond the layout: status lines, badges, how many chips. */
export interface ShownTexts {
  /** Second lines of components ("stopped", "leader"), by component id. */
  subs: Readonly<Record<string, string>>
  /** Badges by host id (a node's "cordoned · 1 taint", etcd's "no quorum"). */
  badges: Readonly<Record<string, string>>
  /** Chips drawn in each pod area (node name, or 'pending'). */
  chips: Readonly<Record<string, number>>
}

/**
 * The boxes of the text the map shows now (not the worst case): what message labels must keep
 * clear of. A component's name sits higher when it has a status line.
 */
export function shownTextBoxes(layout: ClusterLayout, shown: ShownTexts): LabelledBox[] {
  const boxes: LabelledBox[] = []
  for (const host of layout.hosts) {
    boxes.push({ id: `title:${host.id}`, ...textBox(host.title, host.label) })
    const badge = shown.badges[host.id]
    if (host.badge && badge) boxes.push({ id: `badge:${host.id}`, ...textBox(host.badge, badge) })
  }
  for (const c of Object.values(layout.components)) {
    const sub = shown.subs[c.id]
    boxes.push({ id: `label:${c.id}`, ...textBox(sub ? c.labelWithSub : c.labelSpot, c.label) })
    if (sub) boxes.push({ id: `sub:${c.id}`, ...textBox(c.sub, sub) })
  }
  for (const [owner, area] of Object.entries(layout.podAreas)) {
    const count = Math.max(shown.chips[owner] ?? 0, owner === 'pending' ? 1 : 0)
    for (let i = 0; i < count; i++) {
      const chip = chipBox(area, i)
      if (chip) boxes.push({ id: `chip:${owner}:${String(i)}`, ...chip })
    }
  }
  return boxes
}
