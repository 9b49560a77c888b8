import { prefixRangeEnd } from '../etcd/mvcc'
import type { Behaviour } from '../runtime/actor'
import { callEtcd } from './etcd-client'
import { compactEtcd } from './bootstrap'
import { onEtcdResponse, onEtcdWatchEvents } from './etcd-responses'
import { handleHttpRequest } from './handle-request'
import type { ApiServerState } from './state'
import { createWatchCache } from './watch-cache'

/**
 * kube-apiserver: the only component that talks to etcd. On start it lists everything under
 * /registry/ into its watch cache and watches etcd from there; until then requests wait.
 */
export const kubeApiServer: Behaviour<ApiServerState> = {
  start(ctx, state) {
    state.ready = false
    state.cache = createWatchCache()
    state.pendingEtcd = {}
    state.waitingLists = []
    callEtcd(
      ctx,
      state,
      { op: 'range', key: '/registry/', rangeEnd: prefixRangeEnd('/registry/') },
      { kind: 'init-list' },
      { label: 'Range /registry/ (fill watch cache)' },
    )
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    switch (body.type) {
      case 'http-request':
        handleHttpRequest(ctx, state, envelope.from, body, envelope.step)
        return
      case 'etcd-response':
        onEtcdResponse(ctx, state, body.requestId, body.result)
        return
      case 'etcd-watch-events':
        if (body.watchId === state.etcdWatchId) onEtcdWatchEvents(ctx, state, body.events)
        return
      default:
        return
    }
  },
  onTimer(ctx, state, timer) {
    if (timer.name === 'compact') compactEtcd(ctx, state)
  },
}
