import type { Frame } from '../protocol/messages'
import type { NodeCondition, PodWindow, ScaleTotals } from '../protocol/scale'
import type { AppState } from './store'

/** Scale mode's cluster as the overview draws it: per node, in `names` order. */
export interface ScaleMap {
  names: string[]
  pods: number[]
  conditions: NodeCondition[]
  totals: ScaleTotals
}

/** How many messages were sent against how many the page animates (it samples at scale). */
export interface MessageSample {
  /** Start of the current window, in virtual ms. */
  sinceMs: number
  sent: number
  shown: number
}

// The sampling note counts over this much virtual time.
const SAMPLE_WINDOW_MS = 1_000
// Animated messages the page keeps in flight in scale mode: a few hundred at most.
export const MAX_SCALE_IN_FLIGHT = 300

/** Applies a frame's scale part: changed nodes into a copy of the arrays, the shown Pods. */
export function reduceScale(state: AppState, frame: Frame): Partial<AppState> {
  const scale = frame.scale
  if (!scale) return {}
  const base = frame.reset || scale.nodeNames ? undefined : state.scaleMap
  const names = scale.nodeNames ?? base?.names ?? []
  const pods = base ? [...base.pods] : names.map(() => 0)
  const conditions: NodeCondition[] = base ? [...base.conditions] : names.map(() => 2)
  scale.changed.index.forEach((index, i) => {
    pods[index] = scale.changed.pods[i] ?? 0
    conditions[index] = scale.changed.condition[i] ?? 2
  })
  const previous = state.messageSample
  const fresh =
    previous === undefined ||
    frame.reset !== undefined ||
    frame.simTimeMs - previous.sinceMs > SAMPLE_WINDOW_MS
  const sample: MessageSample = fresh
    ? { sinceMs: frame.simTimeMs, sent: scale.messagesSent, shown: frame.messages.length }
    : {
        sinceMs: previous.sinceMs,
        sent: previous.sent + scale.messagesSent,
        shown: previous.shown + frame.messages.length,
      }
  const next: Partial<AppState> = {
    scaleMap: { names, pods, conditions, totals: scale.totals },
    messageSample: sample,
    podWindow: scale.podWindow,
    nodePods: scale.nodePods,
  }
  return next
}

export type { PodWindow }
