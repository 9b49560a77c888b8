import type { FlowStep } from '../network/types'
import type { ActorContext } from '../runtime/actor'
import type { HttpRequest } from '../runtime/messages'
import { handleGet, handleList, handleWatch } from './handle-read'
import { handleCreate, handleMutation } from './handle-write'
import { parsePath } from './path'
import { decodeRequestBody, isApiError } from './request-body'
import { replyError } from './respond'
import type { ApiServerState } from './state'
import { methodNotAllowed, pathNotFound, unauthorized } from './status'

/**
 * The handler chain: authentication, authorization, then the REST handler for the path and
 * verb. Authorization is AlwaysAllow here (--authorization-mode=AlwaysAllow); RBAC replaces it.
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
  if (request.user.name === '')
    return replyError(ctx, from, request.requestId, unauthorized(), { step })
  const parsed = parsePath(request.path)
  if (!parsed.ok) return replyError(ctx, from, request.requestId, pathNotFound(), { step })
  const path = parsed.path
  const isCollection = path.name === undefined
  const routed =
    request.method === 'GET' ||
    (request.method === 'POST'
      ? isCollection || (path.subresource === 'binding' && path.info.resource === 'pods')
      : !isCollection)
  if (!routed) return replyError(ctx, from, request.requestId, methodNotAllowed(), { step })
  const decoded = decodeRequestBody(request, path)
  if (isApiError(decoded)) return replyError(ctx, from, request.requestId, decoded, { step })
  const incoming = { from, request, path, step, decoded }
  switch (request.method) {
    case 'GET':
      if (!isCollection) return handleGet(ctx, state, incoming)
      if (request.query['watch'] === '1' || request.query['watch'] === 'true')
        return handleWatch(ctx, state, incoming)
      return handleList(ctx, state, incoming)
    case 'POST':
      return isCollection
        ? handleCreate(ctx, state, incoming)
        : handleMutation(ctx, state, incoming)
    case 'PUT':
    case 'PATCH':
    case 'DELETE':
      return handleMutation(ctx, state, incoming)
  }
}
