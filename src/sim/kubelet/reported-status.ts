import type { Pod, PodCondition } from 'kubernetes-types/core/v1'
import { shareEqualParts } from '../apiserver/shared-structure'
import type { KubeletState, PodWorker } from './state'
import { isSettled, reportedOfSettled, settledWithPod, workerOf } from './settled-pod'

/**
 * The status manager keeps the status it last reported per Pod (status_manager.go podStatuses,
 * v1.32), here a merge of the patches it sent: what the next patch diffs against. Most of it
 * equals the server's copy of the Pod (the informer's, frozen and shared with the API server's
 * watch cache), so the worker keeps those parts as the server's objects instead of its own equal
 * copies. One difference stands in the way: the conditions the kubelet writes carry
 * `lastProbeTime: null` (Go's zero metav1.Time marshals to null, and the real status manager's
 * old and new JSON both have it), while the sim's decoded server copy leaves times it does not
 * hold out (decoding/go-values.ts). So the worker keeps its conditions without that null, and
 * one bit per condition saying it was there: `reportedStatusOf` gives back the exact status, so
 * the patches are the same as before.
 */

type Status = Record<string, unknown>

const isObject = (v: unknown): v is Status => typeof v === 'object' && v !== null

/** The status as the status manager last reported it (conditions with their null probe times). */
export function reportedStatusOf(worker: PodWorker): unknown {
  const kept = worker.reportedStatus
  const mask = worker.nullProbeTimes ?? 0
  if (mask === 0 || !isObject(kept) || !Array.isArray(kept['conditions'])) return kept
  const conditions = (kept['conditions'] as unknown[]).map((c, i) =>
    (mask & (1 << i)) !== 0 ? withNullProbeTime(c as PodCondition) : c,
  )
  return { ...kept, conditions }
}

/** Keeps `status` as the last reported one, sharing what equals the server's copy. */
export function setReportedStatus(worker: PodWorker, status: unknown): void {
  let mask = 0
  let kept = status
  const conditions = isObject(status) ? status['conditions'] : undefined
  if (Array.isArray(conditions) && conditions.length <= 30) {
    const stripped = (conditions as unknown[]).map((c, i) => {
      if (!isObject(c) || !Object.hasOwn(c, 'lastProbeTime') || c['lastProbeTime'] !== null)
        return c
      mask |= 1 << i
      const { lastProbeTime: _null, ...rest } = c
      return rest
    })
    if (mask !== 0) kept = { ...(status as Status), conditions: stripped }
  }
  worker.nullProbeTimes = mask
  worker.reportedStatus = shareWithServer(kept, worker.pod)
}

/**
 * The informer delivered a newer copy of the worker's Pod: the parts of the reported status the
 * server's copy now says too (container statuses, conditions, IPs, timestamps) become the
 * server's frozen objects. Values never change: the next patch is the same.
 */
export function adoptPod(worker: PodWorker, pod: Pod): void {
  worker.pod = pod
  worker.reportedStatus = shareWithServer(worker.reportedStatus, pod)
}

/** adoptPod for the worker of Pod `uid`, in whichever form it is (a settled Pod stays settled). */
export function adoptInto(state: KubeletState, uid: string, pod: Pod): void {
  const entry = state.workers[uid]
  if (entry !== undefined && isSettled(entry)) {
    const reported = shareWithServer(reportedOfSettled(entry), pod)
    const next = settledWithPod(entry, pod, reported)
    if (next) {
      state.workers[uid] = next
      return
    }
  }
  const worker = workerOf(state, uid)
  if (worker) adoptPod(worker, pod)
}

function shareWithServer(kept: unknown, pod: Pod): unknown {
  if (pod.status === undefined || !isObject(kept)) return kept
  return shareEqualParts(kept, pod.status)
}

/**
 * A condition as the kubelet generates it: PodCondition's fields in Go's order (types.go), the
 * zero probe time as null. The kubelet's own conditions have this order, the server's copy (to
 * which a kept condition may now be shared) another: a patch that removes a reason and message
 * lists them in this order, as before.
 */
function withNullProbeTime(c: PodCondition): PodCondition {
  const { type, status, lastTransitionTime, reason, message, ...rest } = c
  return {
    type,
    status,
    lastProbeTime: null as unknown as string,
    ...(lastTransitionTime !== undefined ? { lastTransitionTime } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(message !== undefined ? { message } : {}),
    ...rest,
  }
}
