import type { FlowStep } from '../network/types'
import type { ActorContext } from '../runtime/actor'
import type { HttpRequest } from '../runtime/messages'
import { authenticateAndAuthorize } from './authz/request-auth'
import { handleGet, handleList, handleWatch } from './handle-read'
import { handleCreate, handleMutation } from './handle-write'
import { parsePath } from './path'
import { replyError } from './respond'
import { handleReview } from './reviews'
import type { ApiServerState } from './state'
import { methodNotAllowed, pathNotFound } from './status'
import { handleTokenRequest } from './token-request'
import { handleExec } from './exec'

/**
 * The handler chain: authentication, impersonation, authorization (Node,RBAC), then the REST
 * handler for the path and verb. A request for an unknown resource is authorized first and
 * only then found missing, as the real chain does (RBAC sees the path's resource either way).
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
  const auth = authenticateAndAuthorize(ctx, state, from, request)
  if (!auth.ok) return replyError(ctx, from, request.requestId, auth.error, { step })
  const parsed = parsePath(request.path)
  if (!parsed.ok) return replyError(ctx, from, request.requestId, pathNotFound(), { step })
  const path = parsed.path
  const incoming = { from, request, path, step, user: auth.user }
  const isCollection = path.name === undefined
  if (path.info.virtual) {
    if (request.method === 'POST' && isCollection)
      return handleReview(ctx, state, incoming, auth.user)
    return replyError(ctx, from, request.requestId, methodNotAllowed(), { step })
  }
  switch (request.method) {
    case 'GET':
      if (!isCollection) return handleGet(ctx, state, incoming)
      if (request.query['watch'] === '1' || request.query['watch'] === 'true')
        return handleWatch(ctx, state, incoming)
      return handleList(ctx, state, incoming)
    case 'POST':
      if (isCollection) return handleCreate(ctx, state, incoming)
      if (path.subresource === 'binding' && path.info.resource === 'pods')
        return handleMutation(ctx, state, incoming)
      if (path.subresource === 'token' && path.info.resource === 'serviceaccounts')
        return handleTokenRequest(ctx, state, incoming)
      if (path.subresource === 'exec' && path.info.resource === 'pods')
        return handleExec(ctx, state, incoming)
      return replyError(ctx, from, request.requestId, methodNotAllowed(), { step })
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
      if (isCollection)
        return replyError(ctx, from, request.requestId, methodNotAllowed(), { step })
      return handleMutation(ctx, state, incoming)
  }
}
