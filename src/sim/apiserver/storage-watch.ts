import type { KeyValue, MvccEvent } from '../etcd/mvcc'
import { ERR_COMPACTED } from '../etcd/mvcc'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { EtcdResult } from '../runtime/messages'
import { WATCH_TOO_OLD } from './cache-relist'
import { decodeFromStorage, transformError } from './encryption/storage'
import { callEtcd, prefixRange, prefixWatch } from './etcd-client'
import { sendWatchEvent } from './handle-read'
import { resourceOfKey } from './resources'
import type { ApiServerState } from './state'
import { type ApiError, gone, internalError } from './status'
import { deliveryFor, watcherMatches, type Watcher } from './watch-cache'

/**
 * A WATCH of an uncached resource (Events): no cacher, so the etcd3 store's watcher serves it
 * with an etcd watch of its own, one per client watch.
 * - resourceVersion "" or "0": sync() first: the current state as ADDED events, read in pages of
 *   defaultWatcherMaxLimit keys at one revision, then an etcd watch from that revision + 1;
 * - resourceVersion N: an etcd watch from N + 1 (WithRev, WithPrevKV); a compacted N is etcd's
 *   ErrCompacted, sent to the client as an ERROR event (410 Expired, "The resourceVersion for the
 *   provided watch is too old.", interpretWatchError) and the watch ends;
 * - each etcd event is decoded, filtered by the watch's predicate (ADDED when it starts to
 *   match, DELETED when it stops) and sent; a deleted object carries the deletion's revision.
 * - Any other etcd error ends the watch with an ERROR event (a 500 InternalError,
 *   transformErrorToEvent); the client's closing the watch cancels its etcd watch.
 * Sources: staging/src/k8s.io/apiserver/pkg/storage/etcd3/{watcher.go,errors.go} (v1.32).
 */
export interface StorageWatch {
  watcher: Watcher
  keyPrefix: string
  /** The etcd watch serving it, once etcd created it: on which endpoint, with which id. */
  endpoint?: string | undefined
  watchId?: number | undefined
}

// defaultWatcherMaxLimit, etcd3/watcher.go (v1.32): sync() reads the initial state in pages.
export const SYNC_PAGE_LIMIT = 10_000

/** Starts a client's watch of `keyPrefix` from etcd (`requested` > 0: from that revision on). */
export function startStorageWatch(
  ctx: ActorContext,
  state: ApiServerState,
  watcher: Watcher,
  keyPrefix: string,
  requested: number,
): void {
  const watches = (state.storageWatches ??= {})
  watches[watcher.id] = { watcher, keyPrefix }
  if (requested > 0) {
    watcher.cursor = requested
    return watchFrom(ctx, state, watcher.id, keyPrefix, requested + 1)
  }
  syncPage(ctx, state, watcher.id, keyPrefix, keyPrefix, undefined)
}

function syncPage(
  ctx: ActorContext,
  state: ApiServerState,
  watcherId: string,
  keyPrefix: string,
  key: string,
  revision: number | undefined,
): void {
  callEtcd(
    ctx,
    state,
    prefixRange(keyPrefix, key, SYNC_PAGE_LIMIT, revision ?? 0),
    { kind: 'storage-sync', watcherId, keyPrefix, ...(revision !== undefined ? { revision } : {}) },
    { label: `Range ${key} limit ${String(SYNC_PAGE_LIMIT)} (watch: the current state)` },
  )
}

function watchFrom(
  ctx: ActorContext,
  state: ApiServerState,
  watcherId: string,
  keyPrefix: string,
  startRevision: number,
): void {
  callEtcd(
    ctx,
    state,
    prefixWatch(keyPrefix, startRevision),
    { kind: 'storage-watch', watcherId },
    { label: `Watch ${keyPrefix} from rev ${String(startRevision)}` },
  )
}

function decode(state: ApiServerState, kv: KeyValue): KubeObject | ApiError {
  const read = decodeFromStorage(kv, state.encryption)
  return read.ok ? read.object : internalError(transformError(kv.key, read.error))
}

const isError = (value: KubeObject | ApiError): value is ApiError => 'code' in value

/** One page of sync(): ADDED for each object that matches, then the next page or the watch. */
export function onStorageSync(
  ctx: ActorContext,
  state: ApiServerState,
  continuation: { watcherId: string; keyPrefix: string; revision?: number },
  result: Extract<EtcdResult, { kvs: KeyValue[] }>,
): void {
  const watch = state.storageWatches?.[continuation.watcherId]
  if (!watch) return
  const revision = continuation.revision ?? result.revision
  for (const kv of result.kvs) {
    const object = decode(state, kv)
    if (isError(object)) return endStorageWatch(ctx, state, watch, object)
    if (watcherMatches(watch.watcher, object)) sendWatchEvent(ctx, watch.watcher, 'ADDED', object)
  }
  const last = result.kvs[result.kvs.length - 1]
  if (result.more === true && last !== undefined)
    return syncPage(ctx, state, watch.watcher.id, watch.keyPrefix, `${last.key}\u0000`, revision)
  watch.watcher.cursor = revision
  watchFrom(ctx, state, watch.watcher.id, watch.keyPrefix, revision + 1)
}

