/**
 * InterPodAffinity PreScore/Score/NormalizeScore: weights of matching preferred terms (both the
 * incoming pod's and existing pods', plus existing pods' required affinity × hardPodAffinityWeight)
 * are summed per topology value; normalization is min–max to 0..100.
 * Source: pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (v1.32)
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { MAX_NODE_SCORE, type Handle, type NodeScore } from '../../framework/interface'
import type { NodeInfo } from '../../framework/node-info'
import {
  affinityInfo,
  termMatches,
  type AffinityTerm,
  type PodAffinityInfo,
  type WeightedAffinityTerm,
} from './affinity-terms'

/** topologyKey -> topology value -> score */
export type TopologyScore = Record<string, Record<string, number>>

function processTerm(
  m: TopologyScore,
  term: AffinityTerm,
  weight: number,
  pod: Pod,
  node: Node,
  multiplier: number,
): void {
  if (!termMatches(term, pod)) return
  const v = node.metadata?.labels?.[term.topologyKey]
  if (v === undefined) return
  const byValue = (m[term.topologyKey] ??= {})
  byValue[v] = (byValue[v] ?? 0) + weight * multiplier
}

function processTerms(
  m: TopologyScore,
  terms: readonly WeightedAffinityTerm[],
  pod: Pod,
  node: Node,
  multiplier: number,
): void {
  for (const t of terms) processTerm(m, t, t.weight, pod, node, multiplier)
}

function processExistingPod(
  m: TopologyScore,
  incoming: Pod,
  info: PodAffinityInfo,
  existing: Pod,
  node: Node,
  hardWeight: number,
): void {
  if (Object.keys(node.metadata?.labels ?? {}).length === 0) return
  processTerms(m, info.preferredAffinityTerms, existing, node, 1)
  processTerms(m, info.preferredAntiAffinityTerms, existing, node, -1)
  const ex = affinityInfo(existing)
  if (hardWeight > 0)
    for (const t of ex.requiredAffinityTerms) processTerm(m, t, hardWeight, incoming, node, 1)
  processTerms(m, ex.preferredAffinityTerms, incoming, node, 1)
  processTerms(m, ex.preferredAntiAffinityTerms, incoming, node, -1)
}

/** PreScore: the topology score map, or undefined for Skip (nothing contributes). */
export function calAffinityPreScore(pod: Pod, handle: Handle): TopologyScore | undefined {
  const info = affinityInfo(pod)
  const hasConstraints =
    info.preferredAffinityTerms.length > 0 || info.preferredAntiAffinityTerms.length > 0
  // Without preferred terms only pods with affinity can contribute.
  const nodes = hasConstraints
    ? handle.snapshot.nodeInfoList
    : handle.snapshot.havePodsWithAffinityNodeInfoList
  const hardWeight = handle.profile.pluginArgs.InterPodAffinity.hardPodAffinityWeight
  const m: TopologyScore = {}
  for (const n of nodes) {
    if (!n.node) continue
    for (const existing of hasConstraints ? n.pods : n.podsWithAffinity) {
      processExistingPod(m, pod, info, existing.pod, n.node, hardWeight)
    }
  }
  return Object.keys(m).length === 0 ? undefined : m
}

export function affinityScore(m: TopologyScore, nodeInfo: NodeInfo): number {
  const labels = nodeInfo.node?.metadata?.labels ?? {}
  let score = 0
  for (const [key, values] of Object.entries(m)) {
    const v = labels[key]
    if (v !== undefined) score += values[v] ?? 0
  }
  return score
}

/** NormalizeScore: int64(100 × (s − min) / (max − min)) in float64; all 0 when max = min. */
export function affinityNormalize(m: TopologyScore | undefined, scores: NodeScore[]): void {
  if (!m) return
  let min = Number.MAX_SAFE_INTEGER
  let max = Number.MIN_SAFE_INTEGER
  for (const s of scores) {
    if (s.score > max) max = s.score
    if (s.score < min) min = s.score
  }
  const diff = max - min
  for (const s of scores)
    s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0
}
