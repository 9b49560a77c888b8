import type { FlowStep, ObjectRef } from '../network/types'
import type { ActorContext } from './actor'
import type { Credential, Impersonation } from '../apiserver/authn/credentials'
import type { HttpMethod, HttpRequest, HttpResponse } from './messages'

/**
 * A component's connection to kube-apiserver. Continuations are data: each pending call is
 * remembered by `purpose` (and small JSON `data`), and the owning actor dispatches on it when
 * the response arrives, so the whole client survives structuredClone for checkpoints.
 */
export interface PendingCall {
  purpose: string
  data?: unknown
}

export interface ApiClientState {
  /** The credential this client presents (its kubeconfig's client certificate or token). */
  credential: Credential
  /** Set per call by kubectl --as / --as-group; cleared for everyone else. */
  impersonate?: Impersonation | undefined
  server: string
  nextRequestId: number
  pending: Record<number, PendingCall>
}

export function createApiClient(credential: Credential, server: string): ApiClientState {
  return { credential, server, nextRequestId: 1, pending: {} }
}

export interface CallOptions {
  method: HttpMethod
  path: string
  query?: Record<string, string>
  body?: unknown
  contentType?: string
  accept?: string
  label?: string
  /** A process in a Pod making this call (in-cluster kubectl): "pod/<namespace>/<name>". */
  origin?: string
  step?: FlowStep | undefined
  about?: ObjectRef | undefined
  extraDelayMs?: number
}

/** Sends one request; returns its id. The response comes back as an http-response message. */
export function callApi(
  ctx: ActorContext,
  client: ApiClientState,
  options: CallOptions,
  pending: PendingCall,
): number {
  const requestId = client.nextRequestId++
  client.pending[requestId] = pending
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
  if (options.body !== undefined) request.body = options.body
  if (options.contentType !== undefined) request.contentType = options.contentType
  if (options.accept !== undefined) request.accept = options.accept
  ctx.send(client.server, request, {
    label: options.label ?? `${options.method} ${options.path}${queryString(options.query)}`,
    step: options.step,
    about: options.about,
    ...(options.extraDelayMs !== undefined ? { extraDelayMs: options.extraDelayMs } : {}),
  })
  return requestId
}

function queryString(query: Record<string, string> | undefined): string {
  if (!query) return ''
  const parts = Object.entries(query).map(([k, v]) => `${k}=${v}`)
  return parts.length > 0 ? `?${parts.join('&')}` : ''
}

/** Takes the continuation of a response; undefined for responses nobody is waiting for. */
export function takePending(
  client: ApiClientState,
  response: HttpResponse,
): PendingCall | undefined {
  const pending = client.pending[response.requestId]
  delete client.pending[response.requestId]
  return pending
}
