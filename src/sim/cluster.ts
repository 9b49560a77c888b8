import { kubeApiServer } from './apiserver/kube-apiserver'
import {
  createLoadBalancerState,
  LOAD_BALANCER,
  loadBalancer,
  type LoadBalancerState,
} from './apiserver/load-balancer'
import { createApiServerState, type ApiServerState } from './apiserver/state'
import { createRng, forkRng, type RngState } from './core/rng'
import {
  createControllerManagerState,
  kubeControllerManager,
  type ControllerManagerState,
} from './controllers/controller-manager'
import { etcdMember } from './etcd/member'
import {
  createEtcdMemberState,
  type EtcdMemberState,
  type EtcdRaftOptions,
} from './etcd/member-state'
import {
  containerRuntime,
  createContainerRuntimeState,
  type ContainerRuntimeState,
} from './kubelet/container-runtime'
import { kubelet } from './kubelet/kubelet'
import { createKubeletState, type KubeletState } from './kubelet/state'
import { createKubeProxyState, kubeProxy, type KubeProxyState } from './kube-proxy/kube-proxy'
import { linkNodeNetfilter } from './kube-proxy/traffic'
import { createKubectlState, installKubeconfig, type KubectlState } from './kubectl/state'
import { createClusterPki } from './apiserver/authn/pki'
import { kubectl } from './kubectl/kubectl'
import { createNetwork, placeComponent } from './network/network'
import { createKernelState, type BehaviourTable, type KernelState } from './runtime/kernel'
import {
  createSchedulerState,
  kubeScheduler,
  type SchedulerState,
} from './scheduler/kube-scheduler'

/** What a cluster is made of. Every field has a default; the seed decides every random draw. */
export interface ClusterOptions {
  seed?: number | string
  /** Worker nodes, 1 … 5,000. */
  nodes?: number
  nodeCpu?: string
  nodeMemory?: string
  /** kubelet --max-pods; 110 is the kubelet default (maxPods, kubelet config v1beta1, v1.32). */
  maxPodsPerNode?: number
  /** etcd members, 1 … 7 (even counts allowed, to show they tolerate no more failures). */
  etcdMembers?: number
  /** Raft switches and snapshot sizes, etcd's defaults when absent. */
  etcdRaft?: EtcdRaftOptions
  /**
   * Control-plane machines, 1 … 3. With 2 or 3 (HA), each runs an API server, a controller
   * manager and a scheduler (the last two elect a leader), behind a load balancer.
   */
  controlPlanes?: number
  /**
   * A kubeadm-like cluster: control-plane nodes whose kubelets publish the static Pods (etcd,
   * kube-apiserver, …) as mirror Pods, a kube-proxy DaemonSet and CoreDNS (default off).
   */
  systemPods?: boolean
  /**
   * kube-apiserver --max-requests-inflight (400) and --max-mutating-requests-inflight (200):
   * their sum is the seats API Priority and Fairness shares among its priority levels.
   */
  maxRequestsInflight?: number
  maxMutatingRequestsInflight?: number
}

export const MAX_ETCD_MEMBERS = 7

export type AnyActor = (
  | ApiServerState
  | EtcdMemberState
  | SchedulerState
  | ControllerManagerState
  | KubeletState
  | ContainerRuntimeState
  | KubeProxyState
  | KubectlState
  | LoadBalancerState
) & { incarnation: number }

export const BEHAVIOURS: BehaviourTable = {
  'kube-apiserver': kubeApiServer,
  etcd: etcdMember,
  'kube-scheduler': kubeScheduler,
  'kube-controller-manager': kubeControllerManager,
  kubelet: kubelet,
  'container-runtime': containerRuntime,
  'kube-proxy': kubeProxy,
  kubectl: kubectl,
  'load-balancer': loadBalancer,
}

export const API_SERVER = 'kube-apiserver'
export function etcdMemberId(index: number): string {
  return `etcd-${index}`
}
export const CONTROL_PLANE_HOST = 'control-plane'

export function nodeName(index: number): string {
  return `node-${index}`
}

