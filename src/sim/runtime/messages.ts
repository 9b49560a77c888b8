import type { Compare, KeyValue, MvccEvent, RequestOp } from '../etcd/mvcc'

/** Who is calling the API server: what the authenticator extracted from the client cert/token. */
export interface UserInfo {
  name: string
  groups: string[]
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** An HTTP request to kube-apiserver, in the real REST shape. A watch is a GET with watch=1. */
export interface HttpRequest {
  type: 'http-request'
  requestId: number
  method: HttpMethod
  path: string
  query: Record<string, string>
  body?: unknown
  user: UserInfo
  /** e.g. "application/json;as=Table;v=v1;g=meta.k8s.io" for server-side printing. */
  accept?: string
  /** For PATCH: application/merge-patch+json, application/strategic-merge-patch+json ... */
  contentType?: string
}

export interface HttpResponse {
  type: 'http-response'
  requestId: number
  code: number
  body: unknown
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'

/** One event on a watch stream; `requestId` is the watch request's id. */
export interface WatchEventMessage {
  type: 'watch-event'
  requestId: number
  event: { type: WatchEventType; object: unknown }
}

export type EtcdOp =
  | { op: 'range'; key: string; rangeEnd?: string; countOnly?: boolean }
  | { op: 'txn'; compares: Compare[]; success: RequestOp[]; failure: RequestOp[] }
  | { op: 'watch'; key: string; rangeEnd: string; startRevision: number }
  | { op: 'compact'; revision: number }

export interface EtcdRequest {
  type: 'etcd-request'
  requestId: number
  op: EtcdOp
}

export type EtcdResult =
  | { ok: true; revision: number; kvs: KeyValue[]; count: number }
  | { ok: true; revision: number; succeeded: boolean; gets: (KeyValue | undefined)[] }
  | { ok: true; revision: number; watchId: number }
  | { ok: false; error: string }

export interface EtcdResponse {
  type: 'etcd-response'
  requestId: number
  result: EtcdResult
}

export interface EtcdWatchEvents {
  type: 'etcd-watch-events'
  watchId: number
  events: MvccEvent[]
}

/** Container Runtime Interface calls, kubelet → runtime (RuntimeService / ImageService). */
export type CriCall =
  | { call: 'RunPodSandbox'; podUid: string; podName: string; namespace: string }
  | { call: 'ImageStatus'; image: string }
  | { call: 'PullImage'; image: string }
  | { call: 'CreateContainer'; podUid: string; containerName: string; image: string }
  | { call: 'StartContainer'; containerId: string }
  | { call: 'StopContainer'; containerId: string; timeoutSeconds: number }
  | { call: 'StopPodSandbox'; podUid: string }

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
  result: { podIp?: string; containerId?: string; imageSizeBytes?: number; present?: boolean }
  error?: string
}

export type MessageBody =
  | HttpRequest
  | HttpResponse
  | WatchEventMessage
  | EtcdRequest
  | EtcdResponse
  | EtcdWatchEvents
  | CriRequest
  | CriResponse
