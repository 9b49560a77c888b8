/**
 * The shared resource scorer behind NodeResourcesFit scoring and BalancedAllocation.
 * Source: resourceAllocationScorer, pkg/scheduler/framework/plugins/noderesources/resource_allocation.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { NodeInfo } from '../../framework/node-info'
import type { ResourceSpec } from '../../framework/profile'
import {
  NON_MISSING_DEFAULTS,
  RESOURCE_CPU,
  RESOURCE_EPHEMERAL_STORAGE,
  RESOURCE_MEMORY,
  isScalarResourceName,
  podRequests,
} from '../../framework/resource'

/** Per-resource inputs of a score, kept so the UI can show the formula. */
export interface ResourceScoreInput {
  resource: string
  /** node-side sum + pod request */
  requested: number
  allocatable: number
}

/**
 * calculatePodResourceRequestList: the pod's request per configured resource; without
 * `useRequested` containers lacking cpu/memory get the 100m/200Mi defaults.
 */
export function podRequestList(
  pod: Pod,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
): number[] {
  const reqs = podRequests(pod, useRequested ? undefined : NON_MISSING_DEFAULTS)
  return resources.map((r) => reqs[r.name] ?? 0)
}

/** calculateResourceAllocatableRequest: [allocatable, requested]; [0, 0] means "skip". */
export function allocatableAndRequested(
  nodeInfo: NodeInfo,
  resource: string,
  podRequest: number,
  useRequested: boolean,
): [number, number] {
  const requested = useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested
  // An extended resource the pod does not request is skipped.
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0]
  switch (resource) {
    case RESOURCE_CPU:
      return [nodeInfo.allocatable.milliCpu, requested.milliCpu + podRequest]
    case RESOURCE_MEMORY:
      return [nodeInfo.allocatable.memoryBytes, requested.memoryBytes + podRequest]
    case RESOURCE_EPHEMERAL_STORAGE:
      return [
        nodeInfo.allocatable.ephemeralStorageBytes,
        nodeInfo.requested.ephemeralStorageBytes + podRequest,
      ]
    default: {
      const alloc = nodeInfo.allocatable.scalarResources[resource]
      if (alloc === undefined) return [0, 0]
      return [alloc, (nodeInfo.requested.scalarResources[resource] ?? 0) + podRequest]
    }
  }
}

/** What scoreInputs fills: reused by every call, read before the next (a cycle is synchronous). */
export interface ScoreInputs {
  requested: number[]
  allocatable: number[]
}

const SCRATCH: ScoreInputs = { requested: [], allocatable: [] }

/**
 * resourceAllocationScorer.score: gathers the per-resource inputs, skipping allocatable 0.
 * Fills `out` (by default one scratch pair shared by every caller, as a score runs ~500 nodes ×
 * 2 plugins a cycle at 5,000 nodes): read it before the next call.
 */
export function scoreInputs(
  nodeInfo: NodeInfo,
  podRequestsList: readonly number[],
  resources: readonly ResourceSpec[],
  useRequested: boolean,
  out: ScoreInputs = SCRATCH,
): ScoreInputs {
  const n = resources.length
  const { requested, allocatable } = out
  requested.length = n
  allocatable.length = n
  const used = useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested
  for (let i = 0; i < n; i++) {
    const name = (resources[i] as ResourceSpec).name
    const podRequest = podRequestsList[i] ?? 0
    let alloc: number
    let req: number
    // cpu and memory, the default resources, without allocatableAndRequested's tuple.
    if (name === RESOURCE_CPU) {
      alloc = nodeInfo.allocatable.milliCpu
      req = used.milliCpu + podRequest
    } else if (name === RESOURCE_MEMORY) {
      alloc = nodeInfo.allocatable.memoryBytes
      req = used.memoryBytes + podRequest
    } else {
      ;[alloc, req] = allocatableAndRequested(nodeInfo, name, podRequest, useRequested)
    }
    allocatable[i] = alloc
    // Only fill the entry when allocatable is non-zero (resource_allocation.go v1.32).
    requested[i] = alloc === 0 ? 0 : req
  }
  return out
}
