import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { deepCopy } from '../../model/objects'
import { maxSurge, replicasOf, setReplicasAnnotations } from './deployment-util'

/** What one sync of one Deployment asks the API server for; the actor sends them in order. */
export type DeploymentAction =
  | {
      type: 'update-rs'
      rs: ReplicaSet
      /** The ScalingReplicaSet event to record once the update succeeds. */
      event?: string
    }
  | { type: 'create-rs'; rs: ReplicaSet; event?: string }
  | { type: 'delete-rs'; rs: ReplicaSet }
  | { type: 'update-status'; deployment: Deployment }
  | { type: 'event'; eventType: 'Normal' | 'Warning'; reason: string; message: string }
  | { type: 'requeue-after'; ms: number }

/**
 * One sync in progress: copies of the Deployment and its ReplicaSets that the sync updates as it
 * goes (as upstream keeps the objects each Update returns), and the actions it decided.
 */
export interface SyncRun {
  d: Deployment
  rss: ReplicaSet[]
  /** The Deployment's pods by their ReplicaSet's uid (for Recreate). */
  podsByRs: Record<string, Pod[]>
  nowMs: number
  actions: DeploymentAction[]
}

export function createSyncRun(
  deployment: Deployment,
  replicaSets: readonly ReplicaSet[],
  podsByRs: Record<string, Pod[]>,
  nowMs: number,
): SyncRun {
  return {
    d: deepCopy(deployment),
    rss: replicaSets.map((rs) => deepCopy(rs)),
    podsByRs,
    nowMs,
    actions: [],
  }
}

/**
 * scaleReplicaSet: set replicas (and the desired/max annotations) and record
 * "Scaled up|down replica set <name> from <old> to <new>" (the v1.32 wording).
 * Returns whether the size changed.
 */
export function scaleReplicaSet(
  run: SyncRun,
  rs: ReplicaSet,
  newScale: number,
  operation?: 'up' | 'down',
): boolean {
  const oldScale = replicasOf(rs)
  const sizeNeedsUpdate = oldScale !== newScale
  const d = run.d
  const annotationsChanged = setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))
  if (!sizeNeedsUpdate && !annotationsChanged) return false
  ;(rs.spec ??= { selector: {} }).replicas = newScale
  const op = operation ?? (oldScale < newScale ? 'up' : 'down')
  run.actions.push({
    type: 'update-rs',
    rs: deepCopy(rs),
    ...(sizeNeedsUpdate
      ? {
          event: `Scaled ${op} replica set ${rs.metadata?.name ?? ''} from ${oldScale} to ${newScale}`,
        }
      : {}),
  })
  return sizeNeedsUpdate
}

/** scaleReplicaSetAndRecordEvent: scale unless it already has that size. */
export function scaleAndRecord(run: SyncRun, rs: ReplicaSet, newScale: number): boolean {
  if (replicasOf(rs) === newScale) return false
  return scaleReplicaSet(run, rs, newScale)
}
