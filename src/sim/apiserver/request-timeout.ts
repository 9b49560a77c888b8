import type { FlowStep, SendOptions } from '../network/types'
import type { ActorContext } from '../runtime/actor'
import { ForwardingContext } from '../runtime/forwarding-context'
import type { HttpRequest, MessageBody } from '../runtime/messages'
import type { ApiServerState } from './state'
import { forgetQueued } from './apf/flow-control'

// --request-timeout: "An optional field indicating the duration a handler must keep a request
// open before timing it out", 60 s by default: RequestTimeout in NewConfig,
// staging/src/k8s.io/apiserver/pkg/server/config.go (v1.32). WithRequestDeadline puts it on the
// request's context, and WithTimeoutForNonLongRunningRequests answers when it passes.
export const REQUEST_TIMEOUT_MS = 60_000

// What the timeout filter writes: apierrors.NewTimeoutError("request did not complete within
// the allotted timeout", 0) encoded with json.Encoder (so a trailing newline, and no kind),
// status 504, content type sniffed as text/plain. Source: staging/src/k8s.io/apiserver/pkg/
// server/filters/timeout.go WithTimeoutForNonLongRunningRequests and baseTimeoutWriter.timeout
// (v1.32). client-go cannot decode it as a Status, so kubectl prints its generic text for 504.
export const TIMEOUT_BODY = `${JSON.stringify({
  metadata: {},
  status: 'Failure',
  message: 'Timeout: request did not complete within the allotted timeout',
  reason: 'Timeout',
  details: {},
  code: 504,
})}\n`

/** A request whose deadline is running: when it passes, and the request-flow tag. */
export interface OpenRequest {
  deadlineMs: number
  step?: FlowStep | undefined
}

const key = (client: string, requestId: number) => `${client}#${String(requestId)}`

// Long-running requests have no deadline: watches, and the subresources attach, exec, proxy,
// log and portforward (`kubectl logs -f` streams for as long as it likes).
// BasicLongRunningRequestCheck(sets.NewString("watch", "proxy"), sets.NewString("attach",
// "exec", "proxy", "log", "portforward")) in kube-apiserver's pkg/controlplane/apiserver/config.go
// (v1.32).
const LONG_RUNNING_SUBRESOURCE =
  /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(attach|exec|proxy|log|portforward)$/
export const isLongRunning = (request: HttpRequest) =>
  (request.method === 'GET' &&
    (request.query['watch'] === '1' || request.query['watch'] === 'true')) ||
  // Only a Pod's subresource can be one: most paths are not looked at by the pattern.
  (request.path.includes('/pods/') && LONG_RUNNING_SUBRESOURCE.test(request.path))

/**
 * Starts a request's deadline as it arrives (before it may wait for etcd or the cache). One
 * timer serves every open request: requests are answered in milliseconds, so the few still open
 * when it fires are cheap to scan, and a busy cluster does not queue a timer per request.
 */
export function startDeadline(
  ctx: ActorContext,
  state: ApiServerState,
  client: string,
  request: HttpRequest,
  step: FlowStep | undefined,
): void {
  if (isLongRunning(request)) return
  const deadlineMs = ctx.nowMs + REQUEST_TIMEOUT_MS
  state.openRequests[key(client, request.requestId)] = { deadlineMs, step }
  if (state.deadlineTimerMs === undefined) {
    state.deadlineTimerMs = deadlineMs
    ctx.setTimer(REQUEST_TIMEOUT_MS, { name: 'request-timeout' })
  }
}

/** The deadline timer: times out every request past its deadline, then waits for the next. */
export function onDeadlineTimer(ctx: ActorContext, state: ApiServerState): void {
  state.deadlineTimerMs = undefined
  let next = Infinity
  for (const [id, open] of Object.entries(state.openRequests)) {
    if (open.deadlineMs <= ctx.nowMs) timeOut(ctx, state, id, open)
    else next = Math.min(next, open.deadlineMs)
  }
  if (next === Infinity) return
  state.deadlineTimerMs = next
  ctx.setTimer(next - ctx.nowMs, { name: 'request-timeout' })
}

/**
 * The deadline passed with the request unanswered (etcd unreachable, or without a quorum long
 * enough): the timeout filter answers 504 now, and whatever the handler writes later is lost.
 */
function timeOut(ctx: ActorContext, state: ApiServerState, id: string, open: OpenRequest): void {
  const [client = '', requestText = ''] = id.split('#')
  const data = { client, requestId: Number(requestText) }
  delete state.openRequests[id]
  state.abandonedRequests[id] = true
  state.parked = state.parked.filter(
    (p) => p.from !== data.client || p.request.requestId !== data.requestId,
  )
  state.waitingLists = state.waitingLists.filter(
    (w) => w.from !== data.client || w.request.requestId !== data.requestId,
  )
  forgetQueued(state.apf, data.client, data.requestId)
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `no answer within --request-timeout (60 s): the timeout filter answers 504 Timeout to ${data.client}`,
    step: open.step,
  })
  ctx.send(
    data.client,
    { type: 'http-response', requestId: data.requestId, code: 504, body: TIMEOUT_BODY },
    { label: '504 Gateway Timeout', step: open.step },
  )
}

/**
 * The context the handlers write through: an answer to a request ends its deadline, and an
 * answer after the timeout filter has answered is dropped (baseTimeoutWriter returns
 * http.ErrHandlerTimeout to the handler's writes). A class, not an object of closures: one is
 * made per message the API server handles.
 */
class TimeoutFilterContext extends ForwardingContext {
  private readonly state: ApiServerState

  constructor(inner: ActorContext, state: ApiServerState) {
    super(inner)
    this.state = state
  }

  override send(to: string, body: MessageBody, options: SendOptions): void {
    if (body.type === 'http-response') {
      const state = this.state
      const id = key(to, body.requestId)
      if (state.abandonedRequests[id]) {
        delete state.abandonedRequests[id]
        return
      }
      delete state.openRequests[id]
    }
    super.send(to, body, options)
  }
}

export function withTimeoutFilter(ctx: ActorContext, state: ApiServerState): ActorContext {
  return new TimeoutFilterContext(ctx, state)
}
