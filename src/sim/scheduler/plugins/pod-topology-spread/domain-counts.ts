/**
 * Matching pods per topology domain over every node, kept up to date from the scheduler cache's
 * log of changed NodeInfos, so PreScore's count costs O(changed nodes) per cycle, not O(nodes).
 * Upstream recounts all nodes in every PreScore (processAllNode, podtopologyspread/scoring.go,
 * v1.32); its snapshot, though, is itself refreshed from only the nodes whose generation moved
 * (UpdateSnapshot, pkg/scheduler/backend/cache/cache.go, v1.32), which is what this mirrors.
 *
 * A memo, not state: keyed by the cache's node map, so a restored checkpoint (new objects)
 * starts over with a full count. Used only when the inclusion policies cannot exclude a node
 * (no required node affinity to honour, taints ignored): otherwise the answer depends on the pod.
 * Invariant: `totals` equals the full count over the snapshot's nodes (domain-counts.test.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { Snapshot } from '../../framework/interface'
import type { NodeInfo } from '../../framework/node-info'
import {
  EPOCH_STRIDE,
  countNodePodsMatchSelector,
  nodeHasAllTopologyKeys,
  nodeSlots,
  selectorCountKey,
  selectorCounts,
  slotOfInfo,
  slotOfName,
  type NodeSlots,
  type SelectorCounts,
  type SpreadConstraint,
} from './common'

/**
 * One aggregate, its per-node contributions kept by node slot (common.ts NodeSlots) as two number
 * arrays: the domain's id in `values` (-1: the node counts in no domain) and its matching pods.
 */
interface DomainCounts {
  /** The change-log sequence number this aggregate has caught up with. */
  cursor: number
  values: string[]
  valueIds: Map<string, number>
  domainOf: Int32Array
  countOf: Int32Array
  /** The NodeInfo stamp (slot epoch and generation) each contribution was taken at; -1: retake. */
  stampOf: Float64Array
  /** topology value -> matching pods on the nodes counted in that domain. */
  totals: Map<string, number>
}

// Aggregates kept per cache (one per ReplicaSet selector in use, roughly); the least recently
// used is dropped beyond this. As for common.ts's selector memo, it must exceed the number of
// Deployments filling at once (150 at 150,000 Pods): a dropped aggregate is recounted over every
// node. 256 × 5,000 nodes × 8 bytes is at most 10 MB.
const MAX_AGGREGATES_PER_CACHE = 256

const AGGREGATES = new WeakMap<object, Map<string, DomainCounts>>()

/** Whether the inclusion policies admit every node for this pod (matchNodeInclusionPolicies). */
export function inclusionAdmitsEveryNode(c: SpreadConstraint, pod: Pod): boolean {
  if (c.nodeTaintsPolicy === 'Honor') return false
  if (c.nodeAffinityPolicy === 'Ignore') return true
  const selector = pod.spec?.nodeSelector ?? {}
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  return Object.keys(selector).length === 0 && required === undefined
}

interface Query {
  constraint: SpreadConstraint
  /** Every constraint of the pod, when a node must carry all their topology keys. */
  requireAllOf: readonly SpreadConstraint[] | undefined
  namespace: string
  /** The per-node counts of the constraint's selector (selectorCounts). */
  nodeCounts: SelectorCounts
}

/** Node `info`'s domain and matching pods, or undefined when it counts in no domain. */
function contribution(info: NodeInfo, q: Query): { value: string; count: number } | undefined {
  const node = info.node
  if (!node) return undefined
  if (q.requireAllOf && !nodeHasAllTopologyKeys(node, q.requireAllOf)) return undefined
  const c = q.constraint
  const value = node.metadata?.labels?.[c.topologyKey] ?? ''
  return { value, count: countNodePodsMatchSelector(q.nodeCounts, info, c.selector, q.namespace) }
}

/** Replaces slot `slot`'s contribution to the totals with `next`, taken at NodeInfo `stamp`. */
function setContribution(
  agg: DomainCounts,
  slot: number,
  next: { value: string; count: number } | undefined,
  stamp: number,
): void {
  if (slot >= agg.domainOf.length) {
    const length = Math.max(slot + 1, 2 * agg.domainOf.length, 64)
    const domainOf = new Int32Array(length).fill(-1)
    domainOf.set(agg.domainOf)
    const countOf = new Int32Array(length)
    countOf.set(agg.countOf)
    const stampOf = new Float64Array(length).fill(-1)
    stampOf.set(agg.stampOf)
    agg.domainOf = domainOf
    agg.countOf = countOf
    agg.stampOf = stampOf
  }
  agg.stampOf[slot] = stamp
  const was = agg.domainOf[slot] as number
  if (was >= 0) {
    const value = agg.values[was] as string
    agg.totals.set(value, (agg.totals.get(value) ?? 0) - (agg.countOf[slot] as number))
  }
  if (!next) {
    agg.domainOf[slot] = -1
    return
  }
  let id = agg.valueIds.get(next.value)
  if (id === undefined) {
    id = agg.values.length
    agg.values.push(next.value)
    agg.valueIds.set(next.value, id)
  }
  agg.domainOf[slot] = id
  agg.countOf[slot] = next.count
  agg.totals.set(next.value, (agg.totals.get(next.value) ?? 0) + next.count)
}

function emptyAggregate(): DomainCounts {
  return {
    cursor: -1,
    values: [],
    valueIds: new Map(),
    domainOf: new Int32Array(0),
    countOf: new Int32Array(0),
    stampOf: new Float64Array(0),
    totals: new Map(),
  }
}

/**
 * `info`'s slot epoch and generation in one number (common.ts's memo stamp), or -1 when `info`
 * is not its scope's own: every pod or label change of a cached node bumps its generation.
 */
function infoStamp(slots: NodeSlots, info: NodeInfo): number {
  const slot = slotOfInfo(slots, info)
  return slot === undefined ? -1 : (slots.epochs[slot] as number) * EPOCH_STRIDE + info.generation
}

/**
 * Retakes node `name`'s contribution unless its NodeInfo has not moved since it was taken;
 * returns the node's slot.
 */
function retake(
  snapshot: Snapshot,
  slots: NodeSlots,
  agg: DomainCounts,
  q: Query,
  name: string,
): number {
  const slot = slotOfName(slots, name)
  const info = snapshot.nodeInfoMap[name]
  if (!info?.node) {
    if (slot < agg.domainOf.length && agg.domainOf[slot] !== -1)
      setContribution(agg, slot, undefined, -1)
    return slot
  }
  const stamp = infoStamp(slots, info)
  if (stamp !== -1 && slot < agg.stampOf.length && agg.stampOf[slot] === stamp) return slot
  setContribution(agg, slot, contribution(info, q), stamp)
  return slot
}

/**
 * Every node again, retaking only those whose NodeInfo moved: for an aggregate the change log no
 * longer reaches back to (or reaches back further than there are nodes). While 150 Deployments
 * fill at 5,000 nodes, a selector goes unused for longer than the log holds, and recounting
 * every node each time was 13% of the fill's CPU at 150,000 Pods.
 */
function refresh(snapshot: Snapshot, slots: NodeSlots, agg: DomainCounts, q: Query, seq: number) {
  const listed = new Uint8Array(agg.domainOf.length)
  for (const { name } of snapshot.nodeInfoList) {
    const slot = retake(snapshot, slots, agg, q, name)
    if (slot < listed.length) listed[slot] = 1
  }
  // A node gone from the snapshot counts in no domain (its slot stays for its return).
  for (let slot = 0; slot < listed.length; slot++) {
    if (listed[slot] === 0 && agg.domainOf[slot] !== -1) setContribution(agg, slot, undefined, -1)
  }
  agg.cursor = seq
}

function catchUp(
  snapshot: Snapshot,
  slots: NodeSlots,
  agg: DomainCounts,
  q: Query,
  seq: number,
): void {
  const names = snapshot.nodeChanges?.names ?? []
  // A name logged twice is retaken once: its stamp matches the second time.
  for (let i = names.length - (seq - agg.cursor); i < names.length; i++) {
    retake(snapshot, slots, agg, q, names[i] as string)
  }
  agg.cursor = seq
}

/**
 * Matching pods per value of `constraint.topologyKey` over the snapshot's nodes, or undefined
 * when the snapshot has no change log (a plain NodeInfo list): the caller then counts itself.
 */
export function domainTotals(
  snapshot: Snapshot,
  constraint: SpreadConstraint,
  requireAllOf: readonly SpreadConstraint[] | undefined,
  namespace: string,
): ReadonlyMap<string, number> | undefined {
  const log = snapshot.nodeChanges
  if (!log) return undefined
  const selectorKey = selectorCountKey(constraint.selector, namespace)
  const nodeCounts = selectorCounts(snapshot.nodeInfoMap, selectorKey)
  const q: Query = { constraint, requireAllOf, namespace, nodeCounts }
  const key = aggregateKey(q, selectorKey)
  let perCache = AGGREGATES.get(snapshot.nodeInfoMap)
  if (!perCache) AGGREGATES.set(snapshot.nodeInfoMap, (perCache = new Map<string, DomainCounts>()))
  let agg = perCache.get(key)
  perCache.delete(key)
  const oldestKept = log.seq - log.names.length
  const slots = nodeSlots(snapshot.nodeInfoMap)
  agg ??= emptyAggregate()
  const behind = log.seq - agg.cursor
  if (agg.cursor < oldestKept || behind > snapshot.nodeInfoList.length) {
    refresh(snapshot, slots, agg, q, log.seq)
  } else catchUp(snapshot, slots, agg, q, log.seq)
  perCache.set(key, agg)
  if (perCache.size > MAX_AGGREGATES_PER_CACHE) {
    const lru = perCache.keys().next().value
    if (lru !== undefined) perCache.delete(lru)
  }
  return agg.totals
}

function aggregateKey(q: Query, selectorKey: string): string {
  const required = q.requireAllOf?.map((c) => c.topologyKey).join(',') ?? '*'
  return `${q.constraint.topologyKey}\n${required}\n${selectorKey}`
}
