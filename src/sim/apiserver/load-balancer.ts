/**
 * The load balancer in front of an HA control plane (kubeadm's --control-plane-endpoint, e.g.
 * haproxy in TCP mode): each client connection is pinned to a healthy kube-apiserver, backends
 * are health-checked every 2 s, and when a backend dies every connection through it is closed,
 * so its clients reconnect, and land on another backend.
 * Sources: kubeadm docs/ha-considerations.md (haproxy.cfg: mode tcp, option httpchk GET /healthz,
 * balance roundrobin) and haproxy's defaults (inter 2s, fall 3, rise 2).
 * NB: health is decided by the last check (no fall/rise counting); kubectl's requests each get a
 * new connection (one kubectl run is one process); replies go back through the balancer.
 */
import type { Envelope } from '../network/types'
import type { ActorBase, ActorContext, Behaviour } from '../runtime/actor'
import type { HttpRequest, MessageBody } from '../runtime/messages'

// haproxy's default check interval (inter 2000 ms).
const HEALTH_CHECK_MS = 2_000

export interface ForwardedCall {
  client: string
  requestId: number
  backend: string
  watch: boolean
  /** Kept until answered, so a refused connection can be redispatched. */
  request?: HttpRequest
  /** The request's trace tags (its flow step, the object it is about), kept on every hop. */
  tags?: Tags
}

/** A message's trace tags: the balancer passes them through both ways, as it passes bytes. */
type Tags = Pick<Envelope<MessageBody>, 'step' | 'about'>

const tagsOf = (envelope: Envelope<MessageBody>): Tags => ({
  ...(envelope.step !== undefined ? { step: envelope.step } : {}),
  ...(envelope.about !== undefined ? { about: envelope.about } : {}),
})

export interface LoadBalancerState extends ActorBase {
  kind: 'load-balancer'
  backends: string[]
  healthy: Record<string, boolean>
  /** Which backend each client's connection goes to. */
  pins: Record<string, string>
  forwarded: Record<number, ForwardedCall>
  nextId: number
  /** Round-robin position for new connections. */
  next: number
  checks: Record<number, string>
}

export const LOAD_BALANCER = 'kube-apiserver-lb'

export function createLoadBalancerState(
  backends: string[],
  rng: ActorBase['rng'],
): LoadBalancerState {
  return {
    id: LOAD_BALANCER,
    kind: 'load-balancer',
    host: 'control-plane-lb',
    running: false,
    rng,
    backends,
    healthy: Object.fromEntries(backends.map((b) => [b, true])),
    pins: {},
    forwarded: {},
    nextId: 1,
    next: 0,
    checks: {},
  }
}

function pick(state: LoadBalancerState, exclude?: string): string | undefined {
  for (let i = 0; i < state.backends.length; i++) {
    const candidate = state.backends[(state.next + i) % state.backends.length] ?? ''
    if (state.healthy[candidate] && candidate !== exclude) {
      state.next = (state.next + i + 1) % state.backends.length
      return candidate
    }
  }
  return undefined
}

/** A client connects (or reconnects): keep its backend while healthy, else round-robin. */
function backendFor(state: LoadBalancerState, client: string): string | undefined {
  const pinned = state.pins[client]
  if (pinned !== undefined && state.healthy[pinned] && client !== 'kubectl') return pinned
  const chosen = pick(state)
  if (chosen !== undefined && client !== 'kubectl') state.pins[client] = chosen
  return chosen
}

function forward(
  ctx: ActorContext,
  state: LoadBalancerState,
  client: string,
  request: HttpRequest,
  backend: string,
  tags: Tags,
): void {
  const id = state.nextId++
  const watch = request.query['watch'] === '1' || request.query['watch'] === 'true'
  state.forwarded[id] = { client, requestId: request.requestId, backend, watch, request, tags }
  ctx.send(
    backend,
    { ...request, requestId: id, forwardedFor: client },
    { label: `${request.method} ${request.path} → ${backend}`, ...tags },
  )
}

function refuse(ctx: ActorContext, client: string, requestId: number): void {
  // No backend is up: haproxy accepts the connection and closes it at once; the client reads EOF.
  ctx.send(
    client,
    { type: 'http-response', requestId, code: 0, body: { transport: { error: 'EOF' } } },
    { label: 'EOF (no apiserver up)' },
  )
}

