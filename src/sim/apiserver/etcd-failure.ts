import { ERR_COMPACTED, prefixRangeEnd } from '../etcd/mvcc'
import type { ActorContext } from '../runtime/actor'
import { onCacheRelistFailed, onCacheWatchCompacted } from './cache-relist'
import { callEtcd } from './etcd-client'
import { createAuthzIndex } from './authz/authz-index'
import { createWatchCache } from './watch-cache'
import type { EtcdInFlight } from './etcd-client'
import { scheduleRewatch } from './etcd-failover'
import { etcdStepFor } from './handle-write'
import { replyError } from './respond'
import type { ApiServerState, EtcdContinuation } from './state'
import { storageError } from './status'
import { onStorageWatchFailed } from './storage-watch'

// The API server's own start-up calls (fill the cache, create system namespaces) are retried
// until etcd answers, as its storage layer and post-start hooks do.
export const STARTUP_RETRY_MS = 1_000

/**
 * An etcd call failed (etcd's error, or the connection died under it). A client's request gets
 * the error as kube-apiserver passes a storage error through: a 500 whose message is etcd's text,
 * so kubectl prints "Error from server: etcdserver: request timed out".
 */
export function onEtcdFailure(
  ctx: ActorContext,
  state: ApiServerState,
  continuation: EtcdContinuation,
  error: string,
  call: EtcdInFlight | undefined,
): void {
  if ('ref' in continuation) {
    const ref = continuation.ref
    return replyError(ctx, ref.client, ref.requestId, storageError(error), {
      step: etcdStepFor(ref.step),
    })
  }
  switch (continuation.kind) {
    case 'list-page':
    case 'list-revision':
      return replyError(
        ctx,
        continuation.from,
        continuation.request.requestId,
        storageError(error),
        {
          step: continuation.step,
        },
      )
    case 'rewatch':
      // The revision to resume from is compacted: the cacher's reflector relists.
      if (error === ERR_COMPACTED) return onCacheWatchCompacted(ctx, state)
      return scheduleRewatch(ctx, state)
    case 'cache-relist':
      return onCacheRelistFailed(ctx, state, continuation.revision, error)
    case 'init-watch':
      // Compacted between the first list and its watch: list again (the reflector's relist).
      if (error === ERR_COMPACTED) return listAgainAtStart(ctx, state)
      return retryStartup(ctx, continuation, call)
    case 'init-list':
    case 'bootstrap':
      return retryStartup(ctx, continuation, call)
    case 'storage-sync':
    case 'storage-watch':
      return onStorageWatchFailed(ctx, state, continuation.watcherId, error)
    case 'compact':
    case 'compacted':
      return
  }
}

function retryStartup(
  ctx: ActorContext,
  continuation: EtcdContinuation,
  call: EtcdInFlight | undefined,
): void {
  if (call)
    ctx.setTimer(STARTUP_RETRY_MS, {
      name: 'etcd-retry',
      data: { op: call.op, continuation, options: call.options },
    })
}

function listAgainAtStart(ctx: ActorContext, state: ApiServerState): void {
  state.cache = createWatchCache()
  state.authz = createAuthzIndex()
  callEtcd(
    ctx,
    state,
    { op: 'range', key: '/registry/', rangeEnd: prefixRangeEnd('/registry/') },
    { kind: 'init-list' },
    { label: 'Range /registry/ (fill watch cache)' },
  )
}
