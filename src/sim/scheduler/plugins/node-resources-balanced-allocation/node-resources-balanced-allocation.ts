/**
 * NodeResourcesBalancedAllocation: favours nodes whose resource fractions stay balanced after
 * placing the pod; uses actual requests (no 100m/200Mi defaults).
 * Source: pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go (v1.32)
 */
import type { PreScorePlugin, ScorePlugin } from '../../framework/interface'
import { MAX_NODE_SCORE } from '../../framework/interface'
import { readState, writeState } from '../../framework/cycle-state'
import { Names } from '../../framework/names'
import { SUCCESS } from '../../framework/status'
import { podRequestList, scoreInputs } from '../node-resources-fit/resource-allocation'

const PRE_SCORE_STATE_KEY = 'PreScore' + Names.NodeResourcesBalancedAllocation

/**
 * balancedResourceScorer: fraction_i = requested_i / allocatable_i capped at 1;
 * std = |f1 - f2| / 2 for two resources, population std for more, 0 for one;
 * score = int64((1 - std) * MaxNodeScore) (float64, truncated).
 */
export function balancedResourceScorer(
  requested: readonly number[],
  allocatable: readonly number[],
): number {
  const fractions: number[] = []
  let total = 0
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0
    if (alloc === 0) continue
    const f = Math.min((requested[i] ?? 0) / alloc, 1)
    total += f
    fractions.push(f)
  }
  let std = 0
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2)
  } else if (fractions.length > 2) {
    const mean = total / fractions.length
    let sum = 0
    for (const f of fractions) sum += (f - mean) * (f - mean)
    std = Math.sqrt(sum / fractions.length)
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE)
}

export const nodeResourcesBalancedAllocation = {
  name: Names.NodeResourcesBalancedAllocation,
  preScore(state, pod, _nodes, handle) {
    const resources = handle.profile.pluginArgs.NodeResourcesBalancedAllocation.resources
    writeState(state, PRE_SCORE_STATE_KEY, podRequestList(pod, resources, true))
    return SUCCESS
  },
  score(state, pod, nodeInfo, handle) {
    const resources = handle.profile.pluginArgs.NodeResourcesBalancedAllocation.resources
    const reqs =
      readState<number[]>(state, PRE_SCORE_STATE_KEY) ?? podRequestList(pod, resources, true)
    const { requested, allocatable } = scoreInputs(nodeInfo, reqs, resources, true)
    return balancedResourceScorer(requested, allocatable)
  },
} satisfies PreScorePlugin & ScorePlugin
