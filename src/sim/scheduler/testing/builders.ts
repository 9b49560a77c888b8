/**
 * Fluent builders for scheduler tests, after st.MakePod()/st.MakeNode() in
 * pkg/scheduler/testing/wrappers.go (v1.32): a test shows only the fields that matter to it.
 */
import type {
  Container,
  ContainerPort,
  Node,
  NodeSelectorRequirement,
  Pod,
  PodAffinityTerm,
  Taint,
  Toleration,
  TopologySpreadConstraint,
} from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'

type Quantities = Record<string, string | number>
/** kubernetes-types marks status read-only; builders write it. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

function stringify(q: Quantities): Record<string, string> {
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]))
}

export class PodBuilder {
  private readonly pod: Mutable<Pod>
  constructor(name: string) {
    this.pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid: `uid-${name}` },
      spec: { containers: [] },
    }
  }
  private get spec(): NonNullable<Pod['spec']> {
    return this.pod.spec as NonNullable<Pod['spec']>
  }
  namespace(ns: string): this {
    this.pod.metadata = { ...this.pod.metadata, namespace: ns }
    return this
  }
  uid(uid: string): this {
    this.pod.metadata = { ...this.pod.metadata, uid }
    return this
  }
  /** Adds one container with these requests (as st.MakePod().Req). */
  req(requests: Quantities, image?: string): this {
    const c: Container = {
      name: `c${this.spec.containers.length}`,
      resources: { requests: stringify(requests) },
    }
    if (image !== undefined) c.image = image
    this.spec.containers.push(c)
    return this
  }
  /** Adds a container without requests (it gets the non-zero defaults when scoring). */
  container(image = 'pause'): this {
    this.spec.containers.push({ name: `c${this.spec.containers.length}`, image })
    return this
  }
  /** Adds an init container running `image`, without requests. */
  initContainer(image: string): this {
    const c: Container = { name: `init${this.spec.initContainers?.length ?? 0}`, image }
    this.spec.initContainers = [...(this.spec.initContainers ?? []), c]
    return this
  }
  initReq(requests: Quantities, sidecar = false): this {
    const c: Container = {
      name: `init${this.spec.initContainers?.length ?? 0}`,
      resources: { requests: stringify(requests) },
    }
    if (sidecar) c.restartPolicy = 'Always'
    this.spec.initContainers = [...(this.spec.initContainers ?? []), c]
    return this
  }
  hostPort(port: number, protocol = 'TCP', hostIP = ''): this {
    const p: ContainerPort = { containerPort: port, hostPort: port, protocol }
    if (hostIP) p.hostIP = hostIP
    this.spec.containers.push({ name: `c${this.spec.containers.length}`, ports: [p] })
    return this
  }
  priority(p: number): this {
    this.spec.priority = p
    return this
  }
  preemptionPolicy(policy: 'Never' | 'PreemptLowerPriority'): this {
    this.spec.preemptionPolicy = policy
    return this
  }
  label(key: string, value: string): this {
    this.pod.metadata = {
      ...this.pod.metadata,
      labels: { ...this.pod.metadata?.labels, [key]: value },
    }
    return this
  }
  toleration(t: Toleration): this {
    this.spec.tolerations = [...(this.spec.tolerations ?? []), t]
    return this
  }
  nodeSelector(selector: Record<string, string>): this {
    this.spec.nodeSelector = { ...this.spec.nodeSelector, ...selector }
    return this
  }
  /** A required node-affinity term (terms added by separate calls are ORed). */
  nodeAffinityIn(
    key: string,
    values: string[],
    operator: NodeSelectorRequirement['operator'] = 'In',
  ): this {
    const na = this.spec.affinity?.nodeAffinity
    const terms = na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []
    this.spec.affinity = {
      ...this.spec.affinity,
      nodeAffinity: {
        ...na,
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [...terms, { matchExpressions: [{ key, operator, values }] }],
        },
      },
    }
    return this
  }
  preferredNodeAffinity(weight: number, requirements: NodeSelectorRequirement[]): this {
    const na = this.spec.affinity?.nodeAffinity
    const prefs = na?.preferredDuringSchedulingIgnoredDuringExecution ?? []
    this.spec.affinity = {
      ...this.spec.affinity,
      nodeAffinity: {
        ...na,
        preferredDuringSchedulingIgnoredDuringExecution: [
          ...prefs,
          { weight, preference: { matchExpressions: requirements } },
        ],
      },
    }
    return this
  }
  podAffinity(kind: 'affinity' | 'antiAffinity', term: PodAffinityTerm, weight?: number): this {
    const field = kind === 'affinity' ? 'podAffinity' : 'podAntiAffinity'
    const cur = this.spec.affinity?.[field] ?? {}
    const next =
      weight === undefined
        ? {
            ...cur,
            requiredDuringSchedulingIgnoredDuringExecution: [
              ...(cur.requiredDuringSchedulingIgnoredDuringExecution ?? []),
              term,
            ],
          }
        : {
            ...cur,
            preferredDuringSchedulingIgnoredDuringExecution: [
              ...(cur.preferredDuringSchedulingIgnoredDuringExecution ?? []),
              { weight, podAffinityTerm: term },
            ],
          }
    this.spec.affinity = { ...this.spec.affinity, [field]: next }
    return this
  }
  spreadConstraint(
    maxSkew: number,
    topologyKey: string,
    when: 'DoNotSchedule' | 'ScheduleAnyway',
    selector: LabelSelector,
  ): this {
    const c: TopologySpreadConstraint = {
      maxSkew,
      topologyKey,
      whenUnsatisfiable: when,
      labelSelector: selector,
    }
    this.spec.topologySpreadConstraints = [...(this.spec.topologySpreadConstraints ?? []), c]
    return this
  }
  /** Sets spec.nodeName (an assigned pod). */
  node(name: string): this {
    this.spec.nodeName = name
    return this
  }
  nominatedNode(name: string): this {
    this.pod.status = { ...this.pod.status, nominatedNodeName: name }
    return this
  }
  startTime(iso: string): this {
    this.pod.status = { ...this.pod.status, startTime: iso }
    return this
  }
  obj(): Pod {
    return structuredClone(this.pod)
  }
}

export class NodeBuilder {
  private readonly node: Mutable<Node>
  constructor(name: string) {
    this.node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
      status: {},
    }
  }
  /** Sets capacity and allocatable (as st.MakeNode().Capacity). */
  capacity(q: Quantities): this {
    this.node.status = { ...this.node.status, capacity: stringify(q), allocatable: stringify(q) }
    return this
  }
  taint(t: Taint): this {
    this.node.spec = { ...this.node.spec, taints: [...(this.node.spec?.taints ?? []), t] }
    return this
  }
  label(key: string, value: string): this {
    this.node.metadata = {
      ...this.node.metadata,
      labels: { ...this.node.metadata?.labels, [key]: value },
    }
    return this
  }
  unschedulable(u = true): this {
    this.node.spec = { ...this.node.spec, unschedulable: u }
    return this
  }
  /** Images present on the node: name -> size in bytes. */
  images(images: Record<string, number>): this {
    const list = Object.entries(images).map(([name, sizeBytes]) => ({ names: [name], sizeBytes }))
    this.node.status = {
      ...this.node.status,
      images: [...(this.node.status?.images ?? []), ...list],
    }
    return this
  }
  obj(): Node {
    return structuredClone(this.node)
  }
}

export const makePod = (name: string): PodBuilder => new PodBuilder(name)
export const makeNode = (name: string): NodeBuilder => new NodeBuilder(name)
