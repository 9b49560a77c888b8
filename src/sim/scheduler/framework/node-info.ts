/**
 * NodeInfo: the scheduler's per-node aggregate, kept incrementally by the cache.
 * Source: framework.NodeInfo / framework.PodInfo, pkg/scheduler/framework/types.go (v1.32)
 *
 * Plain data only, so `structuredClone` checkpoints it. Functions here mutate the NodeInfo they
 * are given (as the Go methods do); the scheduling cycle only reads NodeInfos, and preemption
 * works on `cloneNodeInfo` copies.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { boundedIntern } from '../../core/bounded-intern'
import {
  NON_MISSING_DEFAULTS,
  RESOURCE_CPU,
  RESOURCE_MEMORY,
  emptyResource,
  cloneResource,
  parseResourceList,
  podRequests,
  resourceFromAmounts,
  type Resource,
} from './resource'
import { deleteKey } from '../util/records'

/** One host port a pod asks for (ContainerPort with hostPort > 0). */
export interface HostPort {
  hostIp: string
  protocol: string
  port: number
}

/** Scheduler-side facts about a pod, computed once when it enters the cache. */
export interface PodInfo {
  /** Cache key: metadata.uid, or namespace/name when there is no uid (podKey). */
  key: string
  pod: Pod
  /** PodRequests without defaults (used by Filter and BalancedAllocation). */
  requested: Resource
  /** cpu/memory with 100m / 200Mi for containers that lack the key (NonZeroRequested). */
  nonZeroMilliCpu: number
  nonZeroMemoryBytes: number
  priority: number
  hostPorts: HostPort[]
  hasAffinity: boolean
  hasRequiredAntiAffinity: boolean
}

/** ImageStateSummary without NumNodes: the snapshot keeps node counts per image (see Snapshot). */
export interface ImageState {
  sizeBytes: number
}

export interface NodeInfo {
  name: string
  /** Undefined while the cache holds pods for a node it has not seen (or has removed). */
  node: Node | undefined
  pods: PodInfo[]
  podsWithAffinity: PodInfo[]
  podsWithRequiredAntiAffinity: PodInfo[]
  /** Sum of pod requests. Invariant: equals the sum of pods[i].requested. */
  requested: Resource
  /** Sum of non-zero cpu/memory requests, used only by scoring. */
  nonZeroRequested: Resource
  allocatable: Resource
  /** ip -> "PROTOCOL/port" -> number of pods using it (HostPortInfo). */
  usedPorts: Record<string, Record<string, number>>
  /** image name (every name in node.status.images) -> size. */
  imageStates: Record<string, ImageState>
  generation: number
}

// DefaultBindAllHostIP = "0.0.0.0": pkg/scheduler/framework/types.go (v1.32)
export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0'

/** Pod cache key, as framework.GetPodKey uses the UID; falls back to namespace/name. */
export function podKey(pod: Pod): string {
  const uid = pod.metadata?.uid
  if (uid) return uid
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`
}

/** namespace/name, for messages. */
export function podNamespacedName(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`
}

/** corev1helpers.PodPriority: spec.priority, or 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0
}

/** Go's empty-string defaulting: `value`, or `fallback` when unset or "". */
function nonEmpty(value: string | undefined, fallback: string): string {
  return value === undefined || value === '' ? fallback : value
}

// A Pod without host ports (nearly all): one frozen empty list for all their PodInfos.
const NO_HOST_PORTS: HostPort[] = Object.freeze([]) as unknown as HostPort[]

function hostPortsOf(pod: Pod): HostPort[] {
  const ports: HostPort[] = []
  const containers = [
    ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
    ...(pod.spec?.containers ?? []),
  ]
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if ((p.hostPort ?? 0) <= 0) continue
      ports.push({
        hostIp: nonEmpty(p.hostIP, DEFAULT_BIND_ALL_HOST_IP),
        protocol: nonEmpty(p.protocol, 'TCP'),
        port: p.hostPort ?? 0,
      })
    }
  }
  return ports.length > 0 ? ports : NO_HOST_PORTS
}

/**
 * PodInfos of equal requests (every Pod of a Deployment) share one frozen Resource: nothing
 * changes a PodInfo's `requested` once it is made (NodeInfo sums are their own objects). A memo
 * outside the sim state (the value is a pure function of the amounts), bounded.
 */
const sharedRequests = boundedIntern<Resource>(1024, 'scheduler/node-info.ts sharedRequests')

function sharedResource(r: Resource): Resource {
  for (const _ in r.scalarResources) return r
  const key = `${r.milliCpu}/${r.memoryBytes}/${r.ephemeralStorageBytes}/${r.allowedPodNumber}`
  const held = sharedRequests(key, r)
  if (held === r) {
    Object.freeze(r.scalarResources)
    Object.freeze(r)
  }
  return held
}

