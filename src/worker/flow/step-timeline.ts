import type { FlowStep } from '../../sim/index'
import type { StepChange, StepState } from '../../protocol/flow'

/** A stretch of virtual time during which a step had work in hand. `end` may be Infinity. */
export interface Interval {
  start: number
  end: number
}

// Work inside one component between two messages (etcd applying an entry, the scheduler
// scoring nodes) takes a few ms of virtual time; gaps this short do not switch a step off.
export const MERGE_GAP_MS = 50

export const STEPS: readonly FlowStep[] = [1, 2, 3, 4, 5, 6]

/**
 * Sorted, with overlapping intervals merged, and those a short gap apart too, unless another
 * step began its work inside the gap (then the flow had moved on, and this step was idle). Pure.
 */
export function mergeIntervals(
  intervals: readonly Interval[],
  otherStarts: readonly number[] = [],
): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start)
  const merged: Interval[] = []
  for (const next of sorted) {
    const last = merged[merged.length - 1]
    const bridged =
      last !== undefined &&
      next.start <= last.end + MERGE_GAP_MS &&
      (next.start <= last.end || !otherStarts.some((s) => s > last.end && s < next.start))
    if (last && bridged) last.end = Math.max(last.end, next.end)
    else merged.push({ ...next })
  }
  return merged
}

/** Each step's merged intervals, and when the whole flow was complete (if it was). */
export interface StepWork {
  intervals: Record<FlowStep, Interval[]>
  completedAtMs?: number | undefined
}

const firstStart = (work: StepWork, step: FlowStep) => work.intervals[step][0]?.start ?? Infinity

/**
 * A step's state at virtual time `t`, as the trace says: pending before its first message;
 * active while it has work in hand (a message in flight, or a request it waits on); done once
 * that work is over and a later step has begun (step 6: once the flow is complete); waiting in
 * between (started, nothing in hand, not finished: the kubelet between two status reports).
 */
export function stepStateAt(work: StepWork, step: FlowStep, t: number): StepState {
  const intervals = work.intervals[step]
  if (firstStart(work, step) > t) return 'pending'
  if (intervals.some((i) => i.start <= t && t < i.end)) return 'active'
  if (work.completedAtMs !== undefined && t >= work.completedAtMs) return 'done'
  const laterBegun = STEPS.some((later) => later > step && firstStart(work, later) <= t)
  return step < 6 && laterBegun ? 'done' : 'waiting'
}

/**
 * Every change of a step's state, in time order (before the first: pending). The UI looks the
 * state up at the time it draws, so the list and the map agree at every instant. Pure.
 */
export function stepChanges(work: StepWork, step: FlowStep): StepChange[] {
  const times = new Set<number>()
  for (const s of STEPS)
    for (const i of work.intervals[s]) {
      times.add(i.start)
      if (Number.isFinite(i.end)) times.add(i.end)
    }
  if (work.completedAtMs !== undefined) times.add(work.completedAtMs)
  const changes: StepChange[] = []
  let previous: StepState = 'pending'
  for (const atMs of [...times].sort((a, b) => a - b)) {
    const state = stepStateAt(work, step, atMs)
    if (state !== previous) changes.push({ atMs, state })
    previous = state
  }
  return changes
}