/** Builds every actor of the cluster, placed on its host; nothing runs until started. */
export function buildCluster(options: ClusterOptions): KernelState<AnyActor> {
  const root = createRng(options.seed ?? 1)
  const network = createNetwork()
  const kernel = createKernelState<AnyActor>(network, forkRng(root, 'network'))
  const add = (
    actor: Omit<AnyActor, 'incarnation'>,
    placement: 'client' | 'control-plane' | 'node',
  ) => {
    kernel.actors[actor.id] = { ...actor, incarnation: 0 } as AnyActor
    placeComponent(network, actor.id, placement, actor.host)
  }
  const rngFor = (id: string): RngState => forkRng(root, id)
  const memberCount = Math.max(1, Math.min(MAX_ETCD_MEMBERS, Math.floor(options.etcdMembers ?? 3)))
  const members = Array.from({ length: memberCount }, (_, i) => etcdMemberId(i + 1))
  for (const id of members) {
    add(
      createEtcdMemberState(id, CONTROL_PLANE_HOST, members, rngFor(id), options.etcdRaft),
      'control-plane',
    )
    // Each member on its own machine as far as the network goes: peers are a LAN hop apart.
    placeComponent(network, id, 'control-plane', `${CONTROL_PLANE_HOST}-${id}`)
  }
  add(
    createApiServerState(API_SERVER, CONTROL_PLANE_HOST, [...members], rngFor(API_SERVER)),
    'control-plane',
  )
  add(createSchedulerState(API_SERVER, rngFor('kube-scheduler')), 'control-plane')
  add(createControllerManagerState(API_SERVER, rngFor('kube-controller-manager')), 'control-plane')
  add(createKubectlState(API_SERVER, rngFor('kubectl')), 'client')
  const count = Math.max(1, Math.min(5000, Math.floor(options.nodes ?? 3)))
  const resources = {
    cpu: options.nodeCpu ?? '4',
    memory: options.nodeMemory ?? '8Gi',
    pods: options.maxPodsPerNode ?? 110,
  }
  for (let i = 1; i <= count; i++) {
    const name = nodeName(i)
    add(
      createContainerRuntimeState(`container-runtime/${name}`, name, rngFor(`runtime-${name}`), i),
      'node',
    )
    add(createKubeletState(name, API_SERVER, rngFor(`kubelet-${name}`), resources, i), 'node')
    add(createKubeProxyState(name, API_SERVER, rngFor(`kube-proxy-${name}`)), 'node')
    linkNodeNetfilter(
      kernel.actors[`container-runtime/${name}`],
      kernel.actors[`kube-proxy/${name}`],
    )
  }
  addControlPlanes(kernel, options, members, rngFor, add)
  // Forked last, so adding the PKI did not change any other component's random stream.
  const pki = createClusterPki(rngFor('pki'))
  for (const actor of Object.values(kernel.actors)) {
    if (actor.kind !== 'kube-apiserver') continue
    actor.pki = pki
    if (options.maxRequestsInflight !== undefined)
      actor.apf.maxRequestsInflight = Math.max(1, Math.floor(options.maxRequestsInflight))
    if (options.maxMutatingRequestsInflight !== undefined)
      actor.apf.maxMutatingRequestsInflight = Math.max(
        1,
        Math.floor(options.maxMutatingRequestsInflight),
      )
  }
  const kubectlActor = kernel.actors['kubectl']
  if (kubectlActor?.kind === 'kubectl') installKubeconfig(kubectlActor, pki)
  return kernel
}

export const MAX_CONTROL_PLANES = 3

export const controlPlaneHost = (i: number): string =>
  i === 1 ? CONTROL_PLANE_HOST : `${CONTROL_PLANE_HOST}-${i}`

type AddActor = (
  actor: Omit<AnyActor, 'incarnation'>,
  placement: 'client' | 'control-plane' | 'node',
) => void

/**
 * An HA control plane (kubeadm's stacked topology): control planes 2 and 3 each run a
 * kube-apiserver, a kube-controller-manager and a kube-scheduler; the scheduler and controller
 * manager talk to their own machine's API server, as kubeadm configures them; kubelets,
 * kube-proxies and kubectl go through the load balancer in front of every API server.
 */