/** A backend died: close every client connection that went through it. */
function backendDown(ctx: ActorContext, state: LoadBalancerState, backend: string): void {
  state.healthy[backend] = false
  const clients = new Set<string>()
  for (const [id, call] of Object.entries(state.forwarded)) {
    if (call.backend !== backend) continue
    clients.add(call.client)
    delete state.forwarded[Number(id)]
  }
  for (const [client, pinned] of Object.entries(state.pins)) {
    if (pinned !== backend) continue
    clients.add(client)
    delete state.pins[client]
  }
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `load balancer: ${backend} is down; closing ${clients.size} client connection${clients.size === 1 ? '' : 's'} through it, they reconnect to another API server`,
  })
  for (const client of clients)
    ctx.send(client, { type: 'connection-reset' }, { label: 'connection closed (backend down)' })
}

/** option redispatch: a connection the backend refused is retried on another backend. */
function redispatch(
  ctx: ActorContext,
  state: LoadBalancerState,
  from: string,
  requestId: number,
): void {
  const call = state.forwarded[requestId]
  delete state.forwarded[requestId]
  if (state.healthy[from]) backendDown(ctx, state, from)
  if (!call) return
  const retry = pick(state, from)
  if (retry === undefined) return refuse(ctx, call.client, call.requestId)
  if (call.client !== 'kubectl') state.pins[call.client] = retry
  if (call.request) forward(ctx, state, call.client, call.request, retry, call.tags ?? {})
}

function onBackendMessage(
  ctx: ActorContext,
  state: LoadBalancerState,
  envelope: Envelope<MessageBody>,
): void {
  const { from, body } = envelope
  switch (body.type) {
    case 'http-response': {
      const check = state.checks[body.requestId]
      if (check !== undefined) {
        delete state.checks[body.requestId]
        // Refused (code 0: nothing listens): the backend is down, its connections are closed.
        if (body.code === 0 && state.healthy[check]) backendDown(ctx, state, check)
        else state.healthy[check] = body.code === 200
        return
      }
      if (body.code === 0) return redispatch(ctx, state, from, body.requestId)
      const call = state.forwarded[body.requestId]
      if (!call) return
      // A response ends the call, a watch's too (its stream closed, or it was refused).
      delete state.forwarded[body.requestId]
      ctx.send(
        call.client,
        { ...body, requestId: call.requestId },
        { label: `${body.code}`, ...tagsOf(envelope) },
      )
      return
    }
    case 'watch-event': {
      const call = state.forwarded[body.requestId]
      if (call)
        ctx.send(
          call.client,
          { ...body, requestId: call.requestId },
          { label: `watch ${body.event.type}`, ...tagsOf(envelope) },
        )
      return
    }
    case 'connection-reset':
      return backendDown(ctx, state, from)
    default:
      return
  }
}

function stopForwardedWatch(
  ctx: ActorContext,
  state: LoadBalancerState,
  client: string,
  requestId: number,
): void {
  for (const [id, call] of Object.entries(state.forwarded)) {
    if (call.client !== client || call.requestId !== requestId) continue
    delete state.forwarded[Number(id)]
    ctx.send(call.backend, { type: 'watch-stop', requestId: Number(id) }, { label: 'close watch' })
  }
}

export const loadBalancer: Behaviour<LoadBalancerState> = {
  start(ctx) {
    ctx.setTimer(HEALTH_CHECK_MS, { name: 'health-check' })
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (state.backends.includes(envelope.from)) {
      onBackendMessage(ctx, state, envelope)
      return
    }
    if (body.type === 'watch-stop') {
      stopForwardedWatch(ctx, state, envelope.from, body.requestId)
      return
    }
    if (body.type !== 'http-request') return
    const backend = backendFor(state, envelope.from)
    if (backend === undefined) refuse(ctx, envelope.from, body.requestId)
    else forward(ctx, state, envelope.from, body, backend, tagsOf(envelope))
  },
  onTimer(ctx, state) {
    // A check still unanswered from the last round: that backend is down (or cut off).
    for (const [id, backend] of Object.entries(state.checks)) {
      delete state.checks[Number(id)]
      if (state.healthy[backend]) backendDown(ctx, state, backend)
    }
    // option httpchk GET /healthz, to every backend.
    for (const backend of state.backends) {
      const id = state.nextId++
      state.checks[id] = backend
      ctx.send(
        backend,
        {
          type: 'http-request',
          requestId: id,
          method: 'GET',
          path: '/healthz',
          query: {},
          credential: { type: 'anonymous' },
        },
        { label: 'GET /healthz (health check)' },
      )
    }
    ctx.setTimer(HEALTH_CHECK_MS, { name: 'health-check' })
  },
}
