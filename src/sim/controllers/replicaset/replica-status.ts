/**
 * The ReplicaSet status counts (calculateStatus, pkg/controller/replicaset/replica_set_utils.go
 * v1.32): one pass over the active Pods on every sync, as upstream.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../../core/time'
import { isReady } from './pod-ranking'

/** The Ready condition's transition time, when the pod is ready (podutil.IsPodAvailable). */
function readySinceMs(pod: Pod): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')
  return ready ? (rfc3339ToSimTime(ready.lastTransitionTime ?? '') ?? 0) : undefined
}

/** calculateStatus (replica_set_utils.go v1.32) in one pass: available = ready for minReadySeconds. */
export function countReplicas(rs: ReplicaSet, active: readonly Pod[], nowMs: number) {
  // fullyLabeledReplicas: Pods carrying every label of the Pod template (templateLabel, a
  // superset of the selector; an empty template matches every Pod). Its pairs once per sync.
  const pairs = Object.entries(rs.spec?.template?.metadata?.labels ?? {})
  const labeled = (labels: Record<string, string> | undefined): boolean => {
    for (const [k, v] of pairs) if (labels?.[k] !== v) return false
    return true
  }
  const minReadyMs = (rs.spec?.minReadySeconds ?? 0) * 1000
  let fullyLabeled = 0
  let ready = 0
  let available = 0
  for (const p of active) {
    if (labeled(p.metadata?.labels)) fullyLabeled++
    if (!isReady(p)) continue
    ready++
    // IsPodAvailable: with minReadySeconds 0 a ready pod is available, timestamp unread.
    if (minReadyMs === 0 || (readySinceMs(p) ?? 0) + minReadyMs <= nowMs) available++
  }
  return { fullyLabeled, ready, available, minReadyMs }
}