/** NewPodInfo + calculateResource (types.go v1.32). */
export function newPodInfo(pod: Pod): PodInfo {
  const requested = podRequests(pod)
  const nonZero = podRequests(pod, NON_MISSING_DEFAULTS)
  const affinity = pod.spec?.affinity
  return {
    key: podKey(pod),
    pod,
    requested: sharedResource(resourceFromAmounts(requested)),
    nonZeroMilliCpu: nonZero[RESOURCE_CPU] ?? 0,
    nonZeroMemoryBytes: nonZero[RESOURCE_MEMORY] ?? 0,
    priority: podPriority(pod),
    hostPorts: hostPortsOf(pod),
    hasAffinity: !!affinity && (!!affinity.podAffinity || !!affinity.podAntiAffinity),
    hasRequiredAntiAffinity:
      (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
  }
}

export function newNodeInfo(name: string, node?: Node): NodeInfo {
  const info: NodeInfo = {
    name,
    node: undefined,
    pods: [],
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
    requested: emptyResource(),
    nonZeroRequested: emptyResource(),
    allocatable: emptyResource(),
    usedPorts: {},
    imageStates: {},
    generation: 0,
  }
  if (node) setNode(info, node)
  return info
}

/** normalizedImageName (imagelocality, v1.32): adds ":latest" when there is no tag. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name
}

/** SetNode (types.go v1.32): allocatable and image states come from the node status. */
export function setNode(info: NodeInfo, node: Node): void {
  info.node = node
  info.allocatable = resourceFromAmounts(parseResourceList(node.status?.allocatable))
  const images: Record<string, ImageState> = {}
  for (const image of node.status?.images ?? []) {
    for (const name of image.names ?? []) images[name] = { sizeBytes: image.sizeBytes ?? 0 }
  }
  info.imageStates = images
  info.generation++
}

function portKey(p: HostPort): string {
  return `${p.protocol}/${p.port}`
}

function updateUsedPorts(info: NodeInfo, ports: readonly HostPort[], sign: 1 | -1): void {
  for (const p of ports) {
    const byIp = (info.usedPorts[p.hostIp] ??= {})
    const key = portKey(p)
    const next = (byIp[key] ?? 0) + sign
    if (next > 0) byIp[key] = next
    else deleteKey(byIp, key)
    if (Object.keys(byIp).length === 0) deleteKey(info.usedPorts, p.hostIp)
  }
}

function update(info: NodeInfo, pi: PodInfo, sign: 1 | -1): void {
  const r = info.requested
  r.milliCpu += sign * pi.requested.milliCpu
  r.memoryBytes += sign * pi.requested.memoryBytes
  r.ephemeralStorageBytes += sign * pi.requested.ephemeralStorageBytes
  for (const [name, v] of Object.entries(pi.requested.scalarResources)) {
    r.scalarResources[name] = (r.scalarResources[name] ?? 0) + sign * v
  }
  info.nonZeroRequested.milliCpu += sign * pi.nonZeroMilliCpu
  info.nonZeroRequested.memoryBytes += sign * pi.nonZeroMemoryBytes
  updateUsedPorts(info, pi.hostPorts, sign)
  info.generation++
}

/** AddPodInfo (types.go v1.32). */
export function addPodInfo(info: NodeInfo, pi: PodInfo): void {
  info.pods.push(pi)
  if (pi.hasAffinity) info.podsWithAffinity.push(pi)
  if (pi.hasRequiredAntiAffinity) info.podsWithRequiredAntiAffinity.push(pi)
  update(info, pi, 1)
}

function removeFromList(list: PodInfo[], key: string): PodInfo | undefined {
  const i = list.findIndex((p) => p.key === key)
  if (i < 0) return undefined
  const found = list[i] as PodInfo
  // Swap-remove, as removeFromSlice does upstream: pod order on a node is not semantic.
  list[i] = list[list.length - 1] as PodInfo
  list.pop()
  return found
}

/** RemovePod (types.go v1.32); returns false when the pod is not on this node. */
export function removePodByKey(info: NodeInfo, key: string): boolean {
  const removed = removeFromList(info.pods, key)
  if (!removed) return false
  if (removed.hasAffinity) removeFromList(info.podsWithAffinity, key)
  if (removed.hasRequiredAntiAffinity) removeFromList(info.podsWithRequiredAntiAffinity, key)
  update(info, removed, -1)
  return true
}

/** NodeInfo.Snapshot(): a copy whose pod lists and sums can change without touching the original. */
export function cloneNodeInfo(info: NodeInfo): NodeInfo {
  const usedPorts: Record<string, Record<string, number>> = {}
  for (const [ip, m] of Object.entries(info.usedPorts)) usedPorts[ip] = { ...m }
  return {
    ...info,
    pods: [...info.pods],
    podsWithAffinity: [...info.podsWithAffinity],
    podsWithRequiredAntiAffinity: [...info.podsWithRequiredAntiAffinity],
    requested: cloneResource(info.requested),
    nonZeroRequested: cloneResource(info.nonZeroRequested),
    usedPorts,
  }
}
