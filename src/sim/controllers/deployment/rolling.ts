/**
 * The RollingUpdate and Recreate strategies.
 * Source: pkg/controller/deployment/rolling.go and recreate.go (v1.32).
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import {
  activeReplicaSets,
  actualReplicas,
  availableReplicas,
  byCreation,
  maxUnavailable,
  replicasOf,
  specReplicas,
} from './deployment-util'
import { cleanupDeployment, newAndOldReplicaSets, newRSNewReplicas } from './revisions'
import { deploymentComplete, syncRolloutStatus } from './status'
import { scaleAndRecord, type SyncRun } from './sync-run'

/** reconcileNewReplicaSet: grow the new ReplicaSet as far as maxSurge allows. */
function reconcileNewReplicaSet(run: SyncRun, newRS: ReplicaSet): boolean {
  const want = replicasOf(run.d)
  const has = replicasOf(newRS)
  if (has === want) return false
  if (has > want) return scaleAndRecord(run, newRS, want)
  return scaleAndRecord(run, newRS, newRSNewReplicas(run, newRS))
}

/** cleanupUnhealthyReplicas: first shrink old ReplicaSets by their unavailable pods. */
function cleanupUnhealthyReplicas(run: SyncRun, oldRSs: ReplicaSet[], maxCleanup: number): number {
  let total = 0
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break
    const replicas = replicasOf(rs)
    const available = rs.status?.availableReplicas ?? 0
    if (replicas === 0 || replicas === available) continue
    const down = Math.min(maxCleanup - total, replicas - available)
    scaleAndRecord(run, rs, replicas - down)
    total += down
  }
  return total
}

/** scaleDownOldReplicaSetsForRollingUpdate: shrink old ReplicaSets while availability allows. */
function scaleDownOldForRollingUpdate(run: SyncRun, oldRSs: ReplicaSet[]): number {
  const minAvailable = replicasOf(run.d) - maxUnavailable(run.d)
  const available = availableReplicas(run.rss)
  if (available <= minAvailable) return 0
  const budget = available - minAvailable
  let total = 0
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= budget) break
    const replicas = replicasOf(rs)
    if (replicas === 0) continue
    const down = Math.min(replicas, budget - total)
    scaleAndRecord(run, rs, replicas - down)
    total += down
  }
  return total
}

/** reconcileOldReplicaSets: shrink old ReplicaSets without going under maxUnavailable. */
function reconcileOldReplicaSets(run: SyncRun, oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (specReplicas(oldRSs) === 0) return false
  const allPods = specReplicas(run.rss)
  const minAvailable = replicasOf(run.d) - maxUnavailable(run.d)
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0)
  const maxScaledDown = allPods - minAvailable - newUnavailable
  if (maxScaledDown <= 0) return false
  const cleaned = cleanupUnhealthyReplicas(run, oldRSs, maxScaledDown)
  const scaled = scaleDownOldForRollingUpdate(run, oldRSs)
  return cleaned + scaled > 0
}

/** rolloutRolling: scale up if we can, else scale down if we can, then report status. */
export function rolloutRolling(run: SyncRun): void {
  const { newRS, oldRSs } = newAndOldReplicaSets(run, true)
  if (!newRS) return
  if (reconcileNewReplicaSet(run, newRS)) return syncRolloutStatus(run, newRS)
  if (reconcileOldReplicaSets(run, activeReplicaSets(oldRSs), newRS))
    return syncRolloutStatus(run, newRS)
  if (deploymentComplete(run.d, run.d.status ?? {})) cleanupDeployment(run, oldRSs)
  syncRolloutStatus(run, newRS)
}

/** oldPodsRunning: any pod of an old ReplicaSet that is not finished yet. */
function oldPodsRunning(
  run: SyncRun,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): boolean {
  if (actualReplicas(oldRSs) > 0) return true
  for (const [uid, pods] of Object.entries(run.podsByRs)) {
    if (newRS && newRS.metadata?.uid === uid) continue
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded'))
      return true
  }
  return false
}

/** rolloutRecreate: every old pod goes before the first new one is created. */
export function rolloutRecreate(run: SyncRun): void {
  let { newRS, oldRSs } = newAndOldReplicaSets(run, false)
  let scaledDown = false
  for (const rs of activeReplicaSets(oldRSs)) if (scaleAndRecord(run, rs, 0)) scaledDown = true
  if (scaledDown || oldPodsRunning(run, newRS, oldRSs)) return syncRolloutStatus(run, newRS)
  if (!newRS) ({ newRS, oldRSs } = newAndOldReplicaSets(run, true))
  if (newRS) scaleAndRecord(run, newRS, replicasOf(run.d))
  if (deploymentComplete(run.d, run.d.status ?? {})) cleanupDeployment(run, oldRSs)
  syncRolloutStatus(run, newRS)
}
