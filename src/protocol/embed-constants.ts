/**
 * What the embed's host side (`/embed.js`, the <kube-viz> element) and the embedded page share,
 * with no dependencies, so embed.js stays a few KB: the message envelope, the parameters, and the
 * embed's height for a width, which the element reserves before the iframe loads so the host
 * page does not shift when it does (the embed lays itself out to exactly this height).
 */
export const EMBED_PROTOCOL = 'kube-viz'
export const EMBED_API_VERSION = 1

export const EMBED_VIEWS = ['map', 'raft', 'scheduler'] as const
export type EmbedView = (typeof EMBED_VIEWS)[number]
export const EMBED_CONTROLS = ['none', 'minimal', 'full'] as const
export type EmbedControls = (typeof EMBED_CONTROLS)[number]
export const EMBED_THEMES = ['light', 'dark'] as const
export type EmbedTheme = (typeof EMBED_THEMES)[number]

/** The narrowest host column the embed supports. */
export const EMBED_MIN_WIDTH = 320

// The embed's fixed layout, in CSS px: a view whose height follows the width (a 5:3 box,
// bounded), a controls bar, a lesson pane of fixed height (its text scrolls inside it).
export const EMBED_LAYOUT = {
  viewRatio: 0.6,
  viewMin: 320,
  viewMax: 600,
  controls: { none: 0, minimal: 48, full: 96 } satisfies Record<EmbedControls, number>,
  lesson: 240,
} as const

export interface EmbedShape {
  controls: EmbedControls
  lesson: boolean
}

/** The view box's height at this width (also what the embed's CSS computes with clamp()). */
export function embedViewHeight(width: number): number {
  const { viewRatio, viewMin, viewMax } = EMBED_LAYOUT
  return Math.round(
    Math.min(viewMax, Math.max(viewMin, Math.max(width, EMBED_MIN_WIDTH) * viewRatio)),
  )
}

/** The whole embed's height at this width: what the iframe is given before it says otherwise. */
export function embedHeight(width: number, shape: EmbedShape): number {
  return (
    embedViewHeight(width) +
    EMBED_LAYOUT.controls[shape.controls] +
    (shape.lesson ? EMBED_LAYOUT.lesson : 0)
  )
}
