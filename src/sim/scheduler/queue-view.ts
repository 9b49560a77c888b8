/**
 * Read-only views of the scheduling queue: the three queues for the UI, and the nominated pods
 * the scheduling cycle must account for (the nominator, scheduling_queue.go v1.32).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { podNamespacedName, podPriority } from './framework/node-info'
import {
  activeLess,
  backoffExpiryMs,
  BACKOFF_FLUSH_INTERVAL_MS,
  firstTickAtOrAfter,
  UNSCHEDULABLE_FLUSH_INTERVAL_MS,
  type QueuedPodInfo,
  type SchedulingQueue,
} from './queue'

export interface QueuedPodView {
  pod: string
  priority: number
  attempts: number
  timestampMs: number
  unschedulablePlugins: string[]
  pendingPlugins: string[]
  gated: boolean
  /** backoffQ only: when the backoff ends (the next 1 s flush after it moves the pod). */
  backoffExpiresAtMs?: number
  /** unschedulablePods only: when the 5-minute leftover flush would move it at the latest. */
  unschedulableTimeoutAtMs?: number
  /** backoffQ and unschedulablePods: the flush tick that will move the pod, unless an event does first. */
  movesAtMs?: number
}

export interface QueueListing {
  activeQ: QueuedPodView[]
  backoffQ: QueuedPodView[]
  unschedulablePods: QueuedPodView[]
  inFlight: QueuedPodView[]
}

function view(p: QueuedPodInfo): QueuedPodView {
  return {
    pod: podNamespacedName(p.pod),
    priority: podPriority(p.pod),
    attempts: p.attempts,
    timestampMs: p.timestampMs,
    unschedulablePlugins: [...p.unschedulablePlugins],
    pendingPlugins: [...p.pendingPlugins],
    gated: p.gated,
  }
}

/** All queues, each in the order the scheduler would take them (JSON-able). */
export function listQueues(q: SchedulingQueue): QueueListing {
  const active = [...q.activeQ].sort((a, b) => (activeLess(a, b) ? -1 : activeLess(b, a) ? 1 : 0))
  const backoff = [...q.backoffQ].sort(
    (a, b) => backoffExpiryMs(q, a) - backoffExpiryMs(q, b) || a.seq - b.seq,
  )
  const unschedulable = Object.values(q.unschedulablePods).sort(
    (a, b) => a.timestampMs - b.timestampMs || a.seq - b.seq,
  )
  return {
    activeQ: active.map(view),
    backoffQ: backoff.map((p) => ({
      ...view(p),
      backoffExpiresAtMs: backoffExpiryMs(q, p),
      movesAtMs: firstTickAtOrAfter(q, BACKOFF_FLUSH_INTERVAL_MS, backoffExpiryMs(q, p)),
    })),
    unschedulablePods: unschedulable.map((p) =>
      p.gated
        ? view(p)
        : {
            ...view(p),
            unschedulableTimeoutAtMs: p.timestampMs + q.config.podMaxInUnschedulablePodsMs,
            // moved once now − timestamp > max: the first 30 s tick strictly after timestamp + max
            movesAtMs: firstTickAtOrAfter(
              q,
              UNSCHEDULABLE_FLUSH_INTERVAL_MS,
              p.timestampMs + q.config.podMaxInUnschedulablePodsMs + 1,
            ),
          },
    ),
    inFlight: Object.values(q.inFlight).map((f) => view(f.pInfo)),
  }
}

/** Queued pods with status.nominatedNodeName: pass them to runSchedulingCycle as nominatedPods. */
export function nominatedPods(q: SchedulingQueue): Pod[] {
  return Object.values(q.nominated)
}
