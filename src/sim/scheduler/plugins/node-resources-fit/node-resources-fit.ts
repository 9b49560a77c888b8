/**
 * NodeResourcesFit: Filter checks pod count, cpu, memory, ephemeral-storage and extended
 * resources against allocatable minus requested; Score applies the configured strategy
 * (LeastAllocated by default) to cpu and memory with non-zero default requests.
 * Source: pkg/scheduler/framework/plugins/noderesources/fit.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type {
  FilterPlugin,
  Handle,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface'
import { readState, writeState } from '../../framework/cycle-state'
import { Names } from '../../framework/names'
import type { NodeInfo } from '../../framework/node-info'
import type { NodeResourcesFitArgs } from '../../framework/profile'
import {
  isExtendedResourceName,
  podRequests,
  resourceFromAmounts,
  type Resource,
} from '../../framework/resource'
import { Code, SUCCESS, newStatus } from '../../framework/status'
import { podRequestList, scoreInputs } from './resource-allocation'
import {
  leastResourceScorer,
  mostResourceScorer,
  requestedToCapacityRatioScorer,
  type Scorer,
} from './scoring-strategies'

const PRE_FILTER_STATE_KEY = 'PreFilter' + Names.NodeResourcesFit
const PRE_SCORE_STATE_KEY = 'PreScore' + Names.NodeResourcesFit

/** InsufficientResource (fit.go v1.32). */
export interface InsufficientResource {
  resourceName: string
  reason: string
  requested: number
  used: number
  capacity: number
}

/** computePodResourceRequest: PodRequests without defaults, as a Resource. */
export function computePodResourceRequest(pod: Pod): Resource {
  return resourceFromAmounts(podRequests(pod))
}

/**
 * fitsRequest (fit.go v1.32). Order: pods, then (unless the pod requests nothing) cpu, memory,
 * ephemeral-storage, then scalar resources. NB: upstream ranges over a Go map for scalar
 * resources (random order); here they are sorted by name.
 */
export function fitsRequest(
  podRequest: Resource,
  nodeInfo: NodeInfo,
  ignoredExtendedResources: readonly string[] = [],
): InsufficientResource[] {
  const out: InsufficientResource[] = []
  const alloc = nodeInfo.allocatable
  const used = nodeInfo.requested
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: nodeInfo.pods.length,
      capacity: alloc.allowedPodNumber,
    })
  }
  const scalars = Object.keys(podRequest.scalarResources).sort()
  if (
    podRequest.milliCpu === 0 &&
    podRequest.memoryBytes === 0 &&
    podRequest.ephemeralStorageBytes === 0 &&
    scalars.length === 0
  ) {
    return out
  }
  const check = (name: string, req: number, usedAmount: number, cap: number): void => {
    if (req > 0 && req > cap - usedAmount) {
      out.push({
        resourceName: name,
        reason: `Insufficient ${name}`,
        requested: req,
        used: usedAmount,
        capacity: cap,
      })
    }
  }
  check('cpu', podRequest.milliCpu, used.milliCpu, alloc.milliCpu)
  check('memory', podRequest.memoryBytes, used.memoryBytes, alloc.memoryBytes)
  check(
    'ephemeral-storage',
    podRequest.ephemeralStorageBytes,
    used.ephemeralStorageBytes,
    alloc.ephemeralStorageBytes,
  )
  for (const name of scalars) {
    const q = podRequest.scalarResources[name] ?? 0
    if (q === 0) continue
    if (isExtendedResourceName(name) && ignoredExtendedResources.includes(name)) continue
    check(name, q, used.scalarResources[name] ?? 0, alloc.scalarResources[name] ?? 0)
  }
  return out
}

/** The scorer for the configured strategy (fit.go NewFit, v1.32). */
export function scorerFor(args: NodeResourcesFitArgs): Scorer {
  const { type, resources, requestedToCapacityRatio } = args.scoringStrategy
  switch (type) {
    case 'LeastAllocated':
      return leastResourceScorer(resources)
    case 'MostAllocated':
      return mostResourceScorer(resources)
    case 'RequestedToCapacityRatio':
      return requestedToCapacityRatioScorer(resources, requestedToCapacityRatio?.shape ?? [])
  }
}

/**
 * resourceAllocationScorer.score for the configured strategy: the pod's requests (with the
 * non-zero defaults) on top of the node's NonZeroRequested, per configured resource.
 */
function fitScore(
  podRequests: number[] | undefined,
  pod: Pod,
  nodeInfo: NodeInfo,
  handle: Handle,
): number {
  const args = handle.profile.pluginArgs.NodeResourcesFit
  const resources = args.scoringStrategy.resources
  const reqs = podRequests ?? podRequestList(pod, resources, false)
  const { requested, allocatable } = scoreInputs(nodeInfo, reqs, resources, false)
  return scorerFor(args)(requested, allocatable)
}

export const nodeResourcesFit = {
  name: Names.NodeResourcesFit,
  preFilter(state, pod) {
    writeState(state, PRE_FILTER_STATE_KEY, computePodResourceRequest(pod))
    return { status: SUCCESS }
  },
  filter(state, pod, nodeInfo, handle) {
    const req = readState<Resource>(state, PRE_FILTER_STATE_KEY) ?? computePodResourceRequest(pod)
    const ignored = handle.profile.pluginArgs.NodeResourcesFit.ignoredResources
    const insufficient = fitsRequest(req, nodeInfo, ignored)
    if (insufficient.length === 0) return SUCCESS
    // All failure reasons are kept (fit.go v1.32).
    return newStatus(Code.Unschedulable, ...insufficient.map((r) => r.reason))
  },
  preScore(state, pod, _nodes, handle) {
    const resources = handle.profile.pluginArgs.NodeResourcesFit.scoringStrategy.resources
    writeState(state, PRE_SCORE_STATE_KEY, podRequestList(pod, resources, false))
    return SUCCESS
  },
  score(state, pod, nodeInfo, handle) {
    return fitScore(readState<number[]>(state, PRE_SCORE_STATE_KEY), pod, nodeInfo, handle)
  },
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin
