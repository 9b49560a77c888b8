import { componentCredential } from '../apiserver/authn/credentials'
import type { Pod } from 'kubernetes-types/core/v1'
import type { ActorBase } from '../runtime/actor'
import { createApiClient, type ApiClientState } from '../runtime/api-client'
import { createInformer, type InformerState } from '../runtime/informer'
import type { Fetch, PodFiles } from './volumes'
import type { CriCall } from '../runtime/messages'

export interface NodeResources {
  cpu: string
  memory: string
  pods: number
}

export interface ContainerProgress {
  name: string
  image: string
  pullPolicy: string
  id?: string
  state: 'waiting' | 'running' | 'terminated'
  startedAtMs?: number
  pullStartedMs?: number
  /** Why a waiting container waits, when not ContainerCreating (CreateContainerConfigError). */
  waitingReason?: string
  waitingMessage?: string
}

/** The kubelet's per-pod worker (pod_workers.go): where this pod's sync has got to. */
export interface PodWorker {
  uid: string
  namespace: string
  name: string
  stage: 'volumes' | 'sandbox' | 'containers' | 'running' | 'terminating'
  podIp?: string
  containerIndex: number
  containers: ContainerProgress[]
  startTimeMs: number
  pod: Pod
  /** The status as the API server has it after our last patch: what the next patch diffs against. */
  reportedStatus: unknown
  /** Volume setup: what to fetch, what came back, and how many tries failed. */
  fetches?: Fetch[]
  fetched?: Record<
    number,
    { ok: true; body: unknown } | { ok: false; code: number; message: string }
  >
  volumeAttempt?: number
  /** The files and env the containers see once volumes are set up. */
  files?: PodFiles
}

export interface PendingCri {
  podUid: string
  call: CriCall['call']
  container?: string
}

export interface KubeletState extends ActorBase {
  kind: 'kubelet'
  nodeName: string
  runtime: string
  client: ApiClientState
  informers: Record<string, InformerState>
  resources: NodeResources
  internalIp: string
  podCidrOctet: number
  registered: boolean
  workers: Record<string, PodWorker>
  nextCriId: number
  pendingCri: Record<number, PendingCri>
}

export function createKubeletState(
  nodeName: string,
  apiServer: string,
  rng: ActorBase['rng'],
  resources: NodeResources,
  nodeIndex: number,
): KubeletState {
  return {
    id: `kubelet/${nodeName}`,
    kind: 'kubelet',
    host: nodeName,
    running: false,
    rng,
    nodeName,
    runtime: `container-runtime/${nodeName}`,
    client: createApiClient(
      componentCredential(`system:node:${nodeName}`, ['system:nodes']),
      apiServer,
    ),
    informers: { pods: createInformer('pods', '/api/v1/pods', `spec.nodeName=${nodeName}`) },
    resources,
    internalIp: `10.0.0.${10 + nodeIndex}`,
    podCidrOctet: nodeIndex,
    registered: false,
    workers: {},
    nextCriId: 1,
    pendingCri: {},
  }
}
