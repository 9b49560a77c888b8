import { kubeApiServer } from './apiserver/kube-apiserver'
import { createApiServerState, type ApiServerState } from './apiserver/state'
import { createRng, forkRng, type RngState } from './core/rng'
import {
  createControllerManagerState,
  kubeControllerManager,
  type ControllerManagerState,
} from './controllers/controller-manager'
import { createEtcdMemberState, etcdMember, type EtcdMemberState } from './etcd/kv-member'
import {
  containerRuntime,
  createContainerRuntimeState,
  type ContainerRuntimeState,
} from './kubelet/container-runtime'
import { kubelet } from './kubelet/kubelet'
import { createKubeletState, type KubeletState } from './kubelet/state'
import { createKubeProxyState, kubeProxy, type KubeProxyState } from './kube-proxy/kube-proxy'
import { createKubectlState, type KubectlState } from './kubectl/state'
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
}

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
export const ETCD = 'etcd-1'
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
  add(createEtcdMemberState(ETCD, CONTROL_PLANE_HOST, rngFor(ETCD)), 'control-plane')
  add(
    createApiServerState(API_SERVER, CONTROL_PLANE_HOST, [ETCD], rngFor(API_SERVER)),
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
  return kernel
}
