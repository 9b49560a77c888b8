import type { Pod } from 'kubernetes-types/core/v1'
import { shareEqualParts } from '../apiserver/shared-structure'
import type { PodWorker } from './state'

/**
 * The informer delivered a newer copy of the worker's Pod. The status manager keeps the status it
 * last reported per Pod (status_manager.go podStatuses, v1.32), here a merge of the patches it
 * sent; the parts of it the server's copy now says too (container statuses, IPs, timestamps)
 * become the server's frozen objects, shared with the informer and the API server's watch cache,
 * instead of the worker's own equal copies. Values never change: the next patch is the same.
 */
export function adoptPod(worker: PodWorker, pod: Pod): void {
  worker.pod = pod
  const reported = worker.reportedStatus
  if (pod.status !== undefined && typeof reported === 'object' && reported !== null)
    worker.reportedStatus = shareEqualParts(reported, pod.status)
}
