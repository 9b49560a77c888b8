/**
 * PodTopologySpread PreScore/Score/NormalizeScore for ScheduleAnyway constraints (or the system
 * defaults): a node scores Σ count × log(domains + 2) + (maxSkew − 1), rounded; normalization
 * inverts it so the least crowded domain scores 100.
 * Source: pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { MAX_NODE_SCORE, type Handle, type NodeScore } from '../../framework/interface'
import type { NodeInfo } from '../../framework/node-info'
import {
  LABEL_HOSTNAME,
  countNodePodsMatchSelector,
  getConstraints,
  matchNodeInclusionPolicies,
  nodeHasAllTopologyKeys,
  selectorCountKey,
  selectorCounts,
  type SelectorCounts,
  type SpreadConstraint,
} from './common'
import { domainTotals, inclusionAdmitsEveryNode } from './domain-counts'

export interface SpreadPreScoreState {
  constraints: SpreadConstraint[]
  /** A set: spreadScore and spreadNormalize ask once per scored node. */
  ignoredNodes: Set<string>
  /** Per constraint: topology value -> matching pods (hostname counts are taken at Score). */
  topologyValueToPodCounts: Record<string, number>[]
  topologyNormalizingWeight: number[]
  /** Per constraint: the per-node match counts of its selector in the pod's namespace. */
  nodeCounts: SelectorCounts[]
  namespace: string
}

/** topologyNormalizingWeight: log(size + 2). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2)
}

/** scoreForCount: cnt × weight + (maxSkew − 1). */
export function scoreForCount(cnt: number, maxSkew: number, weight: number): number {
  return cnt * weight + (maxSkew - 1)
}

/** initPreScoreState + PreScore's count over all nodes; undefined means Skip. */
export function calPreScoreState(
  pod: Pod,
  filtered: readonly NodeInfo[],
  handle: Handle,
): SpreadPreScoreState | undefined {
  const all = handle.snapshot.nodeInfoList
  if (filtered.length === 0 || all.length === 0) return undefined
  const constraints = getConstraints(pod, 'ScheduleAnyway', handle)
  if (constraints.length === 0) return undefined
  const namespace = pod.metadata?.namespace ?? 'default'
  const systemDefaulted = handle.profile.pluginArgs.PodTopologySpread.defaultingType === 'System'
  const requireAll = (pod.spec?.topologySpreadConstraints?.length ?? 0) > 0 || !systemDefaulted
  const s: SpreadPreScoreState = {
    constraints,
    ignoredNodes: new Set(),
    topologyValueToPodCounts: constraints.map(() => ({})),
    topologyNormalizingWeight: [],
    nodeCounts: constraints.map((c) =>
      selectorCounts(handle.snapshot.nodeInfoMap, selectorCountKey(c.selector, namespace)),
    ),
    namespace,
  }
  const topoSize = constraints.map(() => 0)
  for (const n of filtered) {
    if (!n.node) continue
    if (requireAll && !nodeHasAllTopologyKeys(n.node, constraints)) {
      s.ignoredNodes.add(n.name)
      continue
    }
    const labels = n.node.metadata?.labels
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as SpreadConstraint
      if (c.topologyKey === LABEL_HOSTNAME) continue
      const value = labels?.[c.topologyKey] ?? ''
      const counts = s.topologyValueToPodCounts[i] as Record<string, number>
      if (!(value in counts)) {
        counts[value] = 0
        topoSize[i] = (topoSize[i] ?? 0) + 1
      }
    }
  }
  s.topologyNormalizingWeight = constraints.map((c, i) =>
    topologyNormalizingWeight(
      c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignoredNodes.size : (topoSize[i] ?? 0),
    ),
  )
  // Domains counted from the cache's running totals (domain-counts.ts); the rest node by node.
  const slow = constraints.map((c, i) => {
    if (c.topologyKey === LABEL_HOSTNAME) return false
    if (!inclusionAdmitsEveryNode(c, pod)) return true
    const totals = domainTotals(handle.snapshot, c, requireAll ? constraints : undefined, namespace)
    if (!totals) return true
    const counts = s.topologyValueToPodCounts[i] as Record<string, number>
    for (const value of Object.keys(counts)) counts[value] = totals.get(value) ?? 0
    return false
  })
  if (!slow.includes(true)) return s
  for (const info of all) {
    const node = info.node
    if (!node || (requireAll && !nodeHasAllTopologyKeys(node, constraints))) continue
    constraints.forEach((c, i) => {
      if (!slow[i]) return
      // Upstream checks the inclusion policies first; both are pure, and a domain without a
      // candidate node (every hostname, counted at Score) skips the affinity check.
      const value = node.metadata?.labels?.[c.topologyKey] ?? ''
      const counts = s.topologyValueToPodCounts[i] as Record<string, number>
      if (!(value in counts)) return
      if (!matchNodeInclusionPolicies(c, pod, node)) return
      counts[value] =
        (counts[value] ?? 0) +
        countNodePodsMatchSelector(s.nodeCounts[i] as SelectorCounts, info, c.selector, namespace)
    })
  }
  return s
}

export function spreadScore(s: SpreadPreScoreState, nodeInfo: NodeInfo): number {
  if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(nodeInfo.name)) return 0
  const labels = nodeInfo.node?.metadata?.labels ?? {}
  let score = 0
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i] as SpreadConstraint
    const value = labels[c.topologyKey]
    if (value === undefined) continue
    const cnt =
      c.topologyKey === LABEL_HOSTNAME
        ? countNodePodsMatchSelector(
            s.nodeCounts[i] as SelectorCounts,
            nodeInfo,
            c.selector,
            s.namespace,
          )
        : (s.topologyValueToPodCounts[i]?.[value] ?? 0)
    score += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i] ?? 0)
  }
  // int64(math.Round(score)): half away from zero; score is never negative here.
  return Math.round(score)
}

/** NormalizeScore: 100 × (max + min − s) / max over non-ignored nodes; ignored nodes 0; max 0 → 100. */
export function spreadNormalize(s: SpreadPreScoreState | undefined, scores: NodeScore[]): void {
  if (!s) return
  let min = Number.MAX_SAFE_INTEGER
  let max = 0
  for (const sc of scores) {
    if (s.ignoredNodes.has(sc.name)) continue
    if (sc.score < min) min = sc.score
    if (sc.score > max) max = sc.score
  }
  for (const sc of scores) {
    if (s.ignoredNodes.has(sc.name)) sc.score = 0
    else if (max === 0) sc.score = MAX_NODE_SCORE
    else sc.score = Math.trunc((MAX_NODE_SCORE * (max + min - sc.score)) / max)
  }
}
