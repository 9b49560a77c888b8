import type { ActorBase } from '../runtime/actor'
import type { HttpRequest } from '../runtime/messages'
import type { FlowStep } from '../network/types'
import type { KubeObject } from '../model/objects'
import type { ParsedPath } from './path'
import type { ApiError } from './status'
import { createWatchCache, type WatchCacheState } from './watch-cache'
import type { DecodedPatch } from './decoding/decode-patch'
import type { DecodedRequest } from './request-body'
import type { EtcdInFlight } from './etcd-client'
import type { KubeletCall } from './pod-logs'
import type { ServiceAllocations } from './services/allocator'
import type { ClusterPki } from './authn/pki'
import type { EncryptionConfiguration } from './encryption/config'
import type { AuthenticatedUser } from './authz/attributes'
import { createAuthzIndex, type AuthzIndexState } from './authz/authz-index'
import type { OpenRequest } from './request-timeout'
import type { WriteManager } from './fieldmanager/apply-patch'
import { createFlowControl, type FlowControlState } from './apf/flow-control'
import { createLoadMeters, type LoadMeters } from './apf/meters'
import type { CompactorState } from './compactor'
import type { StorageWatch } from './storage-watch'

/** A change to apply to the current object inside a retry loop (GuaranteedUpdate's tryUpdate). */
export type Mutation =
  | { type: 'replace'; object: KubeObject; expectedRv?: string }
  | { type: 'replace-status'; object: KubeObject; expectedRv?: string }
  /** scale: a PATCH of /scale, answered with the Scale. A JSON patch is a DecodedPatch too. */
  | { type: 'merge-patch'; patch: DecodedPatch; scale?: true }
  | { type: 'merge-patch-status'; patch: DecodedPatch }
  /** Server-side apply: the configuration merged under field ownership; creates if absent. */
  | { type: 'apply'; patch: DecodedPatch; force: boolean }
  | { type: 'bind'; nodeName: string }
  | { type: 'graceful-delete'; gracePeriodSeconds?: number; eviction?: true }

/** An HTTP request being served: who sent it, what it asks for, and its request-flow step. */
export interface IncomingRequest {
  from: string
  request: HttpRequest
  path: ParsedPath
  step?: FlowStep | undefined
  /** Who the request runs as, after authentication and impersonation. */
  user?: AuthenticatedUser
  /** The body, already decoded for the verb (request-body.ts): handlers never read the text. */
  decoded: DecodedRequest
}

/** Identifies the HTTP request an etcd call is serving. */
export interface RequestRef {
  client: string
  requestId: number
  resource: string
  group: string
  namespace?: string
  name: string
  step?: FlowStep
  /** The client asked for a server-side printed Table (kubectl get). */
  table?: boolean
  /** The subresource the request named (status, scale, eviction, …). */
  subresource?: string
  /** Who asked (for the RBAC escalation check on updates). */
  user?: AuthenticatedUser
  /** Warning headers for the response (fieldValidation=Warn). */
  warnings?: string[]
  /** Who managedFields record this write as (fieldManager, User-Agent, or the component). */
  manager?: WriteManager
}

/** A mutation's error on the watch cache's copy at `rev`: it stands if etcd still holds `rev`. */
export interface StaleUpdateError {
  rev: number
  error: ApiError
}

/** What to do when an etcd response arrives (continuations as data, for checkpoints). */
export type EtcdContinuation =
  | { kind: 'init-list' }
  | { kind: 'init-watch' }
  | { kind: 'rewatch' }
  /** The watch cache's relist after its watch was compacted (cache-relist.ts); revision: at. */
  | { kind: 'cache-relist'; revision?: number }
  | { kind: 'bootstrap' }
  /** The compactor's compare-and-swap on compact_rev_key, then its Compact (compactor.ts). */
  | { kind: 'compact' }
  | { kind: 'compacted' }
  /**
   * bytes: the length of the object's encoded JSON, to count the answer's bytes without encoding;
   * attempt: which try of a name made from generateName this is (absent: the client's name).
   */
  | { kind: 'create'; ref: RequestRef; object: KubeObject; bytes?: number; attempt?: number }
  | { kind: 'get'; ref: RequestRef }
  /** A page of the current state an uncached resource's watch starts with (storage-watch.ts). */
  | { kind: 'storage-sync'; watcherId: string; keyPrefix: string; revision?: number }
  /** The etcd watch of a client's watch of an uncached resource (storage-watch.ts). */
  | { kind: 'storage-watch'; watcherId: string }
  | { kind: 'list-revision'; from: string; request: HttpRequest; step?: FlowStep }
  /**
   * One page of a LIST read from etcd (limit and/or continue, or an uncached resource's);
   * keyPrefix is the list's; revision: the one it is read at, when not etcd's current one.
   */
  | {
      kind: 'list-page'
      from: string
      request: HttpRequest
      keyPrefix: string
      revision?: number
      step?: FlowStep
    }
  /**
   * GuaranteedUpdate's read; `stale`: the mutation failed on the watch cache's copy;
   * `unchanged`: it left the copy as it was (this encoding), so nothing is written if etcd holds
   * the same.
   */
  | {
      kind: 'update-read'
      ref: RequestRef
      mutation: Mutation
      stale?: StaleUpdateError
      unchanged?: string
    }
  | {
      kind: 'update'
      ref: RequestRef
      mutation: Mutation
      attempt: number
      object: KubeObject
      bytes?: number
    }
  | { kind: 'delete'; ref: RequestRef; deleted: KubeObject; attempt: number }

