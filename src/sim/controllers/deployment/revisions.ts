/**
 * Finding (or creating) a Deployment's new ReplicaSet, revisions, and history cleanup.
 * Source: pkg/controller/deployment/sync.go getAllReplicaSetsAndSyncRevision, getNewReplicaSet,
 * cleanupDeployment (v1.32).
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import { deepCopy } from '../../model/objects'
import {
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  byCreation,
  computeHash,
  findNewReplicaSet,
  maxRevision,
  maxSurge,
  replicasOf,
  revisionOf,
  setNewReplicaSetAnnotations,
  specReplicas,
} from './deployment-util'
import { REASON, getCondition, newCondition, setCondition } from './status'
import type { SyncRun } from './sync-run'
import { newControllerRef } from '../pod-template'

/** SetDeploymentRevision: the Deployment carries its newest ReplicaSet's revision. */
function setDeploymentRevision(run: SyncRun, revision: string): boolean {
  const annotations = run.d.metadata?.annotations ?? {}
  if (annotations[REVISION_ANNOTATION] === revision) return false
  run.d = {
    ...run.d,
    metadata: {
      ...run.d.metadata,
      annotations: { ...annotations, [REVISION_ANNOTATION]: revision },
    },
  }
  return true
}

function pushDeployment(run: SyncRun): void {
  run.actions.push({ type: 'update-status', deployment: run.d })
}

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(run: SyncRun, newRS: ReplicaSet): number {
  const d = run.d
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate') return replicasOf(d)
  const maxTotal = replicasOf(d) + maxSurge(d)
  const current = specReplicas(run.rss)
  if (current >= maxTotal) return replicasOf(newRS)
  const scaleUp = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS))
  return replicasOf(newRS) + scaleUp
}

function syncExistingNewRS(run: SyncRun, rs: ReplicaSet, newRevision: number): ReplicaSet {
  const d = run.d
  const annotationsUpdated = setNewReplicaSetAnnotations(d, rs, newRevision, true)
  const minReady = d.spec?.minReadySeconds ?? 0
  if (annotationsUpdated || (rs.spec?.minReadySeconds ?? 0) !== minReady) {
    if (rs.spec) rs.spec.minReadySeconds = minReady
    run.actions.push({ type: 'update-rs', rs: deepCopy(rs) })
    return rs
  }
  let needsUpdate = setDeploymentRevision(
    run,
    rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? '',
  )
  if (d.spec?.progressDeadlineSeconds !== undefined && !getCondition(run.d.status, 'Progressing')) {
    const status = { ...run.d.status, conditions: [...(run.d.status?.conditions ?? [])] }
    const msg = `Found new replica set "${rs.metadata?.name ?? ''}"`
    setCondition(status, newCondition('Progressing', 'True', REASON.foundNewRS, msg, run.nowMs))
    run.d = { ...run.d, status }
    needsUpdate = true
  }
  if (needsUpdate) pushDeployment(run)
  return rs
}

function createNewRS(run: SyncRun, newRevision: number): ReplicaSet {
  const d = run.d
  const template = deepCopy(d.spec?.template ?? {})
  const hash = computeHash(template, d.status?.collisionCount ?? 0)
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash }
  template.metadata = { ...template.metadata, labels }
  const name = `${d.metadata?.name ?? ''}-${hash}`
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata?.namespace ?? 'default',
      labels,
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec?.minReadySeconds ?? 0,
      selector: {
        ...d.spec?.selector,
        matchLabels: { ...d.spec?.selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash },
      },
      template,
    },
  }
  run.rss.push(rs)
  const replicas = newRSNewReplicas(run, rs)
  if (rs.spec) rs.spec.replicas = replicas
  setNewReplicaSetAnnotations(d, rs, newRevision, false)
  run.actions.push({
    type: 'create-rs',
    rs: deepCopy(rs),
    ...(replicas > 0 ? { event: `Scaled up replica set ${name} from 0 to ${replicas}` } : {}),
  })
  setDeploymentRevision(run, String(newRevision))
  if (d.spec?.progressDeadlineSeconds !== undefined) {
    const status = { ...run.d.status, conditions: [...(run.d.status?.conditions ?? [])] }
    const msg = `Created new replica set "${name}"`
    setCondition(status, newCondition('Progressing', 'True', REASON.newRSCreated, msg, run.nowMs))
    run.d = { ...run.d, status }
  }
  pushDeployment(run)
  return rs
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (the one with the Deployment's template,
 * created at revision max(old)+1 when asked to) and the old ones.
 */
export function newAndOldReplicaSets(
  run: SyncRun,
  createIfMissing: boolean,
): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
  const existing = findNewReplicaSet(run.d, run.rss)
  const oldRSs = run.rss.filter((rs) => rs !== existing)
  const newRevision = maxRevision(oldRSs) + 1
  if (existing) return { newRS: syncExistingNewRS(run, existing, newRevision), oldRSs }
  if (!createIfMissing) return { newRS: undefined, oldRSs }
  return { newRS: createNewRS(run, newRevision), oldRSs }
}

/** cleanupDeployment: keep at most revisionHistoryLimit old, empty ReplicaSets; oldest go first. */
export function cleanupDeployment(run: SyncRun, oldRSs: readonly ReplicaSet[]): void {
  const limit = run.d.spec?.revisionHistoryLimit
  if (limit === undefined) return
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp)
  const diff = cleanable.length - limit
  if (diff <= 0) return
  const byRevision = [...cleanable].sort(
    (a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b),
  )
  for (const rs of byRevision.slice(0, diff)) {
    if (
      (rs.status?.replicas ?? 0) !== 0 ||
      replicasOf(rs) !== 0 ||
      (rs.metadata?.generation ?? 1) > (rs.status?.observedGeneration ?? 0)
    )
      continue
    run.actions.push({ type: 'delete-rs', rs })
  }
}
