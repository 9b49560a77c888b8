/**
 * PodTopologySpread PreFilter/Filter for DoNotSchedule constraints:
 * skew = matching pods in the node's domain + (1 if the pod matches itself) − global minimum,
 * which must not exceed maxSkew. The minimum is 0 while fewer than minDomains domains exist.
 * Source: pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { Handle } from '../../framework/interface'
import type { NodeInfo, PodInfo } from '../../framework/node-info'
import { labelSelectorMatches } from '../../util/selectors'
import {
  countNodePodsMatchSelector,
  selectorCountKey,
  selectorCounts,
  type SelectorCounts,
  getConstraints,
  matchNodeInclusionPolicies,
  nodeHasAllTopologyKeys,
  type SpreadConstraint,
} from './common'

// ErrReasonConstraintsNotMatch: podtopologyspread/filtering.go (v1.32)
export const ERR_REASON_CONSTRAINTS_NOT_MATCH =
  "node(s) didn't match pod topology spread constraints"
// ErrReasonNodeLabelNotMatch: podtopologyspread/filtering.go (v1.32)
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`

export interface SpreadPreFilterState {
  constraints: SpreadConstraint[]
  /** Per constraint: topology value -> matching pods in that domain (TpValueToMatchNum). */
  tpValueToMatchNum: Record<string, number>[]
}

/** calPreFilterState (filtering.go v1.32). */
export function calPreFilterState(pod: Pod, handle: Handle): SpreadPreFilterState {
  const constraints = getConstraints(pod, 'DoNotSchedule', handle)
  const state: SpreadPreFilterState = {
    constraints,
    tpValueToMatchNum: constraints.map(() => ({})),
  }
  if (constraints.length === 0) return state
  const namespace = pod.metadata?.namespace ?? 'default'
  const memos = constraints.map((c) =>
    selectorCounts(handle.snapshot.nodeInfoMap, selectorCountKey(c.selector, namespace)),
  )
  for (const info of handle.snapshot.nodeInfoList) {
    const node = info.node
    if (!node || !nodeHasAllTopologyKeys(node, constraints)) continue
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, pod, node)) return
      const value = node.metadata?.labels?.[c.topologyKey] ?? ''
      const counts = state.tpValueToMatchNum[i] as Record<string, number>
      counts[value] =
        (counts[value] ?? 0) +
        countNodePodsMatchSelector(memos[i] as SelectorCounts, info, c.selector, namespace)
    })
  }
  return state
}

/** The global minimum for constraint i (criticalPaths + minDomains, v1.32). */
export function minMatchNum(state: SpreadPreFilterState, i: number): number {
  const counts = Object.values(state.tpValueToMatchNum[i] ?? {})
  const c = state.constraints[i] as SpreadConstraint
  if (counts.length < c.minDomains) return 0
  return Math.min(...counts)
}

/** Why a node fails: the skew is too large, or the node lacks a topology key. */
export type SpreadFilterFailure = 'constraints-not-match' | 'missing-label'

/** Filter for one node. */
export function spreadFilter(
  state: SpreadPreFilterState,
  pod: Pod,
  nodeInfo: NodeInfo,
  mins: readonly number[],
): SpreadFilterFailure | undefined {
  const labels = nodeInfo.node?.metadata?.labels ?? {}
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i] as SpreadConstraint
    const value = labels[c.topologyKey]
    if (value === undefined) return 'missing-label'
    const self = labelSelectorMatches(c.selector, pod.metadata?.labels) ? 1 : 0
    const matchNum = state.tpValueToMatchNum[i]?.[value] ?? 0
    const skew = matchNum + self - (mins[i] ?? 0)
    if (skew > c.maxSkew) return 'constraints-not-match'
  }
  return undefined
}

/**
 * updateWithPod (PreFilterExtensions AddPod/RemovePod): a copy of the state with `pi` counted
 * (multiplier 1) or uncounted (−1) in its node's domains.
 */
export function updateWithPod(
  state: SpreadPreFilterState,
  pod: Pod,
  pi: PodInfo,
  nodeInfo: NodeInfo,
  multiplier: 1 | -1,
): SpreadPreFilterState {
  const node = nodeInfo.node
  if (!node || (pi.pod.metadata?.namespace ?? 'default') !== (pod.metadata?.namespace ?? 'default'))
    return state
  if (!nodeHasAllTopologyKeys(node, state.constraints)) return state
  const next: SpreadPreFilterState = {
    constraints: state.constraints,
    tpValueToMatchNum: state.tpValueToMatchNum.map((m) => ({ ...m })),
  }
  state.constraints.forEach((c, i) => {
    if (!matchNodeInclusionPolicies(c, pod, node)) return
    if (!labelSelectorMatches(c.selector, pi.pod.metadata?.labels)) return
    const value = node.metadata?.labels?.[c.topologyKey] ?? ''
    const counts = next.tpValueToMatchNum[i] as Record<string, number>
    counts[value] = (counts[value] ?? 0) + multiplier
  })
  return next
}
