/**
 * InterPodAffinity PreFilter/Filter: required affinity must find a matching pod in the node's
 * domain; required anti-affinity must not; existing pods' required anti-affinity must not match
 * the incoming pod.
 * Source: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { Handle } from '../../framework/interface'
import type { NodeInfo, PodInfo } from '../../framework/node-info'
import {
  affinityInfo,
  pairKey,
  podMatchesAllTerms,
  updateWithAffinityTerms,
  updateWithAntiAffinityTerms,
  type PodAffinityInfo,
  type TopologyCounts,
} from './affinity-terms'

// ErrReasonExistingAntiAffinityRulesNotMatch: interpodaffinity/filtering.go (v1.32)
export const ERR_REASON_EXISTING_ANTI_AFFINITY =
  "node(s) didn't satisfy existing pods anti-affinity rules"
// ErrReasonAffinityRulesNotMatch: interpodaffinity/filtering.go (v1.32)
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules"
// ErrReasonAntiAffinityRulesNotMatch: interpodaffinity/filtering.go (v1.32)
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules"

export interface AffinityPreFilterState {
  pod: Pod
  info: PodAffinityInfo
  existingAntiAffinityCounts: TopologyCounts
  affinityCounts: TopologyCounts
  antiAffinityCounts: TopologyCounts
}

/** The PreFilter state, or undefined for Skip (nothing to check). */
export function calAffinityPreFilterState(
  pod: Pod,
  handle: Handle,
): AffinityPreFilterState | undefined {
  const info = affinityInfo(pod)
  const s: AffinityPreFilterState = {
    pod,
    info,
    existingAntiAffinityCounts: {},
    affinityCounts: {},
    antiAffinityCounts: {},
  }
  for (const n of handle.snapshot.havePodsWithRequiredAntiAffinityNodeInfoList) {
    if (!n.node) continue
    for (const existing of n.podsWithRequiredAntiAffinity) {
      updateWithAntiAffinityTerms(
        s.existingAntiAffinityCounts,
        affinityInfo(existing.pod).requiredAntiAffinityTerms,
        pod,
        n.node,
        1,
      )
    }
  }
  if (info.requiredAffinityTerms.length > 0 || info.requiredAntiAffinityTerms.length > 0) {
    for (const n of handle.snapshot.nodeInfoList) {
      if (!n.node) continue
      for (const existing of n.pods) {
        updateWithAffinityTerms(
          s.affinityCounts,
          info.requiredAffinityTerms,
          existing.pod,
          n.node,
          1,
        )
        updateWithAntiAffinityTerms(
          s.antiAffinityCounts,
          info.requiredAntiAffinityTerms,
          existing.pod,
          n.node,
          1,
        )
      }
    }
  }
  const nothing =
    Object.keys(s.existingAntiAffinityCounts).length === 0 &&
    info.requiredAffinityTerms.length === 0 &&
    info.requiredAntiAffinityTerms.length === 0
  return nothing ? undefined : s
}

function satisfyPodAffinity(
  s: AffinityPreFilterState,
  labels: Readonly<Record<string, string>>,
): boolean {
  let podsExist = true
  for (const t of s.info.requiredAffinityTerms) {
    const v = labels[t.topologyKey]
    // All topology labels must exist on the node.
    if (v === undefined) return false
    if ((s.affinityCounts[pairKey(t.topologyKey, v)] ?? 0) <= 0) podsExist = false
  }
  if (podsExist) return true
  // The first pod of a group with affinity to itself may go anywhere with the topology labels.
  return (
    Object.keys(s.affinityCounts).length === 0 &&
    podMatchesAllTerms(s.info.requiredAffinityTerms, s.pod)
  )
}

function satisfyPodAntiAffinity(
  s: AffinityPreFilterState,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (Object.keys(s.antiAffinityCounts).length === 0) return true
  return s.info.requiredAntiAffinityTerms.every((t) => {
    const v = labels[t.topologyKey]
    return v === undefined || (s.antiAffinityCounts[pairKey(t.topologyKey, v)] ?? 0) <= 0
  })
}

function satisfyExistingPodsAntiAffinity(
  s: AffinityPreFilterState,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (Object.keys(s.existingAntiAffinityCounts).length === 0) return true
  return Object.entries(labels).every(
    ([k, v]) => (s.existingAntiAffinityCounts[pairKey(k, v)] ?? 0) <= 0,
  )
}

/** Filter: the first failing check's reason and whether preemption could help, or undefined. */
export function affinityFilter(
  s: AffinityPreFilterState,
  nodeInfo: NodeInfo,
): { reason: string; resolvable: boolean } | undefined {
  const labels = nodeInfo.node?.metadata?.labels ?? {}
  if (!satisfyPodAffinity(s, labels)) return { reason: ERR_REASON_AFFINITY, resolvable: false }
  if (!satisfyPodAntiAffinity(s, labels))
    return { reason: ERR_REASON_ANTI_AFFINITY, resolvable: true }
  if (!satisfyExistingPodsAntiAffinity(s, labels))
    return { reason: ERR_REASON_EXISTING_ANTI_AFFINITY, resolvable: true }
  return undefined
}

/** preFilterState.updateWithPod: a copy with `pi` on nodeInfo's node added (1) or removed (−1). */
export function updateAffinityStateWithPod(
  s: AffinityPreFilterState,
  pi: PodInfo,
  nodeInfo: NodeInfo,
  multiplier: 1 | -1,
): AffinityPreFilterState {
  const node = nodeInfo.node
  if (!node) return s
  const next: AffinityPreFilterState = {
    ...s,
    existingAntiAffinityCounts: { ...s.existingAntiAffinityCounts },
    affinityCounts: { ...s.affinityCounts },
    antiAffinityCounts: { ...s.antiAffinityCounts },
  }
  updateWithAntiAffinityTerms(
    next.existingAntiAffinityCounts,
    affinityInfo(pi.pod).requiredAntiAffinityTerms,
    s.pod,
    node,
    multiplier,
  )
  updateWithAffinityTerms(
    next.affinityCounts,
    s.info.requiredAffinityTerms,
    pi.pod,
    node,
    multiplier,
  )
  updateWithAntiAffinityTerms(
    next.antiAffinityCounts,
    s.info.requiredAntiAffinityTerms,
    pi.pod,
    node,
    multiplier,
  )
  return next
}
