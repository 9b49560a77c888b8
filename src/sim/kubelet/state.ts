import { componentCredential } from '../apiserver/authn/credentials'
import type { Pod } from 'kubernetes-types/core/v1'
import type { ActorBase } from '../runtime/actor'
import { createApiClient, type ApiClientState } from '../runtime/api-client'
import { createInformer, type InformerState } from '../runtime/informer'
import type { Fetch, PodFiles } from './volumes'
import type { CriCall } from '../runtime/messages'
import type { HeartbeatState } from './node-heartbeat'
import type { StaticPod } from './static-pods'
import type { ProbeType } from '../runtime/workload-messages'
import type { BackoffState } from './backoff'
import type { EventBroadcasterOwner } from '../runtime/event-correlator'
import type { WorkerEntry } from './settled-pod'

export interface NodeResources {
  cpu: string
  memory: string
  pods: number
}

/** How one container instance ended (status.state.terminated / lastState.terminated). */
export interface TerminatedInfo {
  exitCode: number
  reason: string
  message?: string
  /** undefined for a container that never started (StartError prints the Unix epoch). */
  startedAtMs: number | undefined
  finishedAtMs: number
  containerId: string
}

/** One probe worker's results (pkg/kubelet/prober/worker.go). */
export interface ProbeProgress {
  containerId?: string
  successes: number
  failures: number
  /** After a liveness/startup failure kills the container, wait for the next instance. */
  onHold: boolean
  /** The last result that crossed its threshold. */
  result?: boolean
}

export interface ContainerProgress {
  name: string
  image: string
  pullPolicy: string
  id?: string
  state: 'waiting' | 'running' | 'terminated'
  startedAtMs?: number
  pullStartedMs?: number
  /** Restarts so far (the number of containers started before the current one). */
  restartCount?: number
  /** The current instance's end, while state is 'terminated'. */
  terminated?: TerminatedInfo
  /** The instance before the current one. */
  lastTerminated?: TerminatedInfo
  /** The last sync's error for this container (the kubelet's reasonCache). */
  waiting?: { reason: string; message?: string }
  /** An ImageStatus … StartContainer sequence is in flight. */
  starting?: boolean
  /** Whether this start follows an earlier instance (counts as a restart). */
  restarting?: boolean
  imagePulled?: boolean
  probes?: Partial<Record<ProbeType, ProbeProgress>>
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
  /**
   * The status as the API server has it after our last patch: what the next patch diffs against.
   * Kept compact (reported-status.ts): read it with reportedStatusOf, set it with setReportedStatus.
   */
  reportedStatus: unknown
  /** Bit i: reportedStatus.conditions[i] had `lastProbeTime: null` (kept without it). */
  nullProbeTimes?: number
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
  /** Probe calls: which probe. */
  probeType?: ProbeType
  /** ReadLogs: the log request it answers. */
  stream?: number
}

/**
 * `recorder`: the correlator of the kubelet's one event broadcaster (makeEventRecorder,
 * cmd/kubelet/app/server.go v1.32), which its Pod and Node events share.
 */
export interface KubeletState extends ActorBase, EventBroadcasterOwner {
  kind: 'kubelet'
  nodeName: string
  runtime: string
  client: ApiClientState
  informers: Record<string, InformerState>
  resources: NodeResources
  internalIp: string
  podCidrOctet: number
  registered: boolean
  /** Pods' workers by uid: a Pod at rest as a frozen SettledPod (read it with workerOf). */
  workers: Record<string, WorkerEntry>
  /** Workers the handler now running has looked up: settled again when it ends (settled-pod.ts). */
  touched?: string[]
  nextCriId: number
  pendingCri: Map<number, PendingCri>
  /** A kubeadm control-plane node: registers with its role label and NoSchedule taint. */
  controlPlane?: boolean
  /** Its static Pod manifests (etcd, kube-apiserver, …), published as mirror Pods. */
  staticPods?: StaticPod[]
  /** Pods whose deletion this kubelet finished without running them (by uid). */
  finalizing?: Record<string, true>
  /** The Node's uid, once registered (the node Lease's owner). */
  nodeUid?: string
  /** Lease renewals and status posts (node-heartbeat.ts); absent until registered. */
  heartbeat?: HeartbeatState
  /** Container restart back-off (kubelet.backOff) and image pull back-off, created on first use. */
  containerBackoff?: BackoffState
  imageBackoff?: BackoffState
  /** The files of the last Pod mounted here: the next Pod's equal strings are these (projected-token.ts). */
  lastMounted?: PodFiles
  /** Log reads the API server proxied here, by stream/CRI id. */
  logRequests?: Record<number, { apiserver: string; requestId: number; follow: boolean }>
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
    pendingCri: new Map(),
  }
}
