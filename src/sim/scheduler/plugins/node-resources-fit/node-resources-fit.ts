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

// The answer for a node with room: shared, so the common case allocates nothing.
const FITS: readonly InsufficientResource[] = Object.freeze([])

function insufficient(
  name: string,
  requested: number,
  used: number,
  capacity: number,
): InsufficientResource {
  return { resourceName: name, reason: `Insufficient ${name}`, requested, used, capacity }
}

/** Whether a request of `req` exceeds what is left (insufficientResources' test, fit.go). */
function exceeds(req: number, used: number, capacity: number): boolean {
  return req > 0 && req > capacity - used
}

function hasScalars(r: Resource): boolean {
  for (const _ in r.scalarResources) return true
  return false
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
): readonly InsufficientResource[] {
  const alloc = nodeInfo.allocatable
  const used = nodeInfo.requested
  const tooManyPods = nodeInfo.pods.length + 1 > alloc.allowedPodNumber
  const scalars = hasScalars(podRequest)
  const cpu = exceeds(podRequest.milliCpu, used.milliCpu, alloc.milliCpu)
  const memory = exceeds(podRequest.memoryBytes, used.memoryBytes, alloc.memoryBytes)
  const storage = exceeds(
    podRequest.ephemeralStorageBytes,
    used.ephemeralStorageBytes,
    alloc.ephemeralStorageBytes,
  )
  // Most nodes have room: answer without building the list.
  if (!tooManyPods && !scalars && !cpu && !memory && !storage) return FITS
  const out: InsufficientResource[] = []
  if (tooManyPods) {
    out.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: nodeInfo.pods.length,
      capacity: alloc.allowedPodNumber,
    })
  }
  // A pod that requests nothing is checked for the pod count only (a request of 0 never exceeds).
  if (cpu) out.push(insufficient('cpu', podRequest.milliCpu, used.milliCpu, alloc.milliCpu))
  if (memory)
    out.push(insufficient('memory', podRequest.memoryBytes, used.memoryBytes, alloc.memoryBytes))
  if (storage) {
    out.push(
      insufficient(
        'ephemeral-storage',
        podRequest.ephemeralStorageBytes,
        used.ephemeralStorageBytes,
        alloc.ephemeralStorageBytes,
      ),
    )
  }
  if (!scalars) return out
  for (const name of Object.keys(podRequest.scalarResources).sort()) {
    const q = podRequest.scalarResources[name] ?? 0
    if (q === 0) continue
    if (isExtendedResourceName(name) && ignoredExtendedResources.includes(name)) continue
    const usedAmount = used.scalarResources[name] ?? 0
    const cap = alloc.scalarResources[name] ?? 0
    if (exceeds(q, usedAmount, cap)) out.push(insufficient(name, q, usedAmount, cap))
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
  pre: FitPreScore | undefined,
  pod: Pod,
  nodeInfo: NodeInfo,
  handle: Handle,
): number {
  const { requests, scorer } = pre ?? fitPreScore(pod, handle)
  const resources = handle.profile.pluginArgs.NodeResourcesFit.scoringStrategy.resources
  const { requested, allocatable } = scoreInputs(nodeInfo, requests, resources, false)
  return scorer(requested, allocatable)
}

/** What Score needs per cycle: the pod's request list and the strategy's scorer, built once. */
interface FitPreScore {
  requests: number[]
  scorer: Scorer
}

function fitPreScore(pod: Pod, handle: Handle): FitPreScore {
  const args = handle.profile.pluginArgs.NodeResourcesFit
  return {
    requests: podRequestList(pod, args.scoringStrategy.resources, false),
    scorer: scorerFor(args),
  }
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
    writeState(state, PRE_SCORE_STATE_KEY, fitPreScore(pod, handle))
    return SUCCESS
  },
  score(state, pod, nodeInfo, handle) {
    return fitScore(readState<FitPreScore>(state, PRE_SCORE_STATE_KEY), pod, nodeInfo, handle)
  },
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin
