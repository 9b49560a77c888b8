/**
 * The scheduler cache: NodeInfo per node kept incrementally as nodes and pods come and go, plus
 * assumed pods (placed by a scheduling cycle, binding not yet confirmed).
 * Source: cacheImpl, pkg/scheduler/backend/cache/cache.go and node_tree.go (v1.32 path:
 * pkg/scheduler/internal/cache/)
 *
 * Plain data, mutated in place by the functions below (like rng.ts), so a 5,000-node /
 * 150,000-pod cluster costs O(1) per pod event and O(nodes) per snapshot.
 * Invariant: every NodeInfo's requested equals the sum of its pods' requests.
 * Invariant: a pod key is in podStates iff its PodInfo is in exactly one NodeInfo.pods.
 * Assumed pods never expire (durationToExpireAssumedPod = 0, pkg/scheduler/scheduler.go v1.32).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Snapshot } from './framework/interface'
import {
  addPodInfo,
  newNodeInfo,
  newPodInfo,
  podKey,
  removePodByKey,
  setNode,
  type NodeInfo,
} from './framework/node-info'
import { deleteKey } from './util/records'
import { podState, type PodState } from './pod-state'

export interface NodeTree {
  /** Zone keys in the order they were first seen. */
  zones: string[]
  nodesByZone: Record<string, string[]>
  numNodes: number
}

export interface SchedulerCache {
  nodes: Record<string, NodeInfo>
  nodeTree: NodeTree
  podStates: Record<string, PodState>
  /** image name -> number of nodes with it (cache.imageStates). */
  imageNumNodes: Record<string, number>
  /** The node-tree listing, rebuilt lazily after a node is added, removed or changes zone. */
  orderedNodeNames: string[] | null
  /** Pods with (anti-)affinity in the cache, so snapshots skip the scan when there are none. */
  numPodsWithAffinity: number
  numPodsWithRequiredAntiAffinity: number
  /** Which NodeInfos changed, in order, so per-cycle aggregates update only those. */
  nodeChanges: NodeChangeLog
}

/**
 * The names of changed NodeInfos, oldest first: entry i has sequence number
 * `seq - names.length + i`. Bounded: a reader whose cursor fell off the front recomputes.
 * Upstream keeps NodeInfos in a list ordered by generation for the same purpose: UpdateSnapshot
 * walks only the nodes changed since the last snapshot (cache.go headNode/moveNodeInfoToHead,
 * pkg/scheduler/backend/cache/cache.go, v1.32).
 */
export interface NodeChangeLog {
  seq: number
  names: string[]
}

// Half the log is cut at once when it grows past this (amortized O(1) per change).
const NODE_CHANGE_LOG_CAPACITY = 4_096

/** A cache error, worded as upstream's (e.g. "pod %v(%v) is in the cache, so can't be assumed"). */
export type CacheError = string

export function createSchedulerCache(): SchedulerCache {
  return {
    nodes: {},
    nodeTree: { zones: [], nodesByZone: {}, numNodes: 0 },
    podStates: {},
    imageNumNodes: {},
    orderedNodeNames: null,
    numPodsWithAffinity: 0,
    numPodsWithRequiredAntiAffinity: 0,
    nodeChanges: { seq: 0, names: [] },
  }
}

function noteNodeChange(cache: SchedulerCache, name: string): void {
  const log = cache.nodeChanges
  log.names.push(name)
  log.seq++
  if (log.names.length > NODE_CHANGE_LOG_CAPACITY) log.names.splice(0, log.names.length >> 1)
}

/** utilnode.GetZoneKey (component-helpers/node/topology, v1.32): region + ":\x00:" + zone. */
export function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {}
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? ''
  const region =
    l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? ''
  if (region === '' && zone === '') return ''
  return `${region}:\x00:${zone}`
}

function treeAdd(tree: NodeTree, node: Node): void {
  const zone = zoneKey(node)
  const list = tree.nodesByZone[zone]
  const name = node.metadata?.name ?? ''
  if (list) {
    if (list.includes(name)) return
    list.push(name)
  } else {
    tree.zones.push(zone)
    tree.nodesByZone[zone] = [name]
  }
  tree.numNodes++
}

/** nodeTree.removeNode: swap-remove within the zone; an empty zone is swap-removed too. */
function treeRemove(tree: NodeTree, node: Node): void {
  const zone = zoneKey(node)
  const list = tree.nodesByZone[zone]
  const name = node.metadata?.name ?? ''
  const i = list?.indexOf(name) ?? -1
  if (!list || i < 0) return
  list[i] = list[list.length - 1] as string
  list.pop()
  if (list.length === 0) {
    const zi = tree.zones.indexOf(zone)
    tree.zones[zi] = tree.zones[tree.zones.length - 1] as string
    tree.zones.pop()
    deleteKey(tree.nodesByZone, zone)
  }
  tree.numNodes--
}

/** nodeTree.list: round-robin over zones, one node from each in turn. */
export function listNodeTree(tree: NodeTree): string[] {
  const out: string[] = []
  for (let idx = 0; out.length < tree.numNodes; idx++) {
    let any = false
    for (const z of tree.zones) {
      const list = tree.nodesByZone[z] ?? []
      if (idx < list.length) {
        out.push(list[idx] as string)
        any = true
      }
    }
    if (!any) break
  }
  return out
}

function imageNames(node: Node | undefined): string[] {
  return (node?.status?.images ?? []).flatMap((i) => i.names ?? [])
}

function countImages(cache: SchedulerCache, node: Node | undefined, sign: 1 | -1): void {
  for (const name of new Set(imageNames(node))) {
    const next = (cache.imageNumNodes[name] ?? 0) + sign
    if (next > 0) cache.imageNumNodes[name] = next
    else deleteKey(cache.imageNumNodes, name)
  }
}

/** AddNode (also used for updates: UpdateNode replaces the node object and its derived facts). */
export function addNode(cache: SchedulerCache, node: Node): void {
  const name = node.metadata?.name ?? ''
  let info = cache.nodes[name]
  if (!info) {
    info = newNodeInfo(name)
    cache.nodes[name] = info
  }
  // nodeTree.updateNode: a node that stays in its zone keeps its place (no scan of the zone).
  let place = true
  if (info.node) {
    countImages(cache, info.node, -1)
    if (zoneKey(info.node) !== zoneKey(node)) {
      treeRemove(cache.nodeTree, info.node)
      cache.orderedNodeNames = null
    } else {
      place = false
    }
  } else {
    cache.orderedNodeNames = null
  }
  if (place) treeAdd(cache.nodeTree, node)
  countImages(cache, node, 1)
  setNode(info, node)
  noteNodeChange(cache, name)
}

/** UpdateNode (cache.go v1.32). */
export function updateNode(cache: SchedulerCache, _oldNode: Node | undefined, newNode: Node): void {
  addNode(cache, newNode)
}

/**
 * RemoveNode: the NodeInfo survives, without its node, while pods still reference it (their
 * deletions arrive later); it is dropped from the node tree at once.
 */
export function removeNode(cache: SchedulerCache, node: Node): CacheError | undefined {
  const name = node.metadata?.name ?? ''
  const info = cache.nodes[name]
  if (!info?.node) return `node ${name} is not found`
  treeRemove(cache.nodeTree, info.node)
  countImages(cache, info.node, -1)
  cache.orderedNodeNames = null
  if (info.pods.length === 0) deleteKey(cache.nodes, name)
  else {
    info.node = undefined
    info.generation++
  }
  noteNodeChange(cache, name)
  return undefined
}

function placePod(cache: SchedulerCache, pod: Pod, nodeName: string): void {
  let info = cache.nodes[nodeName]
  if (!info) {
    // Pods may arrive before their node (cache.addPod creates an empty NodeInfo).
    info = newNodeInfo(nodeName)
    cache.nodes[nodeName] = info
  }
  const pi = newPodInfo(pod)
  addPodInfo(info, pi)
  if (pi.hasAffinity) cache.numPodsWithAffinity++
  if (pi.hasRequiredAntiAffinity) cache.numPodsWithRequiredAntiAffinity++
  noteNodeChange(cache, nodeName)
}

function unplacePod(cache: SchedulerCache, key: string, nodeName: string): void {
  const info = cache.nodes[nodeName]
  if (!info) return
  const pi = info.pods.find((p) => p.key === key)
  if (!pi) return
  removePodByKey(info, key)
  if (pi.hasAffinity) cache.numPodsWithAffinity--
  if (pi.hasRequiredAntiAffinity) cache.numPodsWithRequiredAntiAffinity--
  if (info.pods.length === 0 && !info.node) deleteKey(cache.nodes, nodeName)
  noteNodeChange(cache, nodeName)
}

/** AssumePod: the cycle placed `pod` on `nodeName`; its resources count from now on. */
export function assumePod(
  cache: SchedulerCache,
  pod: Pod,
  nodeName: string,
): CacheError | undefined {
  const key = podKey(pod)
  if (cache.podStates[key])
    return `pod ${key}(${pod.metadata?.name ?? ''}) is in the cache, so can't be assumed`
  const assumed: Pod = { ...pod, spec: { ...(pod.spec ?? { containers: [] }), nodeName } }
  placePod(cache, assumed, nodeName)
  cache.podStates[key] = podState(nodeName, true, false)
  return undefined
}

/** FinishBinding: the bind call returned; the pod stays assumed until the informer confirms it. */
export function finishBinding(cache: SchedulerCache, pod: Pod): void {
  const key = podKey(pod)
  const st = cache.podStates[key]
  if (st?.assumed) cache.podStates[key] = podState(st.nodeName, true, true)
}

/** ForgetPod: the binding failed; the assumed pod's resources are released. */
export function forgetPod(cache: SchedulerCache, pod: Pod): CacheError | undefined {
  const key = podKey(pod)
  const st = cache.podStates[key]
  if (!st) return undefined
  if (!st.assumed)
    return `pod ${key}(${pod.metadata?.name ?? ''}) was added to the cache, so can't be forgotten`
  unplacePod(cache, key, st.nodeName)
  deleteKey(cache.podStates, key)
  return undefined
}

