/**
 * syncDeployment: one reconcile of one Deployment, as a pure function from what the informers
 * hold to the writes the controller sends.
 * Source: pkg/controller/deployment/deployment_controller.go syncDeployment (v1.32).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { newAndOldReplicaSets } from './revisions'
import { rolloutRecreate, rolloutRolling } from './rolling'
import { isScalingEvent, syncScaling } from './scale'
import { checkPausedConditions, syncDeploymentStatus } from './status'
import { createSyncRun, type DeploymentAction } from './sync-run'

export interface DeploymentSyncInput {
  deployment: Deployment
  /** The ReplicaSets this Deployment controls (controllerRef uid = its uid). */
  replicaSets: readonly ReplicaSet[]
  /** Their pods, by ReplicaSet uid. */
  podsByRs: Record<string, Pod[]>
  nowMs: number
}

const isEmptySelector = (d: Deployment): boolean =>
  Object.keys(d.spec?.selector.matchLabels ?? {}).length === 0 &&
  (d.spec?.selector.matchExpressions ?? []).length === 0

export function syncDeployment(input: DeploymentSyncInput): DeploymentAction[] {
  const run = createSyncRun(input.deployment, input.replicaSets, input.podsByRs, input.nowMs)
  const d = run.d
  if (isEmptySelector(d)) {
    run.actions.push({
      type: 'event',
      eventType: 'Warning',
      reason: 'SelectingAll',
      message: 'This deployment is selecting all pods. A non-empty selector is required.',
    })
    return run.actions
  }
  if (d.metadata?.deletionTimestamp) {
    const { newRS } = newAndOldReplicaSets(run, false)
    syncDeploymentStatus(run, newRS)
    return run.actions
  }
  checkPausedConditions(run)
  if (run.d.spec?.paused === true || isScalingEvent(run)) {
    syncScaling(run)
    return run.actions
  }
  if (run.d.spec?.strategy?.type === 'Recreate') rolloutRecreate(run)
  else rolloutRolling(run)
  return run.actions
}

export type { DeploymentAction }
