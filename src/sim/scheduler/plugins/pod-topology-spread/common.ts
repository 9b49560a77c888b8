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

/**
 * A stable slot per node name within one scope (the snapshot's node map), shared by every
 * selector's counts and domain aggregate, so each keeps plain number arrays rather than an object
 * and a map entry per node: ~16 bytes per node and selector. `infos[slot]` is the NodeInfo the
 * slot's counts belong to; `epochs[slot]` moves when the node was removed and added again (a new
 * NodeInfo, whose generation starts over), which voids every count taken of the old one.
 */
export interface NodeSlots {
  scope: Readonly<Record<string, NodeInfo>>
  byName: Map<string, number>
  infos: (NodeInfo | undefined)[]
  epochs: number[]
}

/**
 * One (namespace, selector) pair's per-node counts, by node slot: the count, and the NodeInfo's
 * generation (with its slot's epoch) and pod count it was taken at (-1: never).
 */
export interface SelectorCounts {
  slots: NodeSlots
  stamps: Float64Array
  podCounts: Int32Array
  counts: Int32Array
}

// Selectors memoized per scope (one per ReplicaSet selector in use, roughly); the least recently
// used is dropped beyond this. While Deployments fill, the scheduler's Pods alternate between
// every Deployment being scaled, so this must exceed their number or each cycle recounts every
// node: 150 Deployments of 1,000 Pods are 150 selectors (at 64, a cycle at 5,000 nodes cost
// ~34 ms instead of ~2 ms). 256 selectors × 5,000 nodes × 16 bytes is at most 20 MB.
const MAX_SELECTORS_PER_SCOPE = 256

/**
 * Per-node memo of countPodsMatchSelector. Upstream recounts every node's pods in every
 * PreFilter/PreScore (16 goroutines, parallelize.DefaultParallelism), which is O(all pods) per
 * cycle; here a node's count is recomputed only after its NodeInfo changed, the way UpdateSnapshot
 * copies only NodeInfos whose Generation moved (pkg/scheduler/backend/cache/cache.go, v1.32), so a
 * cycle costs O(nodes it visits) however many pods run. A memo, not state: scoped by the
 * snapshot's node map (the cache's, or a fresh one per hand-built snapshot), so a restored
 * checkpoint's new objects simply recount. Every pod change bumps its node's generation
 * (node-info.ts update/setNode); the slot's epoch guards a node removed and added again, the pod
 * count NodeInfos built by hand. A NodeInfo that is not its scope's own (a copy with nominated
 * or preempted pods) is counted afresh and not memoized. The plugin looks the selector up once
 * per cycle and then each node by name (a WeakMap lookup per node cost more than the count it
 * saved).
 */
const MEMOS = new WeakMap<object, { slots: NodeSlots; bySelector: Map<string, SelectorCounts> }>()

function scopeMemo(scope: Readonly<Record<string, NodeInfo>>) {
  let memo = MEMOS.get(scope)
  if (!memo) {
    const slots: NodeSlots = { scope, byName: new Map(), infos: [], epochs: [] }
    MEMOS.set(scope, (memo = { slots, bySelector: new Map() }))
  }
  return memo
}

/** The node slots of `scope` (the snapshot's nodeInfoMap), shared with the domain aggregates. */
export function nodeSlots(scope: Readonly<Record<string, NodeInfo>>): NodeSlots {
  return scopeMemo(scope).slots
}

/** The slot of node `name` in `slots`, made on first sight. */
export function slotOfName(slots: NodeSlots, name: string): number {
  let slot = slots.byName.get(name)
  if (slot === undefined) {
    slot = slots.infos.length
    slots.byName.set(name, slot)
    slots.infos.push(undefined)
    slots.epochs.push(0)
  }
  return slot
}

/** The slot whose counts may stand for `info`, or undefined when `info` is not its scope's own. */
export function slotOfInfo(slots: NodeSlots, info: NodeInfo): number | undefined {
  const slot = slots.byName.get(info.name)
  if (slot !== undefined && slots.infos[slot] === info) return slot
  if (slots.scope[info.name] !== info) return undefined
  const at = slotOfName(slots, info.name)
  if (slots.infos[at] !== undefined) slots.epochs[at] = (slots.epochs[at] as number) + 1
  slots.infos[at] = info
  return at
}

/** The memo key for one (namespace, selector) pair; compute it once per constraint per cycle. */
export function selectorCountKey(selector: LabelSelector, namespace: string): string {
  return `${namespace}\n${JSON.stringify(selector)}`
}

/** The per-node counts of selector `key` within `scope` (the snapshot's nodeInfoMap). */
export function selectorCounts(
  scope: Readonly<Record<string, NodeInfo>>,
  key: string,
): SelectorCounts {
  const { slots, bySelector } = scopeMemo(scope)
  let memo = bySelector.get(key)
  if (memo) {
    // Re-inserted: the Map's order is the LRU order.
    bySelector.delete(key)
  } else {
    memo = {
      slots,
      stamps: new Float64Array(0),
      podCounts: new Int32Array(0),
      counts: new Int32Array(0),
    }
  }
  bySelector.set(key, memo)
  if (bySelector.size > MAX_SELECTORS_PER_SCOPE) {
    const lru = bySelector.keys().next().value
    if (lru !== undefined) bySelector.delete(lru)
  }
  return memo
}

/** Room for `slot` in the memo's arrays (doubling; new entries never counted). */
function reserve(memo: SelectorCounts, slot: number): void {
  if (slot < memo.counts.length) return
  const length = Math.max(slot + 1, 2 * memo.counts.length, 64)
  const stamps = new Float64Array(length).fill(-1)
  stamps.set(memo.stamps)
  const podCounts = new Int32Array(length)
  podCounts.set(memo.podCounts)
  const counts = new Int32Array(length)
  counts.set(memo.counts)
  memo.stamps = stamps
  memo.podCounts = podCounts
  memo.counts = counts
}

// A slot's epoch and its NodeInfo's generation in one number (exact below 2^53).
export const EPOCH_STRIDE = 2 ** 32

/** countPodsMatchSelector(info.pods, selector, namespace), memoized in `memo` (selectorCounts). */
export function countNodePodsMatchSelector(
  memo: SelectorCounts,
  info: NodeInfo,
  selector: LabelSelector,
  namespace: string,
): number {
  const slot = slotOfInfo(memo.slots, info)
  if (slot === undefined) return countPodsMatchSelector(info.pods, selector, namespace)
  const stamp = (memo.slots.epochs[slot] as number) * EPOCH_STRIDE + info.generation
  if (
    slot < memo.counts.length &&
    memo.stamps[slot] === stamp &&
    memo.podCounts[slot] === info.pods.length
  )
    return memo.counts[slot] as number
  const count = countPodsMatchSelector(info.pods, selector, namespace)
  reserve(memo, slot)
  memo.stamps[slot] = stamp
  memo.podCounts[slot] = info.pods.length
  memo.counts[slot] = count
  return count
}
