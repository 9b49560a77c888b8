import type { KeyValue, MvccEvent } from '../etcd/mvcc'
import { valueLength } from '../etcd/value-pack'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { indexStoredChange } from './authz/authz-index'
import { checkPolicyBootstrapped } from './bootstrap'
import { decodeFromStorage } from './encryption/storage'
import { jsonLengthWithRv, knownEncoding, takeOwnWrite } from './codec'
import { knownJsonBytes } from './apf/meters'
import { sendWatchEvent, serveList } from './handle-read'
import { parsePath } from './path'
import { resourceOfKey } from './resources'
import type { ApiServerState } from './state'
import { applyChange, cachedAt, deliveriesFor } from './watch-cache'
import { countUncached, isCachedKey } from './uncached'

function withRv(object: KubeObject, revision: number): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } }
}

/** A stored value as an object: the cache's copy when it holds that revision, else decoded. */
function read(state: ApiServerState, kv: KeyValue): KubeObject | undefined {
  const cached = cachedAt(state.cache, kv.key, kv.modRevision)
  if (cached) return cached
  const r = decodeFromStorage(kv, state.encryption)
  return r.ok ? r.object : undefined
}

/**
 * A new value, decoded. When it is text this server wrote (codec.ts), its size and encoding
 * follow from the text: the watch events and a later update's no-op check need not encode it.
 */
function readPut(state: ApiServerState, kv: KeyValue): KubeObject | undefined {
  const object = read(state, kv)
  if (object && takeOwnWrite(kv)) {
    knownJsonBytes(object, jsonLengthWithRv(valueLength(kv), object, kv.modRevision))
    knownEncoding(object, kv)
  }
  return object
}

/** Applies etcd watch events to the cache and fans each out to the watchers that care. */
export function onEtcdWatchEvents(
  ctx: ActorContext,
  state: ApiServerState,
  events: MvccEvent[],
): void {
  for (const event of events) {
    meterWatchEvent(state, event)
    const info = resourceOfKey(event.kv.key)
    if (!info) continue
    // This one watch spans /registry/; an uncached resource's change is only counted.
    if (!isCachedKey(event.kv.key)) {
      if (event.type === 'DELETE') countUncached(state.cache, event.kv.key, -1)
      else if (event.prevKv === undefined) countUncached(state.cache, event.kv.key, 1)
      continue
    }
    const key = event.kv.key
    const stored =
      event.type === 'PUT' ? readPut(state, event.kv) : read(state, event.prevKv ?? event.kv)
    const prevObject = event.prevKv ? read(state, event.prevKv) : undefined
    if (!stored) {
      // A value this server cannot decrypt: it cannot be served (the real cacher fails too).
      const failed = decodeFromStorage(
        event.type === 'PUT' ? event.kv : (event.prevKv ?? event.kv),
        state.encryption,
      )
      if (event.type === 'PUT' && !failed.ok) state.undecodable[key] = failed.error
      else delete state.undecodable[key]
      continue
    }
    delete state.undecodable[key]
    const object = event.type === 'PUT' ? stored : withRv(stored, event.kv.modRevision)
    const cacheEvent = {
      revision: event.kv.modRevision,
      resource: info.resource,
      type: event.type,
      key,
      object,
      ...(prevObject ? { prevObject } : {}),
    }
    const before = state.cache.objects.get(key)
    applyChange(state.cache, cacheEvent)
    indexStoredChange(state.authz, key, before, event.type === 'PUT' ? object : undefined)
    for (const delivery of deliveriesFor(state.cache, cacheEvent))
      sendWatchEvent(ctx, delivery.watcher, delivery.type, delivery.object)
  }
  serveWaitingLists(ctx, state)
  checkPolicyBootstrapped(ctx, state)
}

export function serveWaitingLists(ctx: ActorContext, state: ApiServerState): void {
  const ready = state.waitingLists.filter((w) => w.revision <= state.cache.revision)
  state.waitingLists = state.waitingLists.filter((w) => w.revision > state.cache.revision)
  for (const w of ready) {
    const parsed = parsePath(w.request.path)
    if (parsed.ok)
      serveList(ctx, state, w.from, w.request, parsed.path.info, parsed.path.namespace, w.step)
  }
}

/** The watch stream's bytes, and the cache's size as the change will leave it. */
function meterWatchEvent(state: ApiServerState, event: MvccEvent): void {
  const length = valueLength(event.kv)
  state.meters.etcdWatchBytes += event.kv.key.length + length
  if (!isCachedKey(event.kv.key)) return
  const before = event.prevKv ? valueLength(event.prevKv) : 0
  state.meters.watchCacheBytes += event.type === 'PUT' ? length - before : -before
}
