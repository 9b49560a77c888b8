import type { LoggedAction } from '../../protocol/messages'

export interface TimelineMarker {
  atMs: number
  /** Where on the track, 0…1. */
  at: number
  label: string
  kind: MarkerKind
}

/** kubectl and API requests; anything that breaks or changes the cluster; a repair. */
export type MarkerKind = 'kubectl' | 'fault' | 'heal'

// Actions that repair: a restart, a node powered on, a healed network or container, a lossless
// link again.
const HEAL_TYPES = new Set([
  'startComponent',
  'startNode',
  'heal',
  'healPartition',
  'healAll',
  'fixContainer',
])

/** What a marker stands for: a timed fault's scheduled heal, and manual repairs, are heals. */
export function markerKind(entry: LoggedAction): MarkerKind {
  const { action } = entry
  if (action.type === 'runKubectl' || action.type === 'apiRequest') return 'kubectl'
  if (entry.scheduledAtMs !== undefined || HEAL_TYPES.has(action.type)) return 'heal'
  if (action.type === 'setLinkLoss' && action.fraction === 0) return 'heal'
  return 'fault'
}

/** A marker's words: a scheduled heal says it came by itself. */
function markerLabel(entry: LoggedAction): string {
  return entry.scheduledAtMs !== undefined ? `${entry.summary} (heals by itself)` : entry.summary
}

export interface TimelineView {
  start: number
  end: number
  markers: TimelineMarker[]
}

// "Recent": from a little before the latest action, at least this much of the timeline.
const RECENT_LEAD_MS = 2_000
const RECENT_MIN_SPAN_MS = 8_000

/**
 * The stretch of the timeline the slider shows: the whole run, or (zoomed) the recent activity,
 * from just before the latest action to the end, so a 5 s flow is not 10 px after ten minutes;
 * and a marker for every action in view (kubectl commands, faults), to click and seek to. Pure.
 */
export function timelineView(input: {
  horizonMs: number
  simTimeMs: number
  actions: readonly LoggedAction[]
  zoomed: boolean
}): TimelineView {
  const end = Math.max(input.horizonMs, input.simTimeMs, 1)
  const latest = input.actions.reduce((t, a) => Math.max(t, a.atMs), -Infinity)
  const anchor = Number.isFinite(latest) ? latest - RECENT_LEAD_MS : end - RECENT_MIN_SPAN_MS
  const recent = Math.max(0, Math.min(anchor, end - RECENT_MIN_SPAN_MS, input.simTimeMs))
  const start = input.zoomed ? recent : 0
  const span = Math.max(1, end - start)
  const markers = input.actions
    .filter((a) => a.atMs >= start && a.atMs <= end)
    .map((a) => ({
      atMs: a.atMs,
      at: (a.atMs - start) / span,
      label: markerLabel(a),
      kind: markerKind(a),
    }))
  return { start, end, markers }
}

const NICE_STEPS_MS = [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000]

/** A round step near `ms`: 10, 20, 50, 100 … ms, 1, 2, 5 … s. */
export function niceStep(ms: number): number {
  return NICE_STEPS_MS.find((s) => s >= ms) ?? 60_000 * Math.ceil(ms / 60_000)
}

/**
 * Where a key takes the timeline: arrows by about 1 % of the span shown, Page Up/Down by about
 * 10 %, Home to the start shown, End to the latest time. Undefined for other keys. Pure.
 */
export function keySeek(key: string, nowMs: number, view: TimelineView): number | undefined {
  const span = view.end - view.start
  const small = niceStep(span / 100)
  const large = niceStep(span / 10)
  const clamp = (t: number) => Math.min(view.end, Math.max(0, t))
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(nowMs - small)
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(nowMs + small)
    case 'PageDown':
      return clamp(nowMs - large)
    case 'PageUp':
      return clamp(nowMs + large)
    case 'Home':
      return view.start
    case 'End':
      return view.end
    default:
      return undefined
  }
}

/** Markers that would overlap on the track, drawn as one target that lists them. */
export interface MarkerGroup {
  /** Where the group's target sits (its first marker), 0…1. */
  at: number
  markers: TimelineMarker[]
}

// WCAG 2.5.8 target size (axe's target-size): each marker or group is a 24x24 px target, and
// two targets closer than this would overlap.
export const MARKER_TARGET_PX = 24

/**
 * Groups markers so that every target is at least MARKER_TARGET_PX from the next on a track
 * `widthPx` wide: a marker within that distance of a group's first marker joins the group. Pure.
 */
export function groupMarkers(
  markers: readonly TimelineMarker[],
  widthPx: number,
  minGapPx = MARKER_TARGET_PX,
): MarkerGroup[] {
  const sorted = [...markers].sort((a, b) => a.at - b.at || a.atMs - b.atMs)
  const groups: MarkerGroup[] = []
  for (const marker of sorted) {
    const last = groups[groups.length - 1]
    if (last && (marker.at - last.at) * widthPx < minGapPx) last.markers.push(marker)
    else groups.push({ at: marker.at, markers: [marker] })
  }
  return groups
}
