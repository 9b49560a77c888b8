import type { ActorContext } from '../runtime/actor'
import { callEtcd, prefixWatch } from './etcd-client'
import type { ApiServerState, EtcdContinuation } from './state'
import { resumeStorageWatches } from './storage-watch'

/** A write that was on a lost connection: its caller gets the gRPC error. */
export interface FailedCall {
  continuation: EtcdContinuation
  error: string
}

// keepaliveTime 30 s and keepaliveTimeout 10 s: "chosen to aggressively detect a failed etcd
// server", k8s.io/apiserver/pkg/storage/storagebackend/factory/etcd3.go (v1.32).
export const KEEPALIVE_MS = 30_000
export const KEEPALIVE_TIMEOUT_MS = 10_000
// A broken connection is redialled with backoff (gRPC starts at 1 s and grows 1.6× up to
// 120 s); we probe a broken endpoint every 5 s.
export const RECONNECT_PROBE_MS = 5_000
// The reflector's watch retry backoff: 800 ms doubling to 30 s (client-go tools/cache
// reflector.go NewReflectorWithOptions, v1.32).
const REWATCH_INITIAL_MS = 800
const REWATCH_MAX_MS = 30_000

// What gRPC says when a connection dies under a call (grpc-go http2_client.go keepalive, and a
// reset by the peer's host when the etcd process is gone).
export const ERR_KEEPALIVE =
  'rpc error: code = Unavailable desc = keepalive ping failed to receive ACK within timeout'
export const ERR_RESET =
  'rpc error: code = Unavailable desc = error reading from server: read: connection reset by peer'

export function startKeepalive(ctx: ActorContext, state: ApiServerState): void {
  ctx.setTimer(KEEPALIVE_MS, { name: 'etcd-keepalive', data: 'healthy' })
  ctx.setTimer(RECONNECT_PROBE_MS, { name: 'etcd-keepalive', data: 'broken' })
  for (const endpoint of state.etcdEndpoints) state.etcdHealth[endpoint] = { healthy: true }
  state.etcdPinned = state.etcdEndpoints[0] ?? state.etcdPinned
  state.etcdInFlight = {}
}

/** Pings every endpoint of the given health; an unanswered ping breaks the connection. */
export function onKeepaliveTimer(ctx: ActorContext, state: ApiServerState, which: string): void {
  const healthy = which === 'healthy'
  for (const endpoint of state.etcdEndpoints) {
    const health = (state.etcdHealth[endpoint] ??= { healthy: true })
    if (health.healthy !== healthy || health.awaitingSeq !== undefined) continue
    const seq = state.nextKeepaliveSeq++
    health.awaitingSeq = seq
    ctx.send(endpoint, { type: 'grpc-ping', seq }, { label: 'keepalive ping' })
    ctx.setTimer(KEEPALIVE_TIMEOUT_MS, { name: 'etcd-keepalive-timeout', data: { endpoint, seq } })
  }
  ctx.setTimer(healthy ? KEEPALIVE_MS : RECONNECT_PROBE_MS, { name: 'etcd-keepalive', data: which })
}

export function onKeepaliveAck(state: ApiServerState, endpoint: string, seq: number): void {
  const health = state.etcdHealth[endpoint]
  if (health?.awaitingSeq !== seq) return
  health.awaitingSeq = undefined
  health.healthy = true
  if (state.etcdHealth[state.etcdPinned]?.healthy !== true) state.etcdPinned = endpoint
}

export function onKeepaliveTimeout(
  ctx: ActorContext,
  state: ApiServerState,
  data: { endpoint: string; seq: number },
): FailedCall[] {
  const health = state.etcdHealth[data.endpoint]
  if (health?.awaitingSeq !== data.seq) return []
  health.awaitingSeq = undefined
  return connectionLost(ctx, state, data.endpoint, ERR_KEEPALIVE)
}

/**
 * The connection to `endpoint` is gone: move to a healthy endpoint, send reads there again
 * (clientv3 retries repeatable calls), fail writes whose outcome is now unknown, and re-watch.
 */
export function connectionLost(
  ctx: ActorContext,
  state: ApiServerState,
  endpoint: string,
  error: string,
): FailedCall[] {
  const failed: FailedCall[] = []
  const health = (state.etcdHealth[endpoint] ??= { healthy: false })
  const wasHealthy = health.healthy
  health.healthy = false
  if (state.etcdPinned === endpoint) {
    const next = state.etcdEndpoints.find((e) => state.etcdHealth[e]?.healthy === true)
    if (next !== undefined) state.etcdPinned = next
  }
  if (wasHealthy)
    ctx.emit({
      type: 'Narrated',
      actor: state.id,
      text: `lost its connection to ${endpoint} (${error}); now using ${state.etcdPinned}`,
    })
  for (const [id, call] of Object.entries(state.etcdInFlight)) {
    if (call.endpoint !== endpoint) continue
    const requestId = Number(id)
    const continuation = state.pendingEtcd[requestId]
    delete state.etcdInFlight[requestId]
    delete state.pendingEtcd[requestId]
    if (!continuation) continue
    const repeatable = call.op.op === 'range' || call.op.op === 'watch' || !('ref' in continuation)
    if (repeatable) callEtcd(ctx, state, call.op, continuation, call.options)
    else failed.push({ continuation, error })
  }
  resumeStorageWatches(ctx, state, endpoint)
  if (state.etcdWatchEndpoint === endpoint) {
    state.etcdWatchId = undefined
    state.etcdWatchEndpoint = undefined
    rewatch(ctx, state)
  }
  return failed
}

/** The watch feeding the cache ended: watch again from the cache's revision, with backoff. */
export function scheduleRewatch(ctx: ActorContext, state: ApiServerState): void {
  state.etcdWatchId = undefined
  state.etcdWatchEndpoint = undefined
  state.rewatchBackoffMs =
    state.rewatchBackoffMs === 0
      ? REWATCH_INITIAL_MS
      : Math.min(REWATCH_MAX_MS, state.rewatchBackoffMs * 2)
  ctx.setTimer(state.rewatchBackoffMs, { name: 'etcd-rewatch' })
}

export function rewatch(ctx: ActorContext, state: ApiServerState): void {
  if (!state.ready || state.etcdWatchId !== undefined || state.cacheReinitializing === true) return
  watchRegistry(ctx, state, state.cache.revision + 1, 'rewatch')
}

/**
 * The watch cache's one etcd watch over /registry/, from `startRevision`: 'init-watch' after the
 * first list, 'rewatch' after a lost connection or a relist.
 */
export function watchRegistry(
  ctx: ActorContext,
  state: ApiServerState,
  startRevision: number,
  kind: 'init-watch' | 'rewatch',
): void {
  callEtcd(
    ctx,
    state,
    prefixWatch('/registry/', startRevision),
    { kind },
    {
      label:
        kind === 'init-watch' ? 'Watch /registry/' : `Watch /registry/ from rev ${startRevision}`,
    },
  )
}
