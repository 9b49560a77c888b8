import { ERR_COMPACTED, type KeyValue } from '../etcd/mvcc'
import { valueLength } from '../etcd/value-pack'
import type { FlowStep } from '../network/types'
import type { ActorContext } from '../runtime/actor'
import { indexStoredChange } from './authz/authz-index'
import { decodeFromStorage } from './encryption/storage'
import { callEtcd, prefixRange } from './etcd-client'
import { watchRegistry } from './etcd-failover'
import type { ApiServerState } from './state'
import { failure, type ApiError } from './status'
import { cachedAt, putListed } from './watch-cache'
import { countUncached, isCachedKey } from './uncached'
import { serveWaitingLists } from './watch-events'

/**
 * The watch cache starting over when its etcd watch can no longer continue (the revision it would
 * resume from was compacted, e.g. after a partition from etcd longer than the compaction
 * interval). Upstream this is the cacher's reflector ending ListAndWatch and startCaching running
 * again:
 * - etcd3/watcher.go: ErrCompacted becomes `errors.NewResourceExpired("The resourceVersion for
 *   the provided watch is too old.")` (errors.go interpretWatchError), sent as an ERROR event;
 * - reflector.go watch(): isExpiredError → `klog.V(4).Infof("%s: watch of %v closed with: %v")`,
 *   return nil: ListAndWatch ends, startCaching's defer marks the cache not ready;
 * - cacher.go NewCacherFromConfig runs startCaching under wait.Until(…, time.Second): one second
 *   later it calls terminateAllWatchers (every client's watch ends) and ListAndWatch again;
 * - reflector.go list(): relistResourceVersion() is the last synced revision; the cacher's pager
 *   (WatchListPageSize) makes it a read at that revision, which etcd answers ErrCompacted, a 410
 *   "The resourceVersion for the provided list is too old." (etcd3/errors.go interpretListError);
 *   isExpiredError → setIsLastSyncResourceVersionUnavailable(true) and the list is retried at
 *   once with resourceVersion "" (etcd's current revision);
 * - watch_cache.go Replace: the buffer is emptied and listResourceVersion set, so the oldest
 *   event a watch can resume from is the list's revision + 1; the cache is ready again and the
 *   reflector watches etcd from there.
 * Sources: staging/src/k8s.io/apiserver/pkg/storage/cacher/{cacher.go,watch_cache.go},
 * storage/etcd3/{watcher.go,errors.go}, client-go/tools/cache/reflector.go (v1.32).
 * One cache for all of /registry/ here, where kube-apiserver has one cacher per resource.
 */

// wait.Until(…, time.Second, stopCh) around startCaching, cacher.go NewCacherFromConfig (v1.32).
export const CACHE_RESTART_PERIOD_MS = 1_000

// etcd3/errors.go (v1.32): what ErrCompacted becomes on a watch and on a list.
export const WATCH_TOO_OLD = 'The resourceVersion for the provided watch is too old.'
export const LIST_TOO_OLD = 'The resourceVersion for the provided list is too old.'

// cacher.go Watch/GetList with ResilientWatchCacheInitialization (beta, on in v1.32):
// errors.NewTooManyRequests("storage is (re)initializing", 1).
export const REINITIALIZING = 'storage is (re)initializing'
export const REINITIALIZING_RETRY_AFTER_S = 1

/** The 429 a watch (or a list the cache must serve) gets while the cache is not ready. */
export function reinitializing(): ApiError {
  return failure(429, 'TooManyRequests', REINITIALIZING, {
    retryAfterSeconds: REINITIALIZING_RETRY_AFTER_S,
  })
}

/** Answers a request with the 429, its Retry-After too (responsewriters set the header). */
export function replyReinitializing(
  ctx: ActorContext,
  to: string,
  requestId: number,
  step?: FlowStep,
): void {
  const error = reinitializing()
  ctx.send(
    to,
    {
      type: 'http-response',
      requestId,
      code: error.code,
      body: error.status,
      retryAfterSeconds: REINITIALIZING_RETRY_AFTER_S,
    },
    { label: '429 Too Many Requests (storage is (re)initializing)', step },
  )
}

/** The watch feeding the cache was refused with ErrCompacted: the cacher starts over. */
export function onCacheWatchCompacted(ctx: ActorContext, state: ApiServerState): void {
  state.etcdWatchId = undefined
  state.etcdWatchEndpoint = undefined
  state.rewatchBackoffMs = 0
  state.cacheReinitializing = true
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `storage/cacher.go:/registry/: watch of /registry/ closed with: ${WATCH_TOO_OLD} The watch cache relists in ${CACHE_RESTART_PERIOD_MS / 1000} s.`,
  })
  ctx.setTimer(CACHE_RESTART_PERIOD_MS, { name: 'cache-relist' })
}

