import type { RequestAuth } from '../actions'
import { clientCertificate, x509, type Credential } from '../apiserver/authn/credentials'
import { parsePath } from '../apiserver/path'
import type { ActorContext } from '../runtime/actor'
import { callApi, stopWatch } from '../runtime/api-client'
import type { HttpMethod, HttpResponse, WatchEventMessage } from '../runtime/messages'
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
  accept?: string | undefined
  auth?: RequestAuth | undefined
  /** The client's own User-Agent header (a real client's, through npm run serve). */
  userAgent?: string | undefined
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
  const given = givenCredential(auth)
  if (typeof resolved === 'string' && given === undefined) {
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
  const about = rawAbout(request)
  client.credential = given ?? (resolved as Exclude<typeof resolved, string>).credential
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
      ...(request.accept !== undefined ? { accept: request.accept } : {}),
      label: `${request.method} ${request.path}`,
      userAgent: request.userAgent ?? '',
      ...(about !== undefined ? { step: 1 as const, about } : {}),
    },
    { purpose: 'raw', data: request.requestId },
  )
}

/**
 * A credential the request brings itself: a bearer token (the Authorization header), or the
 * client certificate a served request presented (src/server verified it against the cluster CA).
 */
function givenCredential(auth: RequestAuth): Credential | undefined {
  if (auth.token !== undefined) return { type: 'bearer', token: auth.token }
  const cert = auth.certificate
  if (cert === undefined) return undefined
  return x509(clientCertificate(cert.commonName, cert.organizations, 'served-client'))
}

/** An event on a watch opened by sim.request or a served client: recorded for its reader. */
export function onRawWatchEvent(
  ctx: ActorContext,
  state: KubectlState,
  message: WatchEventMessage,
): void {
  const pending = state.client.pending.get(message.requestId)
  if (pending?.purpose !== 'raw') return
  ctx.emit({
    type: 'ApiWatchEvent',
    requestId: String(pending.data),
    eventType: message.event.type,
    object: message.event.object,
  })
}

/** The client closed a watch it opened (its HTTP connection ended). */
export function closeRawWatch(ctx: ActorContext, state: KubectlState, requestId: string): void {
  for (const [id, call] of [...state.client.pending]) {
    if (call.purpose === 'raw' && call.data === requestId) stopWatch(ctx, state.client, id)
  }
}

/**
 * The object a raw request is about, from its path (and a POST body's name), so the map follows
 * a served kubectl's write as it follows the simulated kubectl's (course step 1).
 */
function rawAbout(
  request: RawRequest,
): { kind: string; name: string; namespace?: string } | undefined {
  const parsed = parsePath(request.path)
  if (!parsed.ok || request.query?.['watch'] !== undefined) return undefined
  const { info, namespace, name: pathName } = parsed.path
  let name = pathName
  if (name === undefined && request.method === 'POST') {
    try {
      const body = JSON.parse(request.body ?? '') as { metadata?: { name?: unknown } } | null
      if (typeof body?.metadata?.name === 'string') name = body.metadata.name
    } catch {
      // A body that is not JSON is the API server's to reject; the message is about nothing.
    }
  }
  if (name === undefined) return undefined
  return { kind: info.kind, name, ...(namespace !== undefined ? { namespace } : {}) }
}
