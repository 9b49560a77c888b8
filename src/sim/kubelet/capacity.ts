import { isValidQuantity, parseMilliValue, parseValue } from '../model/quantity'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { nodeResourceStatus } from './node-object'
import type { KubeletState, NodeResources } from './state'

/** A change to the machine under a kubelet: any of cpu, memory (quantities) and max pods. */
export interface CapacityChange {
  cpu?: string | undefined
  memory?: string | undefined
  pods?: number | undefined
}

/** Why a capacity change cannot be applied, or undefined when it can. Pure. */
export function capacityChangeError(change: CapacityChange): string | undefined {
  if (change.cpu !== undefined && (!isValidQuantity(change.cpu) || parseMilliValue(change.cpu) < 0))
    return `cpu: invalid quantity "${change.cpu}"`
  if (
    change.memory !== undefined &&
    (!isValidQuantity(change.memory) || parseValue(change.memory) < 0)
  )
    return `memory: invalid quantity "${change.memory}"`
  if (change.pods !== undefined && (!Number.isInteger(change.pods) || change.pods < 0))
    return `pods: must be a whole number ≥ 0, got ${String(change.pods)}`
  return undefined
}

/**
 * The machine changed (resized VM, --max-pods): the kubelet's node status setters report the new
 * capacity and allocatable with a PATCH of nodes/<name>/status, as its periodic status update
 * does (kubelet_node_status.go updateNodeStatus, v1.32). Running pods are not evicted.
 */
export function setCapacity(ctx: ActorContext, state: KubeletState, change: CapacityChange): void {
  const error = capacityChangeError(change)
  if (error !== undefined) {
    ctx.emit({ type: 'Narrated', actor: ctx.self, text: `capacity not changed: ${error}` })
    return
  }
  const resources: NodeResources = {
    cpu: change.cpu ?? state.resources.cpu,
    memory: change.memory ?? state.resources.memory,
    pods: change.pods ?? state.resources.pods,
  }
  state.resources = resources
  if (!state.running || !state.registered) return
  const status = nodeResourceStatus(resources)
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `kubelet reports new capacity for ${state.nodeName}: cpu ${status.capacity['cpu'] ?? ''}, memory ${status.capacity['memory'] ?? ''}, pods ${status.capacity['pods'] ?? ''}`,
  })
  callApi(
    ctx,
    state.client,
    {
      method: 'PATCH',
      path: `/api/v1/nodes/${state.nodeName}/status`,
      body: { status },
      contentType: 'application/strategic-merge-patch+json',
      label: `PATCH nodes/${state.nodeName}/status (capacity)`,
    },
    { purpose: 'node-status' },
  )
}
