import type { DecisionRecord, PodRecord, SchedulerFrame } from '../protocol/records'
import type { AppState } from './store'

/** Decisions the store keeps: the most recent ones, plus the latest of every Pending pod. */
export const KEPT_DECISIONS = 80

const podName = (p: PodRecord) => `${p.namespace}/${p.name}`

/**
 * Merges a frame's scheduler part into the store's decisions and queue. Pure. Scale mode's
 * headlines (`brief`) push older decisions out fast: the newest whole one (what the panel
 * shows) and the picked Pod's latest stay however old.
 */
export function reduceScheduler(
  state: Pick<AppState, 'decisions' | 'schedulerQueue' | 'decisionPod'>,
  frame: SchedulerFrame | undefined,
  pods: Record<string, PodRecord>,
): Partial<AppState> {
  if (!frame) return {}
  const bySeq = new Map<number, DecisionRecord>()
  for (const d of frame.replace ? [] : state.decisions) bySeq.set(d.seq, d)
  for (const d of frame.decisions) bySeq.set(d.seq, d)
  const all = [...bySeq.values()].sort((a, b) => a.seq - b.seq)
  const pending = new Set(
    Object.values(pods)
      .filter((p) => p.node === '')
      .map(podName),
  )
  const latest = new Map<string, number>()
  for (const d of all) latest.set(d.pod, d.seq)
  const whole = all.findLast((d) => !d.brief)
  const picked = state.decisionPod === undefined ? undefined : latest.get(state.decisionPod)
  const cutoff = all.length - KEPT_DECISIONS
  const decisions = all.filter(
    (d, i) =>
      i >= cutoff ||
      (pending.has(d.pod) && latest.get(d.pod) === d.seq) ||
      d === whole ||
      d.seq === picked,
  )
  const next: Partial<AppState> = { decisions }
  if (frame.queue) next.schedulerQueue = frame.queue
  else if (frame.replace) next.schedulerQueue = undefined
  return next
}
