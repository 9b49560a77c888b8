import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject, StoreChange } from '../sim/index'
import {
  NODE_CONDITION,
  type NodeCondition,
  type PodWindow,
  type ScaleFrame,
  type ScaleTotals,
} from '../protocol/scale'
import { toRecord } from './records'

const POD_PREFIX = '/registry/pods/'
const NODE_PREFIX = '/registry/minions/'
const DEPLOYMENT_PREFIX = '/registry/deployments/'
// kubeadm's own Pods and Deployments (kube-proxy on every node, CoreDNS, the control plane's
// static Pods) are counted apart from the workload the scale run asks for.
const SYSTEM_NAMESPACE = 'kube-system'
const isSystem = (key: string, prefix: string): boolean =>
  key.startsWith(`${prefix}${SYSTEM_NAMESPACE}/`)

interface PodEntry {
  node: string
  phase: string
  object: KubeObject
}

// kubeadm labels its control-plane nodes (kubeadm constants, v1.32): the overview is of workers.
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane'
const isControlPlane = (object: KubeObject): boolean =>
  object.metadata?.labels?.[CONTROL_PLANE_LABEL] !== undefined

/** The Ready condition's status (node_lifecycle_controller sets Unknown when Leases stop). */
function conditionOf(node: Node): NodeCondition {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status
  if (ready === 'True') return NODE_CONDITION.Ready
  if (ready === 'False') return NODE_CONDITION.NotReady
  return NODE_CONDITION.Unknown
}

/**
 * Per-node aggregates of a big cluster, kept from the store's changes (never a scan of all
 * Pods per frame): Pods bound to each node, each node's condition, the totals, and the Pods in
 * creation order for the table's window. Objects are the store's own (shared, never copied).
 */
export class ScaleIndex {
  private readonly nodeIndex = new Map<string, number>()
  private nodeNames: string[] = []
  private podsPerNode: number[] = []
  private conditions: NodeCondition[] = []
  private readonly dirty = new Set<number>()
  private namesChanged = true
  private readonly pods = new Map<string, PodEntry>()
  /** Pod keys in creation order; deleted ones are dropped lazily (see `order`). */
  private podOrder: string[] = []
  private deletedSinceCompact = 0
  private readonly podsByNode = new Map<string, Set<string>>()
  private running = 0
  private pending = 0
  private systemPods = 0
  private readonly deployments = new Set<string>()

  private readonly podsAsked: number

  constructor(podsAsked: number) {
    this.podsAsked = podsAsked
  }

