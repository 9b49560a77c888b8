/**
 * Pod affinity terms and topology-pair counting shared by InterPodAffinity's Filter and Score.
 * Source: framework.AffinityTerm / PodInfo (pkg/scheduler/framework/types.go) and
 * topologyToMatchedTermCount (plugins/interpodaffinity/filtering.go), v1.32
 */
import type { Node, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1'
import { labelSelectorMatches } from '../../util/selectors'
import { deleteKey } from '../../util/records'

export interface AffinityTerm {
  namespaces: string[]
  selector: PodAffinityTerm['labelSelector']
  topologyKey: string
  namespaceSelector: PodAffinityTerm['namespaceSelector']
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number
}

/** newAffinityTerm: no namespaces and no namespaceSelector means the pod's own namespace. */
function toTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const own = (t.namespaces ?? []).length === 0 && t.namespaceSelector === undefined
  return {
    namespaces: own ? [pod.metadata?.namespace ?? 'default'] : [...(t.namespaces ?? [])],
    selector: t.labelSelector,
    topologyKey: t.topologyKey,
    namespaceSelector: t.namespaceSelector,
  }
}

export interface PodAffinityInfo {
  requiredAffinityTerms: AffinityTerm[]
  requiredAntiAffinityTerms: AffinityTerm[]
  preferredAffinityTerms: WeightedAffinityTerm[]
  preferredAntiAffinityTerms: WeightedAffinityTerm[]
}

export function affinityInfo(pod: Pod): PodAffinityInfo {
  const a = pod.spec?.affinity
  const weighted = (ts: WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] =>
    (ts ?? []).map((w) => ({ ...toTerm(pod, w.podAffinityTerm), weight: w.weight }))
  return {
    requiredAffinityTerms: (
      a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => toTerm(pod, t)),
    requiredAntiAffinityTerms: (
      a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => toTerm(pod, t)),
    preferredAffinityTerms: weighted(
      a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    ),
    preferredAntiAffinityTerms: weighted(
      a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    ),
  }
}

/**
 * AffinityTerm.Matches: the pod's namespace is listed (or the namespace selector matches) and
 * its labels match. NB: namespace labels are not modelled (treated as empty), so only an empty
 * namespaceSelector ({}: all namespaces) matches.
 */
export function termMatches(term: AffinityTerm, pod: Pod): boolean {
  const ns = pod.metadata?.namespace ?? 'default'
  const nsOk = term.namespaces.includes(ns) || labelSelectorMatches(term.namespaceSelector, {})
  return nsOk && labelSelectorMatches(term.selector, pod.metadata?.labels)
}

/** podMatchesAllAffinityTerms: false for no terms. */
export function podMatchesAllTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod))
}

/** topologyToMatchedTermCount keyed "key\u0000value". */
export type TopologyCounts = Record<string, number>

export const pairKey = (key: string, value: string): string => `${key}\u0000${value}`

/** topologyToMatchedTermCount.update: counts by the node's value for `key`; zero entries are dropped. */
export function updateCount(m: TopologyCounts, node: Node, key: string, value: number): void {
  const tv = node.metadata?.labels?.[key]
  if (tv === undefined) return
  const k = pairKey(key, tv)
  const next = (m[k] ?? 0) + value
  if (next === 0) deleteKey(m, k)
  else m[k] = next
}

/** updateWithAffinityTerms: only when `pod` matches all terms, every term's pair is counted. */
export function updateWithAffinityTerms(
  m: TopologyCounts,
  terms: readonly AffinityTerm[],
  pod: Pod,
  node: Node,
  value: number,
): void {
  if (!podMatchesAllTerms(terms, pod)) return
  for (const t of terms) updateCount(m, node, t.topologyKey, value)
}

/** updateWithAntiAffinityTerms: each term that matches `pod` counts its pair. */
export function updateWithAntiAffinityTerms(
  m: TopologyCounts,
  terms: readonly AffinityTerm[],
  pod: Pod,
  node: Node,
  value: number,
): void {
  for (const t of terms) if (termMatches(t, pod)) updateCount(m, node, t.topologyKey, value)
}
