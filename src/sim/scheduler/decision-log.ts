/**
 * The scheduler's recent decisions, kept in its state (so checkpoints and replay carry them) and
 * bounded: the last RECENT_DECISIONS cycles, plus the latest one of each pod still pending.
 */
import type { DecisionSummary } from './decision-summary'
import { deleteKey } from './util/records'

export const RECENT_DECISIONS = 30
/** Pending pods whose latest decision is kept beyond the recent ones. */
export const MAX_PENDING_DECISIONS = 200

export interface DecisionLog {
  /** The last decision number handed out. */
  seq: number
  recent: DecisionSummary[]
  /** Latest decision per pending pod (namespace/name). */
  pendingByPod: Record<string, DecisionSummary>
}

export function createDecisionLog(): DecisionLog {
  return { seq: 0, recent: [], pendingByPod: {} }
}

/** Appends a decision: a failed one stays as the pod's latest until it is scheduled or gone. */
export function recordDecision(log: DecisionLog, summary: DecisionSummary): void {
  log.seq = Math.max(log.seq, summary.seq)
  log.recent.push(summary)
  if (log.recent.length > RECENT_DECISIONS) log.recent.shift()
  if (summary.selectedNode !== null) {
    deleteKey(log.pendingByPod, summary.pod)
    return
  }
  log.pendingByPod[summary.pod] = summary
  const pending = Object.values(log.pendingByPod)
  if (pending.length > MAX_PENDING_DECISIONS) {
    const oldest = pending.reduce((a, b) => (a.seq <= b.seq ? a : b))
    deleteKey(log.pendingByPod, oldest.pod)
  }
}

/** The pod is gone (deleted) or was bound elsewhere: its pending decision no longer applies. */
export function forgetPodDecision(log: DecisionLog, pod: string): void {
  deleteKey(log.pendingByPod, pod)
}

/** Every kept decision, oldest first, each once. */
export function listDecisions(log: DecisionLog): DecisionSummary[] {
  const bySeq = new Map<number, DecisionSummary>()
  for (const d of [...Object.values(log.pendingByPod), ...log.recent]) bySeq.set(d.seq, d)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}