/**
 * startCaching again: end every client's watch, then LIST at the last synced revision, or at
 * etcd's current one once a list at that revision got 410 (isLastSyncResourceVersionUnavailable
 * stays set until a list succeeds).
 */
export function onCacheRelistTimer(
  ctx: ActorContext,
  state: ApiServerState,
  latest: boolean,
): void {
  terminateAllWatchers(ctx, state)
  relist(ctx, state, latest ? undefined : state.cache.revision)
}

function relist(ctx: ActorContext, state: ApiServerState, revision: number | undefined): void {
  const key = '/registry/'
  callEtcd(
    ctx,
    state,
    prefixRange(key, key, 0, revision ?? 0),
    { kind: 'cache-relist', ...(revision !== undefined ? { revision } : {}) },
    {
      label:
        revision !== undefined
          ? `Range /registry/ at rev ${revision} (relist watch cache)`
          : 'Range /registry/ (relist watch cache)',
    },
  )
}

/**
 * cacheWatcher.stopLocked for each: the result channel closes and the watch response ends (a
 * clean end of the stream, not an error); clients watch again from their last resourceVersion.
 */
function terminateAllWatchers(ctx: ActorContext, state: ApiServerState): void {
  const cache = state.cache
  for (const id of Object.keys(cache.watchers).sort()) {
    const watcher = cache.watchers[id]
    if (watcher)
      ctx.send(
        watcher.client,
        { type: 'http-response', requestId: watcher.requestId, code: 200, body: '' },
        { label: 'watch closed (the watch cache relists)' },
      )
  }
  cache.watchers = {}
  cache.byResource = {}
  cache.podsByNode = {}
}

/** The relist's etcd answer. */
export function onCacheRelistFailed(
  ctx: ActorContext,
  state: ApiServerState,
  revision: number | undefined,
  error: string,
): void {
  if (error === ERR_COMPACTED && revision !== undefined) {
    // isExpiredError: relist at once from etcd's current revision (resourceVersion "").
    ctx.emit({
      type: 'Narrated',
      actor: state.id,
      text: `storage/cacher.go:/registry/: list at resourceVersion ${revision}: ${LIST_TOO_OLD} Listing again with resourceVersion "".`,
    })
    return relist(ctx, state, undefined)
  }
  // "failed to list": ListAndWatch returns the error, startCaching logs it and runs again 1 s later.
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `cacher (/registry/): unexpected ListAndWatch error: failed to list /registry/: ${error}; reinitializing...`,
  })
  ctx.setTimer(CACHE_RESTART_PERIOD_MS, {
    name: 'cache-relist',
    ...(revision === undefined ? { data: 'latest' } : {}),
  })
}

/** watchCache.Replace with the list, then the reflector's watch from the list's revision. */
export function onCacheRelisted(
  ctx: ActorContext,
  state: ApiServerState,
  kvs: readonly KeyValue[],
  revision: number,
): void {
  const cache = state.cache
  const listed = new Set<string>()
  state.undecodable = {}
  let bytes = 0
  cache.uncachedCounts = {}
  for (const kv of kvs) {
    if (!isCachedKey(kv.key)) {
      countUncached(cache, kv.key, 1)
      continue
    }
    bytes += valueLength(kv)
    listed.add(kv.key)
    // An object the cache already holds at this revision stays the same (shared) copy.
    if (cachedAt(cache, kv.key, kv.modRevision) !== undefined) continue
    const read = decodeFromStorage(kv, state.encryption)
    if (!read.ok) {
      state.undecodable[kv.key] = read.error
      listed.delete(kv.key)
      continue
    }
    const before = cache.objects.get(kv.key)
    putListed(cache, kv.key, read.object)
    indexStoredChange(state.authz, kv.key, before, read.object)
  }
  for (const key of [...cache.objects.keys()]) {
    if (listed.has(key)) continue
    indexStoredChange(state.authz, key, cache.objects.get(key), undefined)
    cache.objects.delete(key)
  }
  // Replace empties the buffer: a watch may resume from the list's revision on, not before.
  cache.log = []
  cache.logStart = 0
  cache.revision = revision
  cache.oldestRevision = revision
  state.meters.watchCacheBytes = bytes
  state.cacheReinitializing = false
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `cacher (/registry/): initialized at resourceVersion ${revision}; watches from before it now get 410 "too old resource version"`,
  })
  serveWaitingLists(ctx, state)
  watchRegistry(ctx, state, revision + 1, 'rewatch')
}
