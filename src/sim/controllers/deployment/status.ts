import { sameValue } from '../../model/objects'
/**
 * Deployment status and its Available / Progressing conditions.
 * Source: pkg/controller/deployment/sync.go (calculateStatus, syncDeploymentStatus),
 * progress.go (syncRolloutStatus, requeueStuckDeployment) and util/deployment_util.go
 * (condition reasons and messages) (v1.32).
 */
import type {
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  ReplicaSet,
} from 'kubernetes-types/apps/v1'
import { rfc3339ToSimTime, simTimeToRfc3339 } from '../../core/time'
import {
  actualReplicas,
  availableReplicas,
  maxUnavailable,
  readyReplicas,
  replicasOf,
  specReplicas,
} from './deployment-util'
import type { SyncRun } from './sync-run'

// Condition reasons: pkg/controller/deployment/util/deployment_util.go (v1.32)
export const REASON = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minAvailable: 'MinimumReplicasAvailable',
  minUnavailable: 'MinimumReplicasUnavailable',
} as const

export function getCondition(
  status: DeploymentStatus | undefined,
  type: string,
): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type)
}

export function newCondition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  nowMs: number,
): DeploymentCondition {
  const now = simTimeToRfc3339(nowMs)
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now }
}

/** SetDeploymentCondition: same status and reason is a no-op; same status keeps the transition time. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type)
  if (current?.status === condition.status && current.reason === condition.reason) return
  const next = { ...condition }
  if (current?.status === condition.status && current.lastTransitionTime !== undefined)
    next.lastTransitionTime = current.lastTransitionTime
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next]
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type)
}

/** calculateStatus: counts from the ReplicaSets, and Available from minimum availability. */
export function calculateStatus(run: SyncRun, newRS: ReplicaSet | undefined): DeploymentStatus {
  const { d } = run
  const all = [...run.rss]
  const available = availableReplicas(all)
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 1,
    replicas: actualReplicas(all),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicas(all) - available),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    conditions: [...(d.status?.conditions ?? [])],
  }
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        'Available',
        'True',
        REASON.minAvailable,
        'Deployment has minimum availability.',
        run.nowMs,
      ),
    )
  } else {
    setCondition(
      status,
      newCondition(
        'Available',
        'False',
        REASON.minUnavailable,
        'Deployment does not have minimum availability.',
        run.nowMs,
      ),
    )
  }
  return status
}

/** DeploymentComplete: every replica updated and available, and the spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const want = replicasOf(d)
  return (
    status.updatedReplicas === want &&
    status.replicas === want &&
    status.availableReplicas === want &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1)
  )
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {}
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0)
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  )
}

const deadlineMs = (d: Deployment): number | undefined =>
  d.spec?.progressDeadlineSeconds === undefined ? undefined : d.spec.progressDeadlineSeconds * 1000

/** DeploymentTimedOut: no progress for progressDeadlineSeconds since the condition's last update. */
function deploymentTimedOut(d: Deployment, status: DeploymentStatus, nowMs: number): boolean {
  const deadline = deadlineMs(d)
  const condition = getCondition(status, 'Progressing')
  if (deadline === undefined || !condition) return false
  if (condition.reason === REASON.newRSAvailable) return false
  if (condition.reason === REASON.timedOut) return true
  const from = rfc3339ToSimTime(condition.lastUpdateTime ?? '') ?? nowMs
  return from + deadline < nowMs
}

const sameJson = sameValue

/** syncDeploymentStatus: write the status if it changed (used when scaling or paused). */
export function syncDeploymentStatus(run: SyncRun, newRS: ReplicaSet | undefined): void {
  const status = calculateStatus(run, newRS)
  if (!sameJson(run.d.status, status)) pushStatus(run, status)
}

function pushStatus(run: SyncRun, status: DeploymentStatus): void {
  run.d = { ...run.d, status }
  run.actions.push({ type: 'update-status', deployment: run.d })
}

function progressMessage(d: Deployment, newRS: ReplicaSet | undefined, what: string): string {
  return newRS
    ? `ReplicaSet "${newRS.metadata?.name ?? ''}" ${what}.`
    : `Deployment "${d.metadata?.name ?? ''}" ${what}.`
}

/** syncRolloutStatus: Progressing as complete, progressing or timed out, then write the status. */
export function syncRolloutStatus(run: SyncRun, newRS: ReplicaSet | undefined): void {
  const { d, nowMs } = run
  const status = calculateStatus(run, newRS)
  if (deadlineMs(d) === undefined) removeCondition(status, 'Progressing')
  const current = getCondition(d.status, 'Progressing')
  const isComplete =
    status.replicas === status.updatedReplicas && current?.reason === REASON.newRSAvailable
  if (deadlineMs(d) !== undefined && !isComplete) {
    if (deploymentComplete(d, status)) {
      const msg = progressMessage(d, newRS, 'has successfully progressed')
      setCondition(status, newCondition('Progressing', 'True', REASON.newRSAvailable, msg, nowMs))
    } else if (deploymentProgressing(d, status)) {
      const msg = progressMessage(d, newRS, 'is progressing')
      const condition = newCondition('Progressing', 'True', REASON.rsUpdated, msg, nowMs)
      if (current) {
        if (current.status === 'True' && current.lastTransitionTime !== undefined)
          condition.lastTransitionTime = current.lastTransitionTime
        removeCondition(status, 'Progressing')
      }
      setCondition(status, condition)
    } else if (deploymentTimedOut(d, status, nowMs)) {
      const msg = progressMessage(d, newRS, 'has timed out progressing')
      setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, msg, nowMs))
    }
  }
  if (sameJson(d.status, status)) return requeueStuck(run, status)
  pushStatus(run, status)
}

/** requeueStuckDeployment: look again when the progress deadline would pass. */
function requeueStuck(run: SyncRun, status: DeploymentStatus): void {
  const { d, nowMs } = run
  const current = getCondition(d.status, 'Progressing')
  const deadline = deadlineMs(d)
  if (deadline === undefined || !current) return
  if (deploymentComplete(d, status) || current.reason === REASON.timedOut) return
  const from = rfc3339ToSimTime(current.lastUpdateTime ?? '') ?? nowMs
  const after = from + deadline - nowMs
  run.actions.push({ type: 'requeue-after', ms: after < 1000 ? 0 : after + 1000 })
}

/** checkPausedConditions: Progressing Unknown "Deployment is paused" / "Deployment is resumed". */
export function checkPausedConditions(run: SyncRun): void {
  const { d, nowMs } = run
  if (deadlineMs(d) === undefined) return
  const current = getCondition(d.status, 'Progressing')
  if (current?.reason === REASON.timedOut) return
  const pausedExists = current?.reason === REASON.paused
  const status: DeploymentStatus = { ...d.status, conditions: [...(d.status?.conditions ?? [])] }
  if (d.spec?.paused === true && !pausedExists) {
    setCondition(
      status,
      newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', nowMs),
    )
  } else if (d.spec?.paused !== true && pausedExists) {
    setCondition(
      status,
      newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', nowMs),
    )
  } else return
  pushStatus(run, status)
}
