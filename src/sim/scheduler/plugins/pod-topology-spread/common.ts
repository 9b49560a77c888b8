/**
 * Shared PodTopologySpread helpers: constraint filtering/defaulting and pod counting.
 * Source: pkg/scheduler/framework/plugins/podtopologyspread/common.go and plugin.go (v1.32)
 */
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type { Handle } from '../../framework/interface'
import type { NodeInfo, PodInfo } from '../../framework/node-info'
import { labelSelectorMatches } from '../../util/selectors'
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from '../../util/tolerations'
import { requiredNodeAffinityMatches } from '../node-affinity/node-affinity'

// v1.LabelHostname: staging/src/k8s.io/api/core/v1/well_known_labels.go (v1.32)
export const LABEL_HOSTNAME = 'kubernetes.io/hostname'
// v1.LabelTopologyZone: staging/src/k8s.io/api/core/v1/well_known_labels.go (v1.32)
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone'

/** topologySpreadConstraint (common.go v1.32), with the selector kept as a LabelSelector. */
export interface SpreadConstraint {
  maxSkew: number
  topologyKey: string
  selector: LabelSelector
  minDomains: number
  nodeAffinityPolicy: 'Honor' | 'Ignore'
  nodeTaintsPolicy: 'Honor' | 'Ignore'
}

/**
 * systemDefaultConstraints: hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway
 * (podtopologyspread/plugin.go v1.32).
 */
export const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]

/** filterTopologySpreadConstraints: the constraints for `action`, defaults filled in; matchLabelKeys merged. */
function filterConstraints(
  constraints: readonly TopologySpreadConstraint[],
  pod: Pod,
  action: string,
): SpreadConstraint[] {
  const labels = pod.metadata?.labels ?? {}
  return constraints
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => {
      const extra: Record<string, string> = {}
      for (const key of c.matchLabelKeys ?? []) {
        const v = labels[key]
        if (v !== undefined) extra[key] = v
      }
      const selector: LabelSelector = {
        ...c.labelSelector,
        matchLabels: { ...c.labelSelector?.matchLabels, ...extra },
      }
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector,
        minDomains: c.minDomains ?? 1,
        nodeAffinityPolicy: c.nodeAffinityPolicy === 'Ignore' ? 'Ignore' : 'Honor',
        nodeTaintsPolicy: c.nodeTaintsPolicy === 'Honor' ? 'Honor' : 'Ignore',
      }
    })
}

/**
 * The default selector for system-defaulted spreading. NB: upstream derives it from the Services,
 * ReplicaSets and StatefulSets selecting the pod (helper.DefaultSelector); without listers, a pod
 * with a controller owner is spread by its own labels, and other pods are not defaulted.
 */
function defaultSelector(pod: Pod): LabelSelector | undefined {
  const controlled = (pod.metadata?.ownerReferences ?? []).some((o) => o.controller === true)
  const labels = pod.metadata?.labels ?? {}
  if (!controlled || Object.keys(labels).length === 0) return undefined
  return { matchLabels: { ...labels } }
}

/** getConstraints: the pod's own constraints for `action`, else the defaults (System or List). */
export function getConstraints(
  pod: Pod,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
  handle: Handle,
): SpreadConstraint[] {
  const own = pod.spec?.topologySpreadConstraints ?? []
  if (own.length > 0) return filterConstraints(own, pod, action)
  const args = handle.profile.pluginArgs.PodTopologySpread
  const defaults: TopologySpreadConstraint[] =
    args.defaultingType === 'System'
      ? SYSTEM_DEFAULT_CONSTRAINTS
      : args.defaultConstraints.map((c) => ({ ...c }))
  const constraints = filterConstraints(defaults, pod, action)
  if (constraints.length === 0) return []
  const selector = defaultSelector(pod)
  if (!selector) return []
  return constraints.map((c) => ({ ...c, selector }))
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology key. */
export function nodeHasAllTopologyKeys(
  node: Node,
  constraints: readonly SpreadConstraint[],
): boolean {
  const labels = node.metadata?.labels ?? {}
  return constraints.every((c) => c.topologyKey in labels)
}

/** matchNodeInclusionPolicies (common.go v1.32). */
export function matchNodeInclusionPolicies(c: SpreadConstraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !requiredNodeAffinityMatches(pod, node)) return false
  if (c.nodeTaintsPolicy === 'Honor') {
    if (
      findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, isDoNotScheduleTaint)
    )
      return false
  }
  return true
}

