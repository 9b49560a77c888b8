/* eslint-disable @typescript-eslint/prefer-for-of -- the informer's Pods are frozen (watch-cache.ts freezeShared), and V8's for-of over a frozen array allocates an iterator result per step (several times slower than over a plain one); the per-sync loops over them index instead. */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../../core/time'

const phaseRank = (pod: Pod): number => {
  const phase = pod.status?.phase
  return phase === 'Pending' ? 0 : phase === 'Unknown' ? 1 : phase === 'Running' ? 2 : 3
}
/**
 * The first Ready condition (GetPodConditionFromList returns the first of its type). An indexed
 * loop: the ReplicaSet controller asks it of every owned Pod on every sync, and the informer's
 * Pods are frozen (for-of over a frozen array is several times slower in V8).
 */
export function readyCondition(pod: Pod): PodCondition | undefined {
  const conditions = pod.status?.conditions
  if (!conditions) return undefined
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i] as PodCondition
    if (c.type === 'Ready') return c
  }
  return undefined
}
/** podutil.IsPodReady: the first Ready condition is True. */
function isReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True'
}
const restarts = (pod: Pod): number =>
  (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0)
const created = (pod: Pod): number => rfc3339ToSimTime(pod.metadata?.creationTimestamp ?? '') ?? 0

/**
 * Which pods a scale-down deletes first: unassigned before assigned, Pending before Unknown
 * before Running, not-ready before ready, more restarts first, then newer first.
 * Source: controller.ActivePods Less, pkg/controller/controller_utils.go (v1.32).
 * NB: the rank by pods-per-node (ActivePodsWithRanks) and the log-scale timestamp buckets are
 * left out; they only reorder pods that tie on everything above.
 */
export function compareForDeletion(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0)
  return (
    assigned(a) - assigned(b) ||
    phaseRank(a) - phaseRank(b) ||
    Number(isReady(a)) - Number(isReady(b)) ||
    restarts(b) - restarts(a) ||
    created(b) - created(a)
  )
}

export { isReady }
