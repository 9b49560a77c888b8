import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import {
  availableReplicas,
  findNewReplicaSet,
  isRollingUpdate,
  maxSurge,
  maxUnavailable,
  replicasOf,
} from './deployment-util'
import type { DeploymentAction } from './sync-run'

/**
 * One line saying what a sync observed, what it wants and what it did, for the event log and the
 * map: "Deployment nginx: 1 of 3 updated, 3 available, surge 1, max unavailable 0 → scaled up
 * replica set nginx-5c8f7 from 0 to 1". Undefined when the sync changed no ReplicaSet.
 */
export function describeSync(
  d: Deployment,
  replicaSets: readonly ReplicaSet[],
  actions: readonly DeploymentAction[],
): string | undefined {
  const did: string[] = []
  for (const a of actions) {
    if ((a.type === 'create-rs' || a.type === 'update-rs') && a.event !== undefined)
      did.push(a.event.replace(/^Scaled/, 'scaled'))
    else if (a.type === 'create-rs') did.push(`created replica set ${a.rs.metadata?.name ?? ''}`)
    else if (a.type === 'delete-rs')
      did.push(`deleted old replica set ${a.rs.metadata?.name ?? ''} (revision history)`)
  }
  if (did.length === 0) return undefined
  const newRS = findNewReplicaSet(d, replicaSets)
  const updated = newRS?.status?.replicas ?? 0
  const limits = isRollingUpdate(d)
    ? `surge ${maxSurge(d)}, max unavailable ${maxUnavailable(d)}`
    : 'Recreate'
  return `Deployment ${d.metadata?.name ?? ''}: ${updated} of ${replicasOf(d)} updated, ${availableReplicas(replicaSets)} available, ${limits} → ${did.join('; ')}`
}
