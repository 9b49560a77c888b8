import type { FlowStep, ObjectRef } from '../network/types'
import type { ActorBase, ActorContext, Behaviour } from './actor'
import type { HttpMethod, HttpRequest, HttpResponse, MessageBody, UserInfo } from './messages'

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
  user: UserInfo
  server: string
  nextRequestId: number
  pending: Record<number, PendingCall>
}

export function createApiClient(user: UserInfo, server: string): ApiClientState {
  return { user, server, nextRequestId: 1, pending: {} }
}

export interface CallOptions {
  method: HttpMethod
  path: string
  query?: Record<string, string>
  body?: unknown
  contentType?: string
  accept?: string
  label?: string
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
    user: client.user,
  }
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

/** Closes a watch this client opened: nothing more is delivered for it. */
export function stopWatch(ctx: ActorContext, client: ApiClientState, requestId: number): void {
  delete client.pending[requestId]
  ctx.send(client.server, { type: 'watch-stop', requestId }, { label: 'close watch' })
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

/** What a request that never got an HTTP answer carries instead (code 0, never a real status). */
export interface TransportError {
  transport: 'refused' | 'reset'
  /** The server as kubectl names it: "10.0.0.2:6443". */
  server: string
  message: string
}

export function isTransportError(body: unknown): body is TransportError {
  return typeof body === 'object' && body !== null && 'transport' in body
}

/**
 * The address a client dials for an API server component: control planes are 10.0.0.2, .3, .4
 * (kubeadm's advertise addresses), the HA load balancer's virtual IP is 10.0.0.10; all on 6443.
 */
export function apiServerAddress(server: string): string {
  if (server.endsWith('-lb')) return '10.0.0.10:6443'
  const index = /-(\d+)$/.exec(server)?.[1]
  return `10.0.0.${1 + Number(index ?? 1)}:6443`
}

/**
 * Turns a refused dial or a reset connection into failed responses for the calls it ends:
 * refused ends one request; a reset from our server ends every call in flight, watches included
 * (client-go then sees the error, and reflectors relist). Undefined for any other message.
 */
export function transportFailures(
  client: ApiClientState,
  body: MessageBody,
  from: string,
): HttpResponse[] | undefined {
  const server = apiServerAddress(client.server)
  if (body.type === 'connection-refused') {
    if (!(body.requestId in client.pending)) return []
    const error: TransportError =
      body.closed === true
        ? { transport: 'reset', server, message: 'EOF' }
        : {
            transport: 'refused',
            server,
            message: `dial tcp ${server}: connect: connection refused`,
          }
    return [{ type: 'http-response', requestId: body.requestId, code: 0, body: error }]
  }
  if (body.type !== 'connection-reset' || from !== client.server) return undefined
  const error: TransportError = { transport: 'reset', server, message: 'unexpected EOF' }
  return Object.keys(client.pending).map((id) => ({
    type: 'http-response',
    requestId: Number(id),
    code: 0,
    body: error,
  }))
}

/**
 * Wraps an API client's behaviour so transport failures reach it as failed responses, the way
 * client-go surfaces them as errors from the call that was in flight.
 */
export function withApiTransport<S extends ActorBase & { client: ApiClientState }>(
  inner: Behaviour<S>,
): Behaviour<S> {
  return {
    ...inner,
    onMessage(ctx, state, envelope) {
      const failures = transportFailures(state.client, envelope.body, envelope.from)
      if (failures === undefined) {
        inner.onMessage(ctx, state, envelope)
        return
      }
      for (const body of failures) inner.onMessage(ctx, state, { ...envelope, body })
    },
  }
}
