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
  // Two passes over the inputs instead of a fractions slice: the same float operations in the
  // same order, without an allocation per scored node.
  let count = 0
  let total = 0
  let first = 0
  let second = 0
  for (let i = 0; i < requested.length; i++) {
    const f = fraction(requested, allocatable, i)
    if (f === undefined) continue
    total += f
    if (count === 0) first = f
    else if (count === 1) second = f
    count++
  }
  let std = 0
  if (count === 2) {
    std = Math.abs((first - second) / 2)
  } else if (count > 2) {
    const mean = total / count
    let sum = 0
    for (let i = 0; i < requested.length; i++) {
      const f = fraction(requested, allocatable, i)
      if (f !== undefined) sum += (f - mean) * (f - mean)
    }
    std = Math.sqrt(sum / count)
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE)
}

/** requested_i / allocatable_i capped at 1; undefined for allocatable 0 (skipped). */
function fraction(
  requested: readonly number[],
  allocatable: readonly number[],
  i: number,
): number | undefined {
  const alloc = allocatable[i] ?? 0
  if (alloc === 0) return undefined
  return Math.min((requested[i] ?? 0) / alloc, 1)
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