  /** Rebuilds from every stored object (a reset frame). */
  rebuild(keys: readonly string[], objects: readonly KubeObject[]): void {
    this.nodeIndex.clear()
    this.nodeNames = []
    this.podsPerNode = []
    this.conditions = []
    this.pods.clear()
    this.podOrder = []
    this.deletedSinceCompact = 0
    this.podsByNode.clear()
    this.running = 0
    this.pending = 0
    this.systemPods = 0
    this.deployments.clear()
    this.dirty.clear()
    this.namesChanged = true
    // Nodes first, in natural order (node-2 before node-10): racks of 100 hold node-1 … node-100.
    const order = keys.map((_, i) => i)
    const nodeName = (i: number) =>
      keys[i]?.startsWith(NODE_PREFIX) ? (objects[i]?.metadata?.name ?? '') : undefined
    order.sort((a, b) => {
      const [x, y] = [nodeName(a), nodeName(b)]
      if (x === undefined || y === undefined)
        return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0)
      return x.localeCompare(y, 'en', { numeric: true })
    })
    for (const i of order) {
      const object = objects[i]
      const key = keys[i]
      if (object && key !== undefined) this.put(key, object)
    }
  }

  apply(changes: readonly StoreChange[]): void {
    for (const change of changes) {
      if (change.type === 'DELETE' || !change.object) this.remove(change.key)
      else this.put(change.key, change.object)
    }
  }

  private put(key: string, object: KubeObject): void {
    if (key.startsWith(POD_PREFIX)) this.putPod(key, object)
    else if (key.startsWith(NODE_PREFIX) && !isControlPlane(object)) this.putNode(object)
    else if (key.startsWith(DEPLOYMENT_PREFIX) && !isSystem(key, DEPLOYMENT_PREFIX))
      this.deployments.add(key)
  }

  private putNode(object: KubeObject): void {
    const name = object.metadata?.name ?? ''
    let index = this.nodeIndex.get(name)
    if (index === undefined) {
      index = this.nodeNames.length
      this.nodeIndex.set(name, index)
      this.nodeNames.push(name)
      this.podsPerNode.push(this.podsByNode.get(name)?.size ?? 0)
      this.conditions.push(NODE_CONDITION.Unknown)
      this.namesChanged = true
    }
    const condition = conditionOf(object as unknown as Node)
    if (this.conditions[index] !== condition) {
      this.conditions[index] = condition
      this.dirty.add(index)
    }
  }

  private putPod(key: string, object: KubeObject): void {
    const pod = object as unknown as Pod
    const node = pod.spec?.nodeName ?? ''
    const phase = pod.status?.phase ?? 'Pending'
    const before = this.pods.get(key)
    if (before) this.unbind(key, before)
    else this.podOrder.push(key)
    this.pods.set(key, { node, phase, object })
    this.bind(key, { node, phase, object })
  }

  private remove(key: string): void {
    this.deployments.delete(key)
    const before = this.pods.get(key)
    if (!before) return
    this.unbind(key, before)
    this.pods.delete(key)
    this.deletedSinceCompact++
  }

  private bind(key: string, entry: PodEntry): void {
    const system = isSystem(key, POD_PREFIX)
    if (system) this.systemPods++
    else if (entry.phase === 'Running') this.running++
    if (entry.node === '') {
      if (!system) this.pending++
      return
    }
    let set = this.podsByNode.get(entry.node)
    if (!set) this.podsByNode.set(entry.node, (set = new Set()))
    set.add(key)
    this.countNode(entry.node, set.size)
  }

  private unbind(key: string, entry: PodEntry): void {
    const system = isSystem(key, POD_PREFIX)
    if (system) this.systemPods--
    else if (entry.phase === 'Running') this.running--
    if (entry.node === '') {
      if (!system) this.pending--
      return
    }
    const set = this.podsByNode.get(entry.node)
    if (!set) return
    set.delete(key)
    this.countNode(entry.node, set.size)
  }

  private countNode(node: string, pods: number): void {
    const index = this.nodeIndex.get(node)
    if (index === undefined || this.podsPerNode[index] === pods) return
    this.podsPerNode[index] = pods
    this.dirty.add(index)
  }

  totals(): ScaleTotals {
    return {
      nodes: this.nodeNames.length,
      podsAsked: this.podsAsked,
      pods: this.pods.size - this.systemPods,
      systemPods: this.systemPods,
      running: this.running,
      pending: this.pending,
      deployments: this.deployments.size,
    }
  }

  /** Every node's name, when the list changed since the last call (or `all`). */
  takeNames(all: boolean): string[] | undefined {
    if (!all && !this.namesChanged) return undefined
    this.namesChanged = false
    // The page draws a new list from zero: every node's figures go with it.
    this.nodeNames.forEach((_, i) => this.dirty.add(i))
    return [...this.nodeNames]
  }

  /**
   * Nodes whose figures changed, longest waiting first, as many as fit `maxBytes` of JSON (at
   * least one); the others stay changed for the next call.
   */
  takeChanges(maxBytes = Infinity): ScaleFrame['changed'] {
    const taken: number[] = []
    let bytes = 0
    for (const i of this.dirty) {
      // JSON of the three entries: the index, the Pods, a one-digit condition, three commas.
      const size = String(i).length + String(this.podsPerNode[i] ?? 0).length + 4
      if (taken.length > 0 && bytes + size > maxBytes) break
      bytes += size
      taken.push(i)
    }
    for (const i of taken) this.dirty.delete(i)
    taken.sort((a, b) => a - b)
    return {
      index: taken,
      pods: taken.map((i) => this.podsPerNode[i] ?? 0),
      condition: taken.map((i) => this.conditions[i] ?? NODE_CONDITION.Unknown),
    }
  }

  /** Pod keys in creation order, without the deleted ones (compacted when many were). */
  private order(): string[] {
    if (this.deletedSinceCompact > 0) {
      this.podOrder = this.podOrder.filter((k) => this.pods.has(k))
      this.deletedSinceCompact = 0
    }
    return this.podOrder
  }

  /** Rows `offset` … `offset + count` of all Pods, in creation order. */
  podWindow(offset: number, count: number): PodWindow {
    const order = this.order()
    const start = Math.max(0, Math.min(offset, order.length))
    return {
      offset: start,
      total: order.length,
      rows: this.records(order.slice(start, start + count)),
    }
  }

  /** One node's Pods (at most kubelet's maxPods, 110 by default). */
  nodePods(node: string): PodWindow {
    const keys = [...(this.podsByNode.get(node) ?? [])]
    return { offset: 0, total: keys.length, rows: this.records(keys), node }
  }

  private records(keys: readonly string[]): PodWindow['rows'] {
    return keys.flatMap((key) => {
      const entry = this.pods.get(key)
      const record = entry && toRecord(key, entry.object)
      return record?.kind === 'Pod' ? [record] : []
    })
  }
}
