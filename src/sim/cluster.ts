import { kubeApiServer } from './apiserver/kube-apiserver'
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
    createApiServerState(API_SERVER, CONTROL_PLANE_HOST, members, rngFor(API_SERVER)),
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
  }
  // Forked last, so adding the PKI did not change any other component's random stream.
  const pki = createClusterPki(rngFor('pki'))
  const apiServer = kernel.actors[API_SERVER]
  if (apiServer?.kind === 'kube-apiserver') apiServer.pki = pki
  const kubectlActor = kernel.actors['kubectl']
  if (kubectlActor?.kind === 'kubectl') installKubeconfig(kubectlActor, pki)
  return kernel
}

/** The components in the order they boot: storage first, then the API, then its clients. */
export const BOOT_ORDER = [
  'etcd',
  'kube-apiserver',
  'kube-scheduler',
  'kube-controller-manager',
  'container-runtime',
  'kubelet',
  'kube-proxy',
  'kubectl',
]
