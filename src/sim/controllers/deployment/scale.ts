/**
 * Scaling a Deployment (kubectl scale, or a paused Deployment): proportional scaling across its
 * active ReplicaSets, so a scale in the middle of a rollout keeps both sides in proportion.
 * Source: pkg/controller/deployment/sync.go sync, scale, isScalingEvent and
 * util/deployment_util.go GetProportion, getReplicaSetFraction, FindActiveOrLatest, IsSaturated (v1.32).
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import {
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  activeReplicaSets,
  byCreation,
  createdMs,
  isRollingUpdate,
  maxSurge,
  replicasOf,
  specReplicas,
} from './deployment-util'
import { cleanupDeployment, newAndOldReplicaSets } from './revisions'
import { syncDeploymentStatus } from './status'
import { scaleAndRecord, scaleReplicaSet, type SyncRun } from './sync-run'

const annotationNumber = (rs: ReplicaSet, key: string): number | undefined => {
  const text = rs.metadata?.annotations?.[key]
  const n = text === undefined ? Number.NaN : Number.parseInt(text, 10)
  return Number.isFinite(n) ? n : undefined
}

/** FindActiveOrLatest: the one active ReplicaSet, or the newest when none is active. */
function activeOrLatest(
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a))
  const active = activeReplicaSets([...newestFirst, newRS])
  if (active.length === 0) return newRS ?? newestFirst[0]
  return active.length === 1 ? active[0] : undefined
}

/** IsSaturated: the new ReplicaSet has every replica, all available. */
function isSaturated(run: SyncRun, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false
  const want = replicasOf(run.d)
  return (
    replicasOf(rs) === want &&
    annotationNumber(rs, DESIRED_REPLICAS_ANNOTATION) === want &&
    (rs.status?.availableReplicas ?? 0) === want
  )
}

function fraction(run: SyncRun, rs: ReplicaSet): number {
  const d = run.d
  if (replicasOf(d) === 0) return -replicasOf(rs)
  const deploymentReplicas = replicasOf(d) + maxSurge(d)
  const annotated = annotationNumber(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0
  if (annotated === 0) return 0
  // integer.RoundToInt32: round half away from zero.
  const size = (replicasOf(rs) * deploymentReplicas) / annotated
  return Math.sign(size) * Math.round(Math.abs(size)) - replicasOf(rs)
}

function proportion(run: SyncRun, rs: ReplicaSet, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  const allowed = toAdd - added
  const f = fraction(run, rs)
  return toAdd > 0 ? Math.min(f, allowed) : Math.max(f, allowed)
}

/** ReplicaSetsBySizeNewer / BySizeOlder: larger first; ties go newer (up) or older (down) first. */
function bySize(newerFirst: boolean) {
  return (a: ReplicaSet, b: ReplicaSet) =>
    replicasOf(b) - replicasOf(a) ||
    (newerFirst ? createdMs(b) - createdMs(a) : createdMs(a) - createdMs(b))
}

/** scale: resize the one active ReplicaSet, or share the change out proportionally. */
function scale(run: SyncRun, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = run.d
  const single = activeOrLatest(newRS, oldRSs)
  if (single) {
    scaleAndRecord(run, single, replicasOf(d))
    return
  }
  if (isSaturated(run, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleAndRecord(run, old, 0)
    return
  }
  if (!isRollingUpdate(d)) return
  const all = activeReplicaSets([...oldRSs, newRS])
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0
  const toAdd = allowed - specReplicas(all)
  const operation = toAdd > 0 ? 'up' : 'down'
  all.sort(bySize(toAdd > 0))
  let added = 0
  const sizes = all.map((rs) => {
    if (toAdd === 0) return replicasOf(rs)
    const p = proportion(run, rs, toAdd, added)
    added += p
    return replicasOf(rs) + p
  })
  all.forEach((rs, i) => {
    let size = sizes[i] ?? replicasOf(rs)
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added)
    scaleReplicaSet(run, rs, size, operation)
  })
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation no longer matches. */
export function isScalingEvent(run: SyncRun): boolean {
  const { newRS, oldRSs } = newAndOldReplicaSets(run, false)
  return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
    const desired = annotationNumber(rs, DESIRED_REPLICAS_ANNOTATION)
    return desired !== undefined && desired !== replicasOf(run.d)
  })
}

/** sync: reconcile a scaling event or a paused Deployment, without rolling out. */
export function syncScaling(run: SyncRun): void {
  const { newRS, oldRSs } = newAndOldReplicaSets(run, false)
  scale(run, newRS, oldRSs)
  if (run.d.spec?.paused === true) cleanupDeployment(run, oldRSs)
  syncDeploymentStatus(run, newRS)
}
