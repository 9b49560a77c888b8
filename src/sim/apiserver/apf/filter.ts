import type { ActorContext } from '../../runtime/actor'
import { ForwardingContext } from '../../runtime/forwarding-context'
import type { MessageBody } from '../../runtime/messages'
import type { SendOptions } from '../../network/types'
import type { ParsedPath } from '../path'
import { isLongRunning } from '../request-timeout'
import { hasSelector, listLimit, listSource } from '../list-source'
import type { ApiServerState } from '../state'
import {
  admit,
  dispatchQueued,
  release,
  type AdmittedRequest,
  type RunningRequest,
} from './flow-control'
import { jsonBytes, responseBytes } from './meters'
import { listSeats } from './work-estimate'
import { isCachedKey, uncachedCount } from '../uncached'

// What the APF filter writes when it rejects: tooManyRequests in
// staging/src/k8s.io/apiserver/pkg/server/filters/priority-and-fairness.go (v1.32) calls
// http.Error(w, "Too many requests, please try again later.", 429): plain text with a newline,
// not a Status, and a Retry-After header from the level's droppedRequestsTracker, which starts at
// 1 s (util/flowcontrol/dropped_requests_tracker.go; its growth under sustained drops, up to
// 32 s, is not modelled).
export const TOO_MANY_REQUESTS_BODY = 'Too many requests, please try again later.\n'
export const RETRY_AFTER_SECONDS = 1

/**
 * The context the handlers write through: an answer frees the request's seats and is counted
 * on the meters. Wraps the timeout filter's context (APF sits inside it in the handler chain).
 * A class, not an object of closures: one is made per message the API server handles.
 */
class FlowControlContext extends ForwardingContext {
  private readonly state: ApiServerState

  constructor(inner: ActorContext, state: ApiServerState) {
    super(inner)
    this.state = state
  }

  override send(to: string, body: MessageBody, options: SendOptions): void {
    const state = this.state
    if (body.type === 'http-response') {
      release(state.apf, to, body.requestId)
      state.meters.requests++
      const listed = state.meters.pendingListBytes
      const isList = listed?.client === to && listed.requestId === body.requestId
      state.meters.bytesSent += isList ? listed.bytes : responseBytes(body.body)
      if (isList) state.meters.pendingListBytes = undefined
      if (body.code === 429) state.meters.tooManyRequests++
    } else if (body.type === 'watch-event') {
      state.meters.bytesSent += jsonBytes(body.event.object) + 24
    }
    super.send(to, body, options)
  }
}

export function withFlowControl(ctx: ActorContext, state: ApiServerState): ActorContext {
  return new FlowControlContext(ctx, state)
}

/** Objects stored under a key prefix (the work estimator's count). */
function storedCount(state: ApiServerState, prefix: string): number {
  if (!isCachedKey(prefix)) return uncachedCount(state.cache, prefix)
  let count = 0
  for (const key of state.cache.objects.keys()) if (key.startsWith(prefix)) count++
  return count
}

/**
 * Seats a request will hold: a LIST's by its estimated objects, anything else one. "From cache"
 * is the estimator's own rule (shouldListFromStorage), which knows nothing of which resources
 * have no cacher: a resourceVersion=0 LIST of Events counts as a cache read upstream too.
 */
export function estimateSeats(state: ApiServerState, admitted: AdmittedRequest, path: ParsedPath) {
  const { request } = admitted
  if (request.method !== 'GET' || path.name !== undefined) return 1
  const prefix = `/registry/${path.info.etcdResource}/${path.info.namespaced && path.namespace ? `${path.namespace}/` : ''}`
  return listSeats({
    storedCount: storedCount(state, prefix),
    limit: listLimit(request),
    fromCache: listSource(request) !== 'etcd',
    hasSelector: hasSelector(request),
  })
}

/**
 * Max-in-flight with API Priority and Fairness: true when the request may run now; false when it
 * waits in a queue (it runs from drainFlowControl) or was rejected with 429 here. Long-running
 * requests (watches, exec, logs) are not held to a seat while they stream.
 */
export function admitRequest(
  ctx: ActorContext,
  state: ApiServerState,
  admitted: AdmittedRequest,
  path: ParsedPath,
): boolean {
  if (isLongRunning(admitted.request)) return true
  admitted.seats = estimateSeats(state, admitted, path)
  const admission = admit(state.apf, admitted, path.info.resource, path.namespace)
  if (admission.outcome === 'execute') return true
  if (admission.outcome === 'queued') return false
  ctx.send(
    admitted.from,
    {
      type: 'http-response',
      requestId: admitted.request.requestId,
      code: 429,
      body: TOO_MANY_REQUESTS_BODY,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    },
    { label: `429 Too Many Requests (${admission.level})`, step: admitted.step },
  )
  return false
}

/** After a handler: starts queued requests that now have seats, until none fits. */
export function drainFlowControl(
  ctx: ActorContext,
  state: ApiServerState,
  serve: (ctx: ActorContext, state: ApiServerState, admitted: AdmittedRequest) => void,
): void {
  for (let started = dispatchQueued(state.apf); started.length > 0;) {
    for (const admitted of started) serve(ctx, state, admitted)
    started = dispatchQueued(state.apf)
  }
}

/** The seats and arrival time of a running request (for a LIST's cost line). */
export function listSeatsOf(
  state: ApiServerState,
  client: string,
  requestId: number,
): RunningRequest | undefined {
  return state.apf.running[`${client}#${String(requestId)}`]
}