export interface ApiServerState extends ActorBase {
  kind: 'kube-apiserver'
  /** --etcd-servers: every member; the client fails over between them. */
  etcdEndpoints: string[]
  /** The endpoint requests go to now. */
  etcdPinned: string
  etcdHealth: Record<string, EndpointHealth>
  etcdInFlight: Record<number, EtcdInFlight>
  nextKeepaliveSeq: number
  /** Where the watch feeding the cache lives, and how long to wait before re-watching. */
  etcdWatchEndpoint?: string | undefined
  rewatchBackoffMs: number
  ready: boolean
  /** The watch cache is relisting (cacher not ready): watches get 429 (cache-relist.ts). */
  cacheReinitializing?: boolean
  nextEtcdRequestId: number
  pendingEtcd: Record<number, EtcdContinuation>
  /** Requests that arrived before the watch cache was initialised. */
  parked: { from: string; request: HttpRequest; step?: FlowStep }[]
  /** Consistent LISTs waiting for the cache to reach a revision read from etcd. */
  waitingLists: { from: string; request: HttpRequest; revision: number; step?: FlowStep }[]
  cache: WatchCacheState
  /** Clients' watches of uncached resources (Events), each on an etcd watch, by watcher id. */
  storageWatches?: Record<string, StorageWatch>
  etcdWatchId?: number | undefined
  /** Create kubeadm's addons (kube-proxy DaemonSet, CoreDNS) on start (ClusterOptions.systemPods). */
  addons?: boolean
  /** Requests proxied to kubelets (pods/log), by the id sent to the kubelet. */
  kubeletCalls?: Record<number, KubeletCall>
  nextKubeletCallId?: number
  /** ClusterIPs and NodePorts handed out and not yet in the watch cache. */
  serviceAllocations?: ServiceAllocations
  /** The CA and service-account key kubeadm generated (installed when the cluster is built). */
  pki?: ClusterPki | undefined
  /** RBAC objects and Pods by node, fed with the cache, for the authorizers. */
  authz: AuthzIndexState
  /** /etc/kubernetes/enc/enc.yaml on the control-plane host (--encryption-provider-config). */
  encryptionConfigFile?: string | undefined
  /** The configuration loaded when this process started (a change needs a restart). */
  encryption?: EncryptionConfiguration | undefined
  /** Why the process exited at its last start (a bad --encryption-provider-config). */
  startError?: string | undefined
  /** exec streams proxied to kubelets, waiting for their answer. */
  execs: Record<number, { client: string; requestId: number; step?: FlowStep }>
  nextExecId: number
  /** Stored values this server cannot decrypt, by etcd key, with the transformer's error. */
  undecodable: Record<string, string>
  /** The last bootstrap object written; the server serves once it is in the cache. */
  policyKey?: string | undefined
  /** Authenticated bearer tokens, kept 10 s. */
  tokenCache: Record<string, { user: AuthenticatedUser; expiresAtMs: number }>
  /** Requests whose --request-timeout deadline runs, by "client#requestId". */
  openRequests: Record<string, OpenRequest>
  /** Requests the timeout filter answered; the handler's late answer is dropped. */
  abandonedRequests: Record<string, true>
  /** When the deadline timer fires next, while one is set. */
  deadlineTimerMs?: number | undefined
  /** Max-in-flight and API Priority and Fairness: seats, queues, rejections. */
  apf: FlowControlState
  /** Load meters: bytes read from etcd and sent, the watch cache's size, recent LISTs. */
  meters: LoadMeters
  /** The etcd compactor's version and revision between intervals (compactor.ts). */
  compactor?: CompactorState
}

/** The gRPC connection to one endpoint: healthy until a keepalive goes unanswered or a reset. */
export interface EndpointHealth {
  healthy: boolean
  /** The keepalive ping still waiting for its ack. */
  awaitingSeq?: number | undefined
}

export function createApiServerState(
  id: string,
  host: string,
  etcdEndpoints: string[],
  rng: ActorBase['rng'],
): ApiServerState {
  return {
    id,
    kind: 'kube-apiserver',
    host,
    running: false,
    rng,
    etcdEndpoints,
    etcdPinned: etcdEndpoints[0] ?? 'etcd-1',
    etcdHealth: Object.fromEntries(etcdEndpoints.map((e) => [e, { healthy: true }])),
    etcdInFlight: {},
    nextKeepaliveSeq: 1,
    rewatchBackoffMs: 0,
    ready: false,
    nextEtcdRequestId: 1,
    pendingEtcd: {},
    parked: [],
    waitingLists: [],
    cache: createWatchCache(),
    authz: createAuthzIndex(),
    tokenCache: {},
    undecodable: {},
    execs: {},
    nextExecId: 1,
    openRequests: {},
    abandonedRequests: {},
    apf: createFlowControl(),
    meters: createLoadMeters(),
  }
}
