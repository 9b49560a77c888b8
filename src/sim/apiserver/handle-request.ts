import type { FlowStep } from '../network/types'
import type { ActorContext } from '../runtime/actor'
import type { HttpRequest } from '../runtime/messages'
import { authenticateAndAuthorize } from './authz/request-auth'
import { handleGet, handleList, handleWatch } from './handle-read'
import { handleCreate, handleMutation } from './handle-write'
import { handlePodLog } from './pod-logs'
import { parsePath, type ParsedPath } from './path'
import { decodeRequestBody, isApiError } from './request-body'
import { reply, replyError } from './respond'
import { handleReview } from './reviews'
import type { ApiServerState } from './state'
import { methodNotAllowed, pathNotFound } from './status'
import { handleTokenRequest } from './token-request'
import { handleExec } from './exec'
import { admitRequest } from './apf/filter'
import type { AdmittedRequest } from './apf/flow-control'

// The subresources served by POST on a named object: pods/binding, pods/eviction,
// serviceaccounts/token, pods/exec.
const POST_SUBRESOURCES: Readonly<Record<string, string>> = {
  binding: 'pods',
  eviction: 'pods',
  token: 'serviceaccounts',
  exec: 'pods',
}

/** Whether a method is served on this path at all (else 405). */
function routed(method: HttpRequest['method'], path: ParsedPath): boolean {
  const isCollection = path.name === undefined
  // The access reviews are create-only resources with no storage.
  if (path.info.virtual) return method === 'POST' && isCollection
  if (method === 'GET') return true
  if (method !== 'POST') return !isCollection
  if (isCollection) return true
  const sub = path.subresource
  return sub !== undefined && POST_SUBRESOURCES[sub] === path.info.resource
}

/**
 * The handler chain: authentication, impersonation, authorization (Node,RBAC), then the REST
 * handler for the path and verb, which decodes the body first. A request for an unknown
 * resource is authorized first and only then found missing, as the real chain does (RBAC sees
 * the path's resource either way); a body is only read once the request is authorized. Then
 * max-in-flight / API Priority and Fairness runs it, queues it or rejects it with 429 (here after
 * authorization; in the real chain WithPriorityAndFairness sits between impersonation and
 * authorization, so a request that will be forbidden takes a seat there and not here).
 * Source: staging/src/k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain (v1.32)
 */
export function handleHttpRequest(
  ctx: ActorContext,
  state: ApiServerState,
  from: string,
  request: HttpRequest,
  step?: FlowStep,
): void {
  if (!state.ready) {
    state.parked.push({ from, request, ...(step !== undefined ? { step } : {}) })
    return
  }
  // Health endpoints (anonymous, as system:public-info-viewer allows): a load balancer's checks.
  if (request.method === 'GET' && ['/healthz', '/readyz', '/livez'].includes(request.path))
    return reply(ctx, from, request.requestId, 200, 'ok', { step })
  const auth = authenticateAndAuthorize(ctx, state, from, request)
  if (!auth.ok) return replyError(ctx, from, request.requestId, auth.error, { step })
  const parsed = parsePath(request.path)
  if (!parsed.ok) return replyError(ctx, from, request.requestId, pathNotFound(), { step })
  const admitted = { from, request, step, user: auth.user, seats: 1, arrivedMs: ctx.nowMs }
  if (admitRequest(ctx, state, admitted, parsed.path))
    serveAdmitted(ctx, state, admitted, parsed.path)
}

/**
 * The REST handler for a request that APF let run (at once, with the path the chain parsed, or
 * later from its queue, parsing it again).
 */
export function serveAdmitted(
  ctx: ActorContext,
  state: ApiServerState,
  admitted: AdmittedRequest,
  parsedPath?: ParsedPath,
): void {
  const { from, request, step, user } = admitted
  const parsed = parsedPath ? { ok: true as const, path: parsedPath } : parsePath(request.path)
  if (!parsed.ok) return replyError(ctx, from, request.requestId, pathNotFound(), { step })
  const path = parsed.path
  if (!routed(request.method, path))
    return replyError(ctx, from, request.requestId, methodNotAllowed(), { step })
  const decoded = decodeRequestBody(request, path)
  if (isApiError(decoded)) return replyError(ctx, from, request.requestId, decoded, { step })
  const incoming = { from, request, path, step, decoded, user }
  const isCollection = path.name === undefined
  if (path.info.virtual) return handleReview(ctx, state, incoming, user)
  switch (request.method) {
    case 'GET':
      if (path.subresource === 'log' && path.info.resource === 'pods')
        return handlePodLog(ctx, state, incoming)
      if (!isCollection) return handleGet(ctx, state, incoming)
      if (request.query['watch'] === '1' || request.query['watch'] === 'true')
        return handleWatch(ctx, state, incoming)
      return handleList(ctx, state, incoming)
    case 'POST':
      if (isCollection) return handleCreate(ctx, state, incoming)
      if (path.subresource === 'token') return handleTokenRequest(ctx, state, incoming)
      if (path.subresource === 'exec') return handleExec(ctx, state, incoming)
      return handleMutation(ctx, state, incoming)
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
      return handleMutation(ctx, state, incoming)
  }
}
