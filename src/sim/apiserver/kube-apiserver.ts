import { prefixRangeEnd } from '../etcd/mvcc'
import type { ActorContext, Behaviour, TimerBody } from '../runtime/actor'
import type { EtcdOp, MessageBody } from '../runtime/messages'
import type { Envelope } from '../network/types'
import { callEtcd, type EtcdCallOptions } from './etcd-client'
import { compactEtcd } from './compactor'
import {
  connectionLost,
  ERR_RESET,
  onKeepaliveAck,
  onKeepaliveTimeout,
  onKeepaliveTimer,
  rewatch,
  scheduleRewatch,
  startKeepalive,
  type FailedCall,
} from './etcd-failover'
import { onEtcdFailure } from './etcd-failure'
import { onCacheRelistTimer } from './cache-relist'
import { onEtcdResponse } from './etcd-responses'
import { maybeListPageResponse, meterEtcdResponse } from './list-pages'
import { onEtcdWatchEvents } from './watch-events'
import { handleHttpRequest, serveAdmitted } from './handle-request'
import { onClientCancel, onKubeletChunk, onKubeletResponse, onKubeletTimeout } from './pod-logs'
import { onDeadlineTimer, startDeadline, withTimeoutFilter } from './request-timeout'
import type { ApiServerState, EtcdContinuation } from './state'
import { createWatchCache, removeWatcher } from './watch-cache'
import { onStorageWatchCancelled, onStorageWatchEvents, stopStorageWatch } from './storage-watch'
import { createAuthzIndex } from './authz/authz-index'
import { onExecResponse } from './exec'
import { parseEncryptionConfiguration } from './encryption/config'
import { drainFlowControl, withFlowControl } from './apf/filter'
import { resetFlowControl } from './apf/flow-control'

function failAll(ctx: ActorContext, state: ApiServerState, failed: FailedCall[]): void {
  for (const f of failed) onEtcdFailure(ctx, state, f.continuation, f.error, undefined)
}

// kubeadm-style path of --encryption-provider-config.
export const ENCRYPTION_CONFIG_PATH = '/etc/kubernetes/enc/enc.yaml'

/** Reads --encryption-provider-config at start; a bad file makes the process exit, as it does. */
function loadEncryptionConfig(ctx: ActorContext, state: ApiServerState): boolean {
  const file = state.encryptionConfigFile
  if (file === undefined || file.trim() === '') {
    state.encryption = undefined
    return true
  }
  const parsed = parseEncryptionConfiguration(file, ENCRYPTION_CONFIG_PATH)
  if (parsed.ok) {
    state.encryption = parsed.config
    return true
  }
  state.startError = `Error: ${parsed.error}`
  state.running = false
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `kube-apiserver exited: ${state.startError}`,
  })
  return false
}

/**
 * kube-apiserver: the only component that talks to etcd. On start it lists everything under
 * /registry/ into its watch cache and watches etcd from there; until then requests wait. It is
 * an etcd client with every member as an endpoint, and fails over when its member is gone.
 */
export const kubeApiServer: Behaviour<ApiServerState> = {
  start(ctx, state) {
    // A new process: whatever the old one held in memory is gone (its clients saw the reset).
    state.startError = undefined
    if (!loadEncryptionConfig(ctx, state)) return
    state.ready = false
    state.cacheReinitializing = false
    state.undecodable = {}
    state.cache = createWatchCache()
    state.storageWatches = {}
    state.authz = createAuthzIndex()
    state.tokenCache = {}
    state.pendingEtcd = {}
    state.parked = []
    state.waitingLists = []
    state.etcdWatchId = undefined
    state.etcdWatchEndpoint = undefined
    state.kubeletCalls = {}
    state.openRequests = {}
    state.abandonedRequests = {}
    state.deadlineTimerMs = undefined
    resetFlowControl(state.apf)
    startKeepalive(ctx, state)
    callEtcd(
      ctx,
      state,
      { op: 'range', key: '/registry/', rangeEnd: prefixRangeEnd('/registry/') },
      { kind: 'init-list' },
      { label: 'Range /registry/ (fill watch cache)' },
    )
  },
  onMessage(raw, state, envelope) {
    const ctx = withFlowControl(withTimeoutFilter(raw, state), state)
    onApiServerMessage(ctx, state, envelope)
    drainFlowControl(ctx, state, serveAdmitted)
  },
  onTimer(raw, state, timer) {
    const ctx = withFlowControl(withTimeoutFilter(raw, state), state)
    if (timer.name === 'request-timeout') onDeadlineTimer(withFlowControl(raw, state), state)
    else onApiServerTimer(ctx, state, timer)
    drainFlowControl(ctx, state, serveAdmitted)
  },
}

