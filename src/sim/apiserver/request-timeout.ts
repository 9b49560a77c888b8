import type { ActorContext } from '../runtime/actor'
import type { HttpRequest } from '../runtime/messages'
import type { FlowStep } from '../network/types'
import { replyError } from './respond'
import type { ApiServerState } from './state'
import { timeoutError } from './status'

// --request-timeout, default 1m0s: "An optional field indicating the duration a handler must
// keep a request open before timing it out" (apiserver pkg/server/options/server_run_options.go,
// v1.32), enforced by WithTimeoutForNonLongRunningRequests (pkg/server/filters/timeout.go).
export const REQUEST_TIMEOUT_MS = 60_000

function key(from: string, requestId: number): string {
  return `${from}#${requestId}`
}

/** Watches are long-running requests: the timeout filter lets them through. */
export function isLongRunning(request: HttpRequest): boolean {
  return (
    request.method === 'GET' &&
    (request.query['watch'] === '1' || request.query['watch'] === 'true')
  )
}

/** Starts the clock on a request: if nothing answers it within the timeout, the filter does. */
export function openRequest(
  ctx: ActorContext,
  state: ApiServerState,
  from: string,
  request: HttpRequest,
  step: FlowStep | undefined,
): void {
  if (isLongRunning(request)) return
  state.openRequests[key(from, request.requestId)] = true
  ctx.setTimer(REQUEST_TIMEOUT_MS, {
    name: 'request-timeout',
    data: { from, requestId: request.requestId, step },
  })
}

/** The timer fired: a request still open gets the filter's 504, and its late answer is dropped. */
export function onRequestTimeout(
  ctx: ActorContext,
  state: ApiServerState,
  data: { from: string; requestId: number; step?: FlowStep | undefined },
): void {
  const k = key(data.from, data.requestId)
  if (!state.openRequests[k]) return
  replyError(ctx, data.from, data.requestId, timeoutError(), { step: data.step })
  state.timedOutRequests[k] = true
}

/**
 * The API server's context with the timeout filter in front of every response: an answer
 * closes its request; an answer to a request the filter already timed out goes nowhere (the
 * client has its 504).
 */
export function withRequestTimeouts(ctx: ActorContext, state: ApiServerState): ActorContext {
  return {
    get nowMs() {
      return ctx.nowMs
    },
    self: ctx.self,
    send(to, body, options) {
      if (body.type === 'http-response') {
        const k = key(to, body.requestId)
        if (state.timedOutRequests[k]) {
          delete state.timedOutRequests[k]
          return
        }
        delete state.openRequests[k]
      }
      ctx.send(to, body, options)
    },
    setTimer(delayMs, timer) {
      ctx.setTimer(delayMs, timer)
    },
    emit(event) {
      ctx.emit(event)
    },
  }
}