/** etcd created the watch; one whose client has left meanwhile is cancelled at once. */
export function onStorageWatchCreated(
  ctx: ActorContext,
  state: ApiServerState,
  watcherId: string,
  endpoint: string,
  watchId: number,
): void {
  const watch = state.storageWatches?.[watcherId]
  if (!watch) return cancelEtcdWatch(ctx, endpoint, watchId)
  watch.endpoint = endpoint
  watch.watchId = watchId
}

function findWatch(state: ApiServerState, endpoint: string, watchId: number) {
  for (const id in state.storageWatches) {
    const watch = state.storageWatches[id] as StorageWatch
    if (watch.watchId === watchId && watch.endpoint === endpoint) return watch
  }
  return undefined
}

/** Events from a client's etcd watch; false when the watch is not one of these. */
export function onStorageWatchEvents(
  ctx: ActorContext,
  state: ApiServerState,
  endpoint: string,
  watchId: number,
  events: readonly MvccEvent[],
): boolean {
  const watch = findWatch(state, endpoint, watchId)
  if (!watch) return false
  for (const event of events) {
    const info = resourceOfKey(event.kv.key)
    const current = event.type === 'PUT' ? decode(state, event.kv) : undefined
    const previous = event.prevKv ? decode(state, event.prevKv) : undefined
    const failed =
      current && isError(current) ? current : previous && isError(previous) ? previous : undefined
    if (failed) {
      endStorageWatch(ctx, state, watch, failed)
      return true
    }
    const before = previous as KubeObject | undefined
    // A deletion is the last state with the deletion's revision (versioner.UpdateObject).
    const object = (current as KubeObject | undefined) ?? withRevision(before, event.kv.modRevision)
    if (!info || !object) continue
    const change = {
      revision: event.kv.modRevision,
      resource: info.resource,
      type: event.type,
      key: event.kv.key,
      object,
      ...(before ? { prevObject: event.type === 'PUT' ? before : object } : {}),
    }
    const delivery = deliveryFor(watch.watcher, change)
    if (delivery) sendWatchEvent(ctx, watch.watcher, delivery.type, delivery.object)
  }
  return true
}

function withRevision(object: KubeObject | undefined, revision: number): KubeObject | undefined {
  if (!object) return undefined
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } }
}

/** An etcd call of a client's watch failed: ErrCompacted is the 410, anything else a 500. */
export function onStorageWatchFailed(
  ctx: ActorContext,
  state: ApiServerState,
  watcherId: string,
  error: string,
): void {
  const watch = state.storageWatches?.[watcherId]
  if (!watch) return
  const status = error === ERR_COMPACTED ? gone(WATCH_TOO_OLD) : internalError(error)
  endStorageWatch(ctx, state, watch, status)
}

/** etcd cancelled a client's watch (no leader): the watch ends with the error. */
export function onStorageWatchCancelled(
  ctx: ActorContext,
  state: ApiServerState,
  endpoint: string,
  watchId: number,
  reason: string,
): boolean {
  const watch = findWatch(state, endpoint, watchId)
  if (!watch) return false
  endStorageWatch(ctx, state, watch, internalError(reason))
  return true
}

/** The ERROR event, then the end of the stream (the watcher's result channel closes). */
function endStorageWatch(
  ctx: ActorContext,
  state: ApiServerState,
  watch: StorageWatch,
  error: ApiError,
): void {
  const { watcher } = watch
  forget(ctx, state, watch)
  ctx.send(
    watcher.client,
    {
      type: 'watch-event',
      requestId: watcher.requestId,
      event: { type: 'ERROR', object: error.status },
    },
    { label: `watch ERROR ${String(error.code)} ${error.status.reason ?? ''}` },
  )
  ctx.send(
    watcher.client,
    { type: 'http-response', requestId: watcher.requestId, code: 200, body: '' },
    { label: 'watch closed' },
  )
}

/** The client closed its watch: its etcd watch is cancelled (clientv3's WatchCancelRequest). */
export function stopStorageWatch(
  ctx: ActorContext,
  state: ApiServerState,
  client: string,
  requestId: number,
): void {
  const watch = state.storageWatches?.[`${client}#${requestId}`]
  if (watch) forget(ctx, state, watch)
}

function forget(ctx: ActorContext, state: ApiServerState, watch: StorageWatch): void {
  delete state.storageWatches?.[watch.watcher.id]
  if (watch.endpoint !== undefined && watch.watchId !== undefined)
    cancelEtcdWatch(ctx, watch.endpoint, watch.watchId)
}

function cancelEtcdWatch(ctx: ActorContext, endpoint: string, watchId: number): void {
  ctx.send(endpoint, { type: 'etcd-watch-cancel', watchId }, { label: 'WatchCancelRequest' })
}

/**
 * The connection to `endpoint` is gone: clientv3 resumes each watch on it on another endpoint,
 * from the revision after the last one it received (a compacted one then ends it with the 410).
 */
export function resumeStorageWatches(
  ctx: ActorContext,
  state: ApiServerState,
  endpoint: string,
): void {
  for (const id of Object.keys(state.storageWatches ?? {}).sort()) {
    const watch = state.storageWatches?.[id]
    if (watch?.endpoint !== endpoint) continue
    watch.endpoint = undefined
    watch.watchId = undefined
    watchFrom(ctx, state, id, watch.keyPrefix, watch.watcher.cursor + 1)
  }
}