function onApiServerMessage(
  ctx: ActorContext,
  state: ApiServerState,
  envelope: Envelope<MessageBody>,
): void {
  const body = envelope.body
  switch (body.type) {
    case 'http-request':
      startDeadline(ctx, state, envelope.from, body, envelope.step)
      handleHttpRequest(ctx, state, envelope.from, body, envelope.step)
      return
    case 'exec-response':
      onExecResponse(ctx, state, body)
      return
    case 'etcd-response':
      meterEtcdResponse(state, body.requestId, body.result)
      if (!maybeListPageResponse(ctx, state, body.requestId, body.result))
        onEtcdResponse(ctx, state, body.requestId, body.result)
      return
    case 'etcd-watch-events':
      if (body.watchId === state.etcdWatchId && envelope.from === state.etcdWatchEndpoint)
        onEtcdWatchEvents(ctx, state, body.events)
      else onStorageWatchEvents(ctx, state, envelope.from, body.watchId, body.events)
      return
    case 'etcd-watch-cancelled':
      if (onStorageWatchCancelled(ctx, state, envelope.from, body.watchId, body.reason)) return
      if (body.watchId === state.etcdWatchId && envelope.from === state.etcdWatchEndpoint) {
        ctx.emit({
          type: 'Narrated',
          actor: state.id,
          text: `watch on ${envelope.from} cancelled: ${body.reason}; the cache keeps serving what it has`,
        })
        scheduleRewatch(ctx, state)
      }
      return
    case 'grpc-pong':
      onKeepaliveAck(state, envelope.from, body.seq)
      return
    case 'watch-stop':
      removeWatcher(state.cache, envelope.from, body.requestId)
      stopStorageWatch(ctx, state, envelope.from, body.requestId)
      return
    case 'connection-reset':
      failAll(ctx, state, connectionLost(ctx, state, envelope.from, ERR_RESET))
      return
    // Requests proxied to kubelets (pods/log) and their streams.
    case 'http-response':
      onKubeletResponse(ctx, state, body)
      return
    case 'http-chunk':
      onKubeletChunk(ctx, state, body)
      return
    case 'http-cancel':
      onClientCancel(ctx, state, envelope.from, body)
      return
    default:
      return
  }
}

function onApiServerTimer(ctx: ActorContext, state: ApiServerState, timer: TimerBody): void {
  switch (timer.name) {
    case 'compact': {
      compactEtcd(ctx, state)
      return
    }
    case 'etcd-keepalive': {
      onKeepaliveTimer(ctx, state, timer.data as string)
      return
    }
    case 'etcd-keepalive-timeout': {
      failAll(
        ctx,
        state,
        onKeepaliveTimeout(ctx, state, timer.data as { endpoint: string; seq: number }),
      )
      return
    }
    case 'etcd-rewatch': {
      rewatch(ctx, state)
      return
    }
    case 'cache-relist':
      onCacheRelistTimer(ctx, state, timer.data === 'latest')
      return
    case 'kubelet-timeout':
      onKubeletTimeout(ctx, state, Number(timer.data))
      return
    case 'etcd-retry': {
      const data = timer.data as {
        op: EtcdOp
        continuation: EtcdContinuation
        options: EtcdCallOptions
      }
      callEtcd(ctx, state, data.op, data.continuation, data.options)
      return
    }
    default:
      return
  }
}