/**
 * AddPod: an assigned pod from the informer. Confirms an assumed pod (moving it if it landed on
 * another node); a pod with no spec.nodeName is ignored.
 */
export function addPod(cache: SchedulerCache, pod: Pod): CacheError | undefined {
  const nodeName = pod.spec?.nodeName
  if (!nodeName) return undefined
  const key = podKey(pod)
  const st = cache.podStates[key]
  if (st && !st.assumed) return `pod ${key}(${pod.metadata?.name ?? ''}) was already in added state`
  if (st) unplacePod(cache, key, st.nodeName)
  placePod(cache, pod, nodeName)
  cache.podStates[key] = podState(nodeName, false, false)
  return undefined
}

/** UpdatePod: replaces the pod (requests may change, e.g. in-place resize). */
export function updatePod(cache: SchedulerCache, oldPod: Pod, newPod: Pod): CacheError | undefined {
  const key = podKey(oldPod)
  const st = cache.podStates[key]
  if (!st) return addPod(cache, newPod)
  if (st.assumed)
    return `pod ${key}(${oldPod.metadata?.name ?? ''}) is assumed and can't be updated`
  unplacePod(cache, key, st.nodeName)
  deleteKey(cache.podStates, key)
  return addPod(cache, newPod)
}

/** RemovePod: the pod was deleted (or an assumed pod's deletion was observed). */
export function removePod(cache: SchedulerCache, pod: Pod): CacheError | undefined {
  const key = podKey(pod)
  const st = cache.podStates[key]
  if (!st)
    return `pod ${key}(${pod.metadata?.name ?? ''}) is not found in scheduler cache, so cannot be removed from it`
  unplacePod(cache, key, st.nodeName)
  deleteKey(cache.podStates, key)
  return undefined
}

export function isAssumedPod(cache: SchedulerCache, pod: Pod): boolean {
  return cache.podStates[podKey(pod)]?.assumed ?? false
}

export function getNodeInfo(cache: SchedulerCache, nodeName: string): NodeInfo | undefined {
  return cache.nodes[nodeName]
}

/** Node names in node-tree order (zones interleaved), cached until the node set changes. */
export function orderedNodeNames(cache: SchedulerCache): string[] {
  cache.orderedNodeNames ??= listNodeTree(cache.nodeTree)
  return cache.orderedNodeNames
}

/**
 * The snapshot's node list per node-tree listing. A memo, not state: keyed by the listing array,
 * which is replaced whenever the node set changes, so a restored checkpoint simply recomputes it.
 */
const NODE_INFO_LISTS = new WeakMap<string[], NodeInfo[]>()

function nodeInfoList(cache: SchedulerCache): NodeInfo[] {
  const names = orderedNodeNames(cache)
  let list = NODE_INFO_LISTS.get(names)
  if (!list) {
    list = []
    for (const name of names) {
      const info = cache.nodes[name]
      if (info?.node) list.push(info)
    }
    NODE_INFO_LISTS.set(names, list)
  }
  return list
}

/**
 * UpdateSnapshot: the nodes with a Node object, in node-tree order. NB: upstream copies changed
 * NodeInfos into the snapshot; here the snapshot shares the cache's NodeInfos, which is safe
 * because a cycle only reads them and runs synchronously.
 */
export function snapshotOf(cache: SchedulerCache): Snapshot {
  const list = nodeInfoList(cache)
  return {
    nodeInfoList: list,
    nodeInfoMap: cache.nodes,
    havePodsWithAffinityNodeInfoList:
      cache.numPodsWithAffinity > 0 ? list.filter((n) => n.podsWithAffinity.length > 0) : [],
    havePodsWithRequiredAntiAffinityNodeInfoList:
      cache.numPodsWithRequiredAntiAffinity > 0
        ? list.filter((n) => n.podsWithRequiredAntiAffinity.length > 0)
        : [],
    imageNumNodes: cache.imageNumNodes,
    nodeChanges: cache.nodeChanges,
  }
}

/** A snapshot over a plain NodeInfo list (headless use and tests); keeps the given order. */
export function snapshotFromNodeInfos(nodeInfos: readonly NodeInfo[]): Snapshot {
  const map: Record<string, NodeInfo> = {}
  const imageNumNodes: Record<string, number> = {}
  for (const n of nodeInfos) {
    map[n.name] = n
    for (const name of new Set(imageNames(n.node)))
      imageNumNodes[name] = (imageNumNodes[name] ?? 0) + 1
  }
  return {
    nodeInfoList: nodeInfos.filter((n) => n.node),
    nodeInfoMap: map,
    havePodsWithAffinityNodeInfoList: nodeInfos.filter(
      (n) => n.node && n.podsWithAffinity.length > 0,
    ),
    havePodsWithRequiredAntiAffinityNodeInfoList: nodeInfos.filter(
      (n) => n.node && n.podsWithRequiredAntiAffinity.length > 0,
    ),
    imageNumNodes,
  }
}
