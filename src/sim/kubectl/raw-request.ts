import type { RequestAuth } from '../actions'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import type { HttpMethod, HttpResponse } from '../runtime/messages'
import { resolveKubeconfig } from './kubeconfig'
import type { KubectlState } from './state'

/** One request of sim.request, sent from the student's machine exactly as given. */
export interface RawRequest {
  requestId: string
  method: HttpMethod
  path: string
  query?: Record<string, string> | undefined
  body?: string | undefined
  contentType?: string | undefined
  auth?: RequestAuth | undefined
}

/** sim.request's answer: the response as the client received it. */
export function onRawResponse(ctx: ActorContext, requestId: string, response: HttpResponse): void {
  ctx.emit({
    type: 'ApiResponded',
    requestId,
    code: response.code,
    body: response.body,
    ...(response.warnings ? { warnings: response.warnings } : {}),
  })
}

/**
 * Sends one request exactly as given (sim.request): the body is the client's JSON text. The
 * credential comes from the kubeconfig as kubectl's would (the current context, or `auth.context`),
 * unless a bearer token is given; `as`/`asGroups` become the impersonation headers. Nothing is
 * left behind on the client for the next command.
 */
export function sendRawRequest(ctx: ActorContext, state: KubectlState, request: RawRequest): void {
  const auth = request.auth ?? {}
  const flags: Record<string, string> = {}
  if (auth.context !== undefined) flags['context'] = auth.context
  if (auth.as !== undefined) flags['as'] = auth.as
  const resolved = resolveKubeconfig(state.kubeconfig, flags, auth.asGroups ?? [])
  if (typeof resolved === 'string' && auth.token === undefined) {
    // A client that cannot build its configuration sends nothing.
    onRawResponse(ctx, request.requestId, {
      type: 'http-response',
      requestId: 0,
      code: 0,
      body: { transport: { error: resolved } },
    })
    return
  }
  const client = state.client
  client.credential =
    auth.token !== undefined
      ? { type: 'bearer', token: auth.token }
      : (resolved as Exclude<typeof resolved, string>).credential
  client.impersonate =
    auth.as !== undefined || auth.asGroups?.length
      ? { user: auth.as ?? '', groups: auth.asGroups ?? [] }
      : undefined
  callApi(
    ctx,
    client,
    {
      method: request.method,
      path: request.path,
      ...(request.query ? { query: request.query } : {}),
      ...(request.body !== undefined ? { rawBody: request.body } : {}),
      ...(request.contentType !== undefined ? { contentType: request.contentType } : {}),
      label: `${request.method} ${request.path}`,
    },
    { purpose: 'raw', data: request.requestId },
  )
}
