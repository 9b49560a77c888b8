/**
 * What the UI's scheduler panel shows: the kept decisions and the scheduling queue, each queue
 * cut to MAX_QUEUE_ENTRIES entries with its full length alongside. JSON-able; read-only.
 */
import type { DecisionSummary } from './decision-summary'
import { listDecisions } from './decision-log'
import type { SchedulerState } from './kube-scheduler-state'
import { UNSCHEDULABLE_FLUSH_INTERVAL_MS } from './queue'
import { listQueues, type QueuedPodView } from './queue-view'

export const MAX_QUEUE_ENTRIES = 50

export interface QueueSummary {
  activeQ: QueuedPodView[]
  backoffQ: QueuedPodView[]
  unschedulablePods: QueuedPodView[]
  inFlight: QueuedPodView[]
  /** Full lengths, when a list above was cut. */
  lengths: { activeQ: number; backoffQ: number; unschedulablePods: number; inFlight: number }
  /** How often the leftover flush runs and how long a pod may stay (queue config). */
  unschedulableFlushIntervalMs: number
  podMaxInUnschedulablePodsMs: number
}

export interface SchedulerView {
  decisions: DecisionSummary[]
  /** The newest decision number (0 before the first cycle). */
  decisionSeq: number
  queue: QueueSummary
}

/** The scheduler's decisions and queue, as the UI shows them. Pure read. */
export function schedulerViewOf(state: SchedulerState): SchedulerView {
  const listing = listQueues(state.queue)
  return {
    decisions: listDecisions(state.decisions),
    decisionSeq: state.decisions.seq,
    queue: {
      activeQ: listing.activeQ.slice(0, MAX_QUEUE_ENTRIES),
      backoffQ: listing.backoffQ.slice(0, MAX_QUEUE_ENTRIES),
      unschedulablePods: listing.unschedulablePods.slice(0, MAX_QUEUE_ENTRIES),
      inFlight: listing.inFlight.slice(0, MAX_QUEUE_ENTRIES),
      lengths: {
        activeQ: listing.activeQ.length,
        backoffQ: listing.backoffQ.length,
        unschedulablePods: listing.unschedulablePods.length,
        inFlight: listing.inFlight.length,
      },
      unschedulableFlushIntervalMs: UNSCHEDULABLE_FLUSH_INTERVAL_MS,
      podMaxInUnschedulablePodsMs: state.queue.config.podMaxInUnschedulablePodsMs,
    },
  }
}