function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0
}

/** countPodsMatchSelector: same namespace, not terminating, labels match; an empty selector counts 0. */
export function countPodsMatchSelector(
  pods: readonly PodInfo[],
  selector: LabelSelector,
  namespace: string,
): number {
  if (isEmptySelector(selector)) return 0
  let n = 0
  for (const p of pods) {
    if (p.pod.metadata?.deletionTimestamp !== undefined) continue
    if ((p.pod.metadata?.namespace ?? 'default') !== namespace) continue
    if (labelSelectorMatches(selector, p.pod.metadata?.labels)) n++
  }
  return n
}

/** One node's matching-pod count for one selector, valid while the NodeInfo and its generation hold. */
interface NodeMatchCount {
  info: NodeInfo
  generation: number
  podCount: number
  count: number
}

/** One (namespace, selector) pair's per-node counts, by node name. */
export type SelectorCounts = Map<string, NodeMatchCount>

// Selectors memoized per cache (one per ReplicaSet selector in use, roughly); the least recently
// used is dropped beyond this, so 1,500 Deployments on 5,000 nodes do not keep 7.5 M entries.
const MAX_SELECTORS_PER_SCOPE = 64

/**
 * Per-node memo of countPodsMatchSelector. Upstream recounts every node's pods in every
 * PreFilter/PreScore (16 goroutines, parallelize.DefaultParallelism), which is O(all pods) per
 * cycle; here a node's count is recomputed only after its NodeInfo changed, the way UpdateSnapshot
 * copies only NodeInfos whose Generation moved (pkg/scheduler/backend/cache/cache.go, v1.32), so a
 * cycle costs O(nodes it visits) however many pods run. A memo, not state: scoped by the
 * snapshot's node map (the cache's, or a fresh one per hand-built snapshot), so a restored
 * checkpoint's new objects simply recount. Every pod change bumps its node's generation
 * (node-info.ts update/setNode); the NodeInfo identity guards a node removed and added again, the
 * pod count NodeInfos built by hand. The plugin looks the selector up once per cycle and then
 * each node by name (a WeakMap lookup per node cost more than the count it saved).
 */
const MEMOS = new WeakMap<object, Map<string, SelectorCounts>>()

/** The memo key for one (namespace, selector) pair; compute it once per constraint per cycle. */
export function selectorCountKey(selector: LabelSelector, namespace: string): string {
  return `${namespace}\n${JSON.stringify(selector)}`
}

/** The per-node counts of selector `key` within `scope` (the snapshot's nodeInfoMap). */
export function selectorCounts(scope: object, key: string): SelectorCounts {
  let perScope = MEMOS.get(scope)
  if (!perScope) MEMOS.set(scope, (perScope = new Map<string, SelectorCounts>()))
  let memo = perScope.get(key)
  if (memo) {
    // Re-inserted: the Map's order is the LRU order.
    perScope.delete(key)
  } else {
    memo = new Map()
  }
  perScope.set(key, memo)
  if (perScope.size > MAX_SELECTORS_PER_SCOPE) {
    const lru = perScope.keys().next().value
    if (lru !== undefined) perScope.delete(lru)
  }
  return memo
}

/** countPodsMatchSelector(info.pods, selector, namespace), memoized in `memo` (selectorCounts). */
export function countNodePodsMatchSelector(
  memo: SelectorCounts,
  info: NodeInfo,
  selector: LabelSelector,
  namespace: string,
): number {
  const hit = memo.get(info.name)
  if (hit?.info === info && hit.generation === info.generation && hit.podCount === info.pods.length)
    return hit.count
  const count = countPodsMatchSelector(info.pods, selector, namespace)
  if (hit === undefined) {
    memo.set(info.name, { info, generation: info.generation, podCount: info.pods.length, count })
  } else {
    hit.info = info
    hit.generation = info.generation
    hit.podCount = info.pods.length
    hit.count = count
  }
  return count
}