function addControlPlanes(
  kernel: KernelState<AnyActor>,
  options: ClusterOptions,
  members: string[],
  rngFor: (id: string) => RngState,
  add: AddActor,
): void {
  const planes = Math.max(1, Math.min(MAX_CONTROL_PLANES, Math.floor(options.controlPlanes ?? 1)))
  const servers = [API_SERVER]
  for (let i = 2; i <= planes; i++) {
    const id = `${API_SERVER}-${i}`
    servers.push(id)
    // Each API server prefers its own machine's etcd member (stacked etcd).
    const local = (i - 1) % members.length
    const endpoints = [...members.slice(local), ...members.slice(0, local)]
    add(createApiServerState(id, controlPlaneHost(i), endpoints, rngFor(id)), 'control-plane')
    add(createSchedulerState(id, rngFor(`kube-scheduler-${i}`), i), 'control-plane')
    add(
      createControllerManagerState(id, rngFor(`kube-controller-manager-${i}`), i),
      'control-plane',
    )
  }
  // Stacked etcd: member j runs on control plane ((j − 1) mod planes) + 1.
  members.forEach((id, j) => {
    const member = kernel.actors[id]
    if (member && planes > 1) member.host = controlPlaneHost((j % planes) + 1)
  })
  if (options.systemPods === true) addControlPlaneNodes(kernel, planes, members, rngFor, add)
  if (planes > 1) {
    add(createLoadBalancerState(servers, rngFor(LOAD_BALANCER)), 'control-plane')
    for (const actor of Object.values(kernel.actors)) {
      if (actor.kind === 'kubelet' || actor.kind === 'kube-proxy' || actor.kind === 'kubectl')
        actor.client.server = LOAD_BALANCER
    }
  }
}

/**
 * kubeadm's control-plane nodes: each control-plane machine runs a kubelet (registered with the
 * control-plane role and NoSchedule taint), containerd and kube-proxy, and the kubelet
 * publishes the machine's static Pods as mirror Pods.
 */
function addControlPlaneNodes(
  kernel: KernelState<AnyActor>,
  planes: number,
  members: string[],
  rngFor: (id: string) => RngState,
  add: AddActor,
): void {
  const apiServer = kernel.actors[API_SERVER]
  if (apiServer?.kind === 'kube-apiserver') apiServer.addons = true
  for (let i = 1; i <= planes; i++) {
    const name = controlPlaneHost(i)
    const octet = i === 1 ? 0 : 250 + i
    const server = i === 1 ? API_SERVER : `${API_SERVER}-${i}`
    add(
      createContainerRuntimeState(
        `container-runtime/${name}`,
        name,
        rngFor(`runtime-${name}`),
        octet,
      ),
      'control-plane',
    )
    const kubelet = createKubeletState(
      name,
      server,
      rngFor(`kubelet-${name}`),
      { cpu: '4', memory: '8Gi', pods: 110 },
      i,
    )
    kubelet.internalIp = `10.0.0.${1 + i}`
    kubelet.podCidrOctet = octet
    kubelet.controlPlane = true
    const suffix = i === 1 ? '' : `-${i}`
    const etcd = members.filter((_, j) => (j % planes) + 1 === i)
    kubelet.staticPods = [
      ...etcd.map((id, k) => ({
        name: k === 0 ? 'etcd' : `etcd-${id.replace('etcd-', '')}`,
        component: id,
        present: true,
      })),
      { name: 'kube-apiserver', component: `kube-apiserver${suffix}`, present: true },
      {
        name: 'kube-controller-manager',
        component: `kube-controller-manager${suffix}`,
        present: true,
      },
      { name: 'kube-scheduler', component: `kube-scheduler${suffix}`, present: true },
    ]
    add(kubelet, 'control-plane')
    add(createKubeProxyState(name, server, rngFor(`kube-proxy-${name}`)), 'control-plane')
  }
}

/** The components in the order they boot: storage first, then the API, then its clients. */
export const BOOT_ORDER = [
  'etcd',
  'kube-apiserver',
  'load-balancer',
  'kube-scheduler',
  'kube-controller-manager',
  'container-runtime',
  'kubelet',
  'kube-proxy',
  'kubectl',
]
