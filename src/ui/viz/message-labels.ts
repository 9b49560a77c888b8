import { shownTextBoxes, staticTextBoxes, type ShownTexts } from './layout-text'
import { FONTS, type Box, type ClusterLayout } from './layout-types'
import { fitText, textWidth } from './text-width'

/** A moving message that would like a label beside it. */
export interface LabelRequest {
  id: number
  x: number
  y: number
  text: string
  /** The link it travels (either direction): one label per link at a time. */
  link: string
}

export interface PlacedLabel extends Box {
  id: number
  text: string
  /** Where to draw the text: its start and baseline. */
  textX: number
  textY: number
}

/** What labels must keep clear of: every static text (strictly), and boxes (if they can). */
export interface LabelObstacles {
  width: number
  height: number
  texts: Box[]
  boxes: Box[]
}

const FONT = FONTS.message
const HEIGHT = Math.ceil(FONT.px * 1.25)
const ASCENT = FONT.px * 0.95
// Clear of the dot (radius 7) and its white ring.
const GAP = 10
export const MAX_LABEL_WIDTH = 230

/** Obstacles for message labels: the text shown now, or every text the map could show. */
export function labelObstacles(layout: ClusterLayout, shown?: ShownTexts): LabelObstacles {
  return {
    width: layout.width,
    height: layout.height,
    texts: shown ? shownTextBoxes(layout, shown) : staticTextBoxes(layout),
    boxes: Object.values(layout.components),
  }
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/**
 * Boxes for a label `width` wide around a dot at (x, y): above, below, beside, the corners, then
 * the same a line further out.
 */
function candidates(x: number, y: number, width: number): Box[] {
  const spots: Box[] = []
  for (const ring of [0, HEIGHT + 4]) {
    const above = y - GAP - HEIGHT - ring
    const below = y + GAP + ring
    const middle = y - HEIGHT / 2
    spots.push(
      { x: x - width / 2, y: above, width, height: HEIGHT },
      { x: x - width / 2, y: below, width, height: HEIGHT },
      { x: x + GAP + ring, y: middle, width, height: HEIGHT },
      { x: x - GAP - ring - width, y: middle, width, height: HEIGHT },
      { x: x + 2, y: above, width, height: HEIGHT },
      { x: x - 2 - width, y: above, width, height: HEIGHT },
      { x: x + 2, y: below, width, height: HEIGHT },
      { x: x - 2 - width, y: below, width, height: HEIGHT },
    )
  }
  return spots
}

/**
 * Places message labels, most important first (the caller's order): at most one per link, each
 * beside its dot where it overlaps no other label and no static text (titles, names, badges,
 * chips), preferring spots clear of component boxes too, and inside the map. A message with no
 * such spot goes unlabelled: a crowded map shows fewer labels, never a pile of them. Pure.
 */
export function placeMessageLabels(
  obstacles: LabelObstacles,
  requests: readonly LabelRequest[],
): PlacedLabel[] {
  const placed: PlacedLabel[] = []
  const links = new Set<string>()
  const canvas = { x: 0, y: 0, width: obstacles.width, height: obstacles.height }
  const inCanvas = (b: Box) =>
    b.x >= canvas.x &&
    b.y >= canvas.y &&
    b.x + b.width <= canvas.width &&
    b.y + b.height <= canvas.height
  const clear = (b: Box, strict: boolean) =>
    inCanvas(b) &&
    !placed.some((p) => overlaps(p, b)) &&
    !obstacles.texts.some((t) => overlaps(t, b)) &&
    (!strict || !obstacles.boxes.some((c) => overlaps(c, b)))
  for (const request of requests) {
    if (links.has(request.link)) continue
    links.add(request.link)
    const text = fitText(request.text, MAX_LABEL_WIDTH, FONT)
    if (text === '') continue
    const width = Math.ceil(textWidth(text, FONT))
    const spots = candidates(request.x, request.y, width)
    const spot = spots.find((b) => clear(b, true)) ?? spots.find((b) => clear(b, false))
    if (!spot) continue
    placed.push({ ...spot, id: request.id, text, textX: spot.x, textY: spot.y + ASCENT })
  }
  return placed
}

/** The link key of a message: the same for both directions. */
export function linkKey(from: string, to: string): string {
  return from < to ? `${from}|${to}` : `${to}|${from}`
}

/** "GET …/pods/web" for "GET /api/v1/namespaces/default/pods/web": the part a student reads. */
export function shortLabel(label: string): string {
  return label.replace(/\/apis?\/(?:[a-z0-9.-]+\/)?v1\/namespaces\/[^/\s]+\//g, '…/')
}
