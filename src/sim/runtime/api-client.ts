import { freezeShared } from '../core/share-clone'
import type { FlowStep, ObjectRef } from '../network/types'
import type { ActorContext } from './actor'
import type { Credential, Impersonation } from '../apiserver/authn/credentials'
import type { HttpMethod, HttpRequest, HttpResponse } from './messages'
import type { RetryableCall } from './retry-after'

/**
 * A component's connection to kube-apiserver. Continuations are data: each pending call is
 * remembered by `purpose` (and small JSON `data`), and the owning actor dispatches on it when
 * the response arrives, so the whole client survives structuredClone for checkpoints.
 */
export interface PendingCall {
  purpose: string
  data?: unknown
  /**
   * The request as sent: what a transport error names (requestText). Kept as the request, not
   * as text built per call: nearly every call gets a response, so its name is rarely needed.
   */
  sent?: HttpRequest
  /** The request as sent, to send again after a 429's Retry-After (client-go's retries). */
  retry?: RetryableCall
}

// Where clients reach kube-apiserver: kubeadm's admin.conf and kubelet.conf point at the control
// plane endpoint on --secure-port 6443 (kubeadm DefaultAPIBindPort, v1.32).
export const API_SERVER_URL = 'https://control-plane:6443'

/** What a client gets instead of an HTTP response when the connection fails (code 0). */
export interface TransportFailure {
  transport: { error: string; request?: string | undefined }
}

export const isTransportFailure = (body: unknown): body is TransportFailure =>
  typeof body === 'object' && body !== null && 'transport' in body

export interface ApiClientState {
  /** The credential this client presents (its kubeconfig's client certificate or token). */
  credential: Credential
  /** Set per call by kubectl --as / --as-group; cleared for everyone else. */
  impersonate?: Impersonation | undefined
  server: string
  /** The User-Agent header this client sends (kubectl's names the field manager of its writes). */
  userAgent?: string
  nextRequestId: number
  pending: Map<number, PendingCall>
}

/**
 * A credential is replaced, never changed (kubectl --as, a controller's token, exec's caller), so
 * it is frozen: every checkpoint shares it instead of walking the certificate of each node's
 * kubelet and kube-proxy again.
 */
export function createApiClient(credential: Credential, server: string): ApiClientState {
  return { credential: freezeShared(credential), server, nextRequestId: 1, pending: new Map() }
}

export interface CallOptions {
  method: HttpMethod
  path: string
  query?: Record<string, string>
  /** An object, sent as JSON (Go's json.Marshal of it, as client-go sends). */
  body?: unknown
  /** JSON text sent as it is, for clients that write their own (sim.request). */
  rawBody?: string
  contentType?: string
  accept?: string
  label?: string
  /** A process in a Pod making this call (in-cluster kubectl): "pod/<namespace>/<name>". */
  origin?: string
  /** Overrides the client's User-Agent for this call ("" sends none). */
  userAgent?: string
  step?: FlowStep | undefined
  about?: ObjectRef | undefined
  extraDelayMs?: number
}

// How Go's url.Error names the method of a failed call: Get, Post, Put ... (net/http).
const GO_OP: Record<HttpMethod, string> = {
  GET: 'Get',
  POST: 'Post',
  PUT: 'Put',
  PATCH: 'Patch',
  DELETE: 'Delete',
}

/** Sends one request; returns its id. The response comes back as an http-response message. */
export function callApi(
  ctx: ActorContext,
  client: ApiClientState,
  options: CallOptions,
  pending: PendingCall,
): number {
  const requestId = client.nextRequestId++
  const request: HttpRequest = {
    type: 'http-request',
    requestId,
    method: options.method,
    path: options.path,
    query: options.query ?? {},
    credential: client.credential,
  }
  if (client.impersonate) request.impersonate = client.impersonate
  if (options.origin !== undefined) request.origin = options.origin
  const userAgent = options.userAgent ?? client.userAgent
  if (userAgent) request.userAgent = userAgent
  if (options.rawBody !== undefined) request.body = options.rawBody
  else if (options.body !== undefined) request.body = JSON.stringify(options.body)
  if (options.contentType !== undefined) request.contentType = options.contentType
  if (options.accept !== undefined) request.accept = options.accept
  const sendOptions = {
    label: options.label ?? `${options.method} ${options.path}${queryString(options.query)}`,
    step: options.step,
    about: options.about,
  }
  const call: PendingCall = { ...pending, sent: request }
  // Raw requests (sim.request, curl-like) are not retried. A watch is, like any call, when its
  // answer is a 429 with Retry-After (rest/request.go Watch: retry.IsNextRetry, client-go v1.32).
  if (pending.purpose !== 'raw') call.retry = { request, options: sendOptions, retries: 0 }
  client.pending.set(requestId, call)
  ctx.send(
    client.server,
    request,
    options.extraDelayMs !== undefined
      ? { ...sendOptions, extraDelayMs: options.extraDelayMs }
      : sendOptions,
  )
  return requestId
}

/** The call as Go's url.Error names it, for a transport error: Post "https://…/api/v1/pods". */
export function requestText(call: PendingCall): string | undefined {
  const sent = call.sent
  if (sent === undefined) return undefined
  return `${GO_OP[sent.method]} "${API_SERVER_URL}${sent.path}${encodedQuery(sent.query)}"`
}

/** url.Values.Encode: keys sorted, values escaped. */
function encodedQuery(query: Record<string, string> | undefined): string {
  if (query === undefined) return ''
  const entries = Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (entries.length === 0) return ''
  return `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`).join('&')}`
}

/**
 * The responses an actor gets when its connection to `server` is reset: one per call in flight,
 * or undefined when the actor is not that server's API client.
 */
export function transportFailures(
  actor: object,
  server: string,
  error: string,
): HttpResponse[] | undefined {
  const client = (actor as { client?: ApiClientState }).client
  if (client?.server !== server) return undefined
  return [...client.pending].map(([id, call]) => ({
    type: 'http-response',
    requestId: id,
    code: 0,
    body: { transport: { error, request: requestText(call) } } satisfies TransportFailure,
  }))
}

function queryString(query: Record<string, string> | undefined): string {
  if (query === undefined) return ''
  const parts = Object.entries(query).map(([k, v]) => `${k}=${v}`)
  return parts.length > 0 ? `?${parts.join('&')}` : ''
}

/** Closes a watch this client opened: nothing more is delivered for it. */
export function stopWatch(ctx: ActorContext, client: ApiClientState, requestId: number): void {
  client.pending.delete(requestId)
  ctx.send(client.server, { type: 'watch-stop', requestId }, { label: 'close watch' })
}

/** Takes the continuation of a response; undefined for responses nobody is waiting for. */
export function takePending(
  client: ApiClientState,
  response: HttpResponse,
): PendingCall | undefined {
  const pending = client.pending.get(response.requestId)
  client.pending.delete(response.requestId)
  return pending
}
