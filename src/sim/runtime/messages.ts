import type { Message as RaftMessage } from '../etcd/raft/types'
import type { Compare, KeyValue, MvccEvent, RequestOp } from '../etcd/mvcc'
import type { ContainerConfig, WorkloadCriCall, WorkloadMessage } from './workload-messages'
import type { Credential, Impersonation } from '../apiserver/authn/credentials'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** An HTTP request to kube-apiserver, in the real REST shape. A watch is a GET with watch=1. */
export interface HttpRequest {
  type: 'http-request'
  requestId: number
  method: HttpMethod
  path: string
  query: Record<string, string>
  /** The JSON text a client sends: the API server decodes it (apiserver/request-body.ts). */
  body?: string
  /** What the client authenticates with: its client certificate, a bearer token, or nothing. */
  credential: Credential
  /** Impersonate-User / Impersonate-Group headers (kubectl --as, --as-group). */
  impersonate?: Impersonation
  /** Who is really calling when a process in a Pod uses the API: "pod/default/web". */
  origin?: string
  /** e.g. "application/json;as=Table;v=v1;g=meta.k8s.io" for server-side printing. */
  accept?: string
  /** For PATCH: application/merge-patch+json, application/strategic-merge-patch+json ... */
  contentType?: string
  /** The User-Agent header: its first part names the field manager when no fieldManager is given. */
  userAgent?: string
  /** Set by a load balancer: the client it forwards for (X-Forwarded-For). */
  forwardedFor?: string
}

export interface HttpResponse {
  type: 'http-response'
  requestId: number
  code: number
  body: unknown
  /** The body continues in http-chunk messages (a followed log). */
  streaming?: boolean
  /** Warning headers (299 - "..."): unknown or duplicate fields under fieldValidation=Warn. */
  warnings?: string[]
  /** The Retry-After header, in seconds (a 429 from max-in-flight or APF). */
  retryAfterSeconds?: number
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'

/** One event on a watch stream; `requestId` is the watch request's id. */
export interface WatchEventMessage {
  type: 'watch-event'
  requestId: number
  event: { type: WatchEventType; object: unknown }
}

export type EtcdOp =
  | {
      op: 'range'
      key: string
      rangeEnd?: string
      countOnly?: boolean
      /** Served from the member's local state without ReadIndex: fast, possibly stale. */
      serializable?: boolean
      /** At most this many kvs (RangeRequest.limit); `more` says whether others remain. */
      limit?: number
      /** Read at this past revision (RangeRequest.revision); 0 or absent means current. */
      revision?: number
    }
  | { op: 'txn'; compares: Compare[]; success: RequestOp[]; failure: RequestOp[] }
  | { op: 'watch'; key: string; rangeEnd: string; startRevision: number }
  | { op: 'compact'; revision: number }

export interface EtcdRequest {
  type: 'etcd-request'
  requestId: number
  op: EtcdOp
}

export type EtcdResult =
  | { ok: true; revision: number; kvs: KeyValue[]; count: number; more?: boolean }
  | { ok: true; revision: number; succeeded: boolean; gets: (KeyValue | undefined)[] }
  | { ok: true; revision: number; watchId: number }
  | { ok: false; error: string }

export interface EtcdResponse {
  type: 'etcd-response'
  requestId: number
  result: EtcdResult
}

/** The member cancelled a watch stream (etcd's monitorLeader: no leader for 3 election timeouts). */
export interface EtcdWatchCancelled {
  type: 'etcd-watch-cancelled'
  watchId: number
  reason: string
}

/** The client cancels one of its watches on the stream (clientv3's WatchCancelRequest). */
export interface EtcdWatchCancel {
  type: 'etcd-watch-cancel'
  watchId: number
}

/** A Raft message between etcd members (the peer transport, port 2380). */
export interface RaftPeerMessage {
  type: 'raft'
  message: RaftMessage
}

/** gRPC keepalive (HTTP/2 PING) between an etcd client and one endpoint. */
export interface GrpcPing {
  type: 'grpc-ping'
  seq: number
}

export interface GrpcPong {
  type: 'grpc-pong'
  seq: number
}

/** The peer's process died: the host's TCP stack resets its client connections. */
export interface ConnectionReset {
  type: 'connection-reset'
}

/** The client closes one watch stream (kubectl rollout status once the rollout is done). */
export interface WatchStop {
  type: 'watch-stop'
  requestId: number
}

/** A static Pod manifest appeared in or left /etc/kubernetes/manifests (its component started or stopped). */
export interface StaticPodChanged {
  type: 'static-pod'
  component: string
  present: boolean
}

export interface EtcdWatchEvents {
  type: 'etcd-watch-events'
  watchId: number
  events: MvccEvent[]
}

/** Container Runtime Interface calls, kubelet → runtime (RuntimeService / ImageService). */
export type CriCall =
  | {
      call: 'RunPodSandbox'
      podUid: string
      podName: string
      namespace: string
      /** PodSandboxConfig.hostname when the Pod sets spec.hostname; absent: the Pod's name. */
      hostname?: string
    }
  | { call: 'ImageStatus'; image: string }
  /** podUid: PullImageRequest's sandbox_config, the Pod the pull is for. */
  | { call: 'PullImage'; image: string; podUid?: string }
  | {
      call: 'CreateContainer'
      podUid: string
      containerName: string
      image: string
      /** What the container runs; absent in older callers (the image's defaults then). */
      config?: ContainerConfig
    }
  | { call: 'StartContainer'; containerId: string }
  | { call: 'StopContainer'; containerId: string; timeoutSeconds: number }
  | { call: 'StopPodSandbox'; podUid: string }
  | WorkloadCriCall

export interface CriRequest {
  type: 'cri-request'
  requestId: number
  request: CriCall
}

export interface CriResponse {
  type: 'cri-response'
  requestId: number
  ok: boolean
  /** Sandbox IP, container id, image size in bytes ... depending on the call. */
  result: {
    podIp?: string
    containerId?: string
    imageSizeBytes?: number
    present?: boolean
    /** ReadLogs: the text; Probe: the probe's output. */
    text?: string
    /** Probe: whether it succeeded. */
    success?: boolean
  }
  error?: string
}

/** kube-apiserver → kubelet: run a command in a container (the pods/exec subresource, proxied). */
export interface ExecRequest {
  type: 'exec-request'
  execId: number
  namespace: string
  pod: string
  container?: string
  command: string[]
}

/** kubelet → kube-apiserver: what the command printed and how it exited. */
export interface ExecResponse {
  type: 'exec-response'
  execId: number
  stdout: string
  exitCode: number
}

export type MessageBody =
  | ExecRequest
  | ExecResponse
  | HttpRequest
  | HttpResponse
  | WatchEventMessage
  | EtcdRequest
  | EtcdResponse
  | EtcdWatchEvents
  | EtcdWatchCancelled
  | EtcdWatchCancel
  | RaftPeerMessage
  | GrpcPing
  | GrpcPong
  | ConnectionReset
  | WatchStop
  | StaticPodChanged
  | CriRequest
  | CriResponse
  | WorkloadMessage
