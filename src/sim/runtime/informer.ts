import { boundedIntern } from '../core/bounded-intern'
import { nextFloat, type RngState } from '../core/rng'
import { objectKey, type KubeObject } from '../model/objects'
import type { FlowStep } from '../network/types'
import type { ActorContext, TimerBody } from './actor'
import { callApi, type ApiClientState, type PendingCall } from './api-client'
import {
  clearIndices,
  createIndices,
  reindex,
  type IndexName,
  type InformerIndices,
} from './informer-index'
import type { HttpResponse, WatchEventMessage, WatchEventType } from './messages'

/**
 * client-go's list-then-watch informer, reduced to its contract: LIST a collection, remember its
 * resourceVersion, WATCH from there, keep a local cache, and relist when the watch expires (410).
 * Source: staging/src/k8s.io/client-go/tools/cache/reflector.go ListAndWatch (v1.32)
 */
export interface InformerState {
  name: string
  path: string
  fieldSelector?: string
  items: Map<string, KubeObject>
  resourceVersion: string
  synced: boolean
  watchRequestId?: number
  /** Secondary indexes kept over `items` (client-go Indexers), when asked for. */
  indices?: InformerIndices
  /** After a relist, report unchanged objects as MODIFIED too (client-go's Replace resync). */
  resyncOnRelist?: boolean
  /** The reflector's back-off before the next relist after a failure (0 when healthy). */
  backoffMs?: number
  /** When the back-off was last armed: two minutes without a failure start it again at 800 ms. */
  backoffAtMs?: number
  /** A relist timer is armed (so a burst of failures arms one). */
  relistArmed?: boolean
  /**
   * isLastSyncResourceVersionUnavailable: a list at `resourceVersion` got 410, so the next list
   * asks for the latest ("") instead.
   */
  lastSyncUnavailable?: boolean
  /** When the current watch was opened and from which resourceVersion ("very short watch"). */
  watchStartedMs?: number
  watchFromRv?: string
}

/** Options for an informer beyond its path and field selector. */
export interface InformerOptions {
  indexes?: readonly IndexName[]
  resyncOnRelist?: boolean
}

// The reflector's back-off: 800 ms doubling to 30 s, jitter 1.0, reset after 2 min of health.
// Source: staging/src/k8s.io/client-go/tools/cache/reflector.go NewReflectorWithOptions (v1.32)
const RELIST_INITIAL_BACKOFF_MS = 800
const RELIST_MAX_BACKOFF_MS = 30_000
// wait.NewExponentialBackoffManager's resetDuration: a failure more than 2 min after the last
// back-off starts again at 800 ms (apimachinery util/wait/backoff.go getNextBackoff); a relist
// that succeeds does not reset it, so a watch that keeps failing right after its list backs off
// further each time.
const RELIST_BACKOFF_RESET_MS = 120_000

export interface InformerChange {
  type: WatchEventType
  object: KubeObject
  old?: KubeObject
}

export function createInformer(
  name: string,
  path: string,
  fieldSelector?: string,
  options: InformerOptions = {},
): InformerState {
  const informer: InformerState = {
    name,
    path,
    items: new Map(),
    resourceVersion: '',
    synced: false,
  }
  if (fieldSelector !== undefined) informer.fieldSelector = fieldSelector
  if (options.indexes) informer.indices = createIndices(options.indexes)
  if (options.resyncOnRelist) informer.resyncOnRelist = true
  return informer
}

/** Objects whose index `index` has value `value` (ByIndex), in no particular order. */
export function byIndex(informer: InformerState, index: IndexName, value: string): KubeObject[] {
  const keys = informer.indices?.[index]?.get(value)
  if (!keys) return []
  const out: KubeObject[] = []
  for (const key of keys) {
    const object = informer.items.get(key)
    if (object) out.push(object)
  }
  return out
}

/** Forgets everything (a process restart, or losing leadership): the next start lists afresh. */
export function resetInformer(informer: InformerState): void {
  informer.items = new Map()
  informer.resourceVersion = ''
  informer.synced = false
  delete informer.watchRequestId
  delete informer.backoffMs
  delete informer.backoffAtMs
  delete informer.relistArmed
  delete informer.lastSyncUnavailable
  if (informer.indices) clearIndices(informer.indices)
}

/**
 * The list or watch failed (connection refused or reset, an error status): relist after the
 * reflector's back-off, doubling up to 30 s with up to 100% jitter.
 */
export function scheduleRelist(
  ctx: ActorContext,
  rng: RngState,
  informer: InformerState,
  then: 'relist' | 'rewatch' = 'relist',
): void {
  delete informer.watchRequestId
  if (informer.relistArmed) return
  const recent =
    informer.backoffAtMs !== undefined &&
    ctx.nowMs - informer.backoffAtMs <= RELIST_BACKOFF_RESET_MS
  const previous = recent ? informer.backoffMs : undefined
  const base =
    previous === undefined
      ? RELIST_INITIAL_BACKOFF_MS
      : Math.min(RELIST_MAX_BACKOFF_MS, previous * 2)
  informer.backoffMs = base
  informer.backoffAtMs = ctx.nowMs
  informer.relistArmed = true
  ctx.setTimer(Math.round(base * (1 + nextFloat(rng))), {
    name: then === 'relist' ? 'informer-relist' : 'informer-rewatch',
    data: informer.name,
  })
}

/**
 * relistResourceVersion (reflector.go, v1.32): the first list asks for "0" (the watch cache as it
 * is, limit ignored); a relist for the last synced resourceVersion without a limit (the pager's
 * PageSize is 0 then, "to force listing from watch cache"), served from the cache at least that
 * fresh; after a 410 on that, for "" (the latest). The reflector pages "" with limit 500 from
 * etcd; here it is one list (the informer reads no continue tokens), a consistent read.
 */
function listQuery(informer: InformerState): Record<string, string> {
  if (informer.lastSyncUnavailable === true) return { resourceVersion: '' }
  if (informer.resourceVersion === '') return { limit: '500', resourceVersion: '0' }
  return { resourceVersion: informer.resourceVersion }
}

const selectorQuery = (informer: InformerState): Record<string, string> =>
  informer.fieldSelector !== undefined ? { fieldSelector: informer.fieldSelector } : {}

export function startInformer(
  ctx: ActorContext,
  client: ApiClientState,
  informer: InformerState,
): void {
  informer.synced = false
  if (informer.watchRequestId !== undefined) client.pending.delete(informer.watchRequestId)
  delete informer.watchRequestId
  callApi(
    ctx,
    client,
    {
      method: 'GET',
      path: informer.path,
      query: { ...selectorQuery(informer), ...listQuery(informer) },
    },
    { purpose: 'informer-list', data: informer.name },
  )
}

/**
 * Applies a LIST response: replaces the cache and starts the watch. Returns the changes a
 * handler should see (objects that appeared, changed or vanished since the last list).
 */
export function onInformerList(
  ctx: ActorContext,
  host: InformerHost,
  informer: InformerState,
  response: HttpResponse,
  watchStep?: FlowStep,
): InformerChange[] {
  if (response.code === 410 && informer.lastSyncUnavailable !== true) {
    // isExpiredError: setIsLastSyncResourceVersionUnavailable(true), list again at once for "".
    informer.lastSyncUnavailable = true
    startInformer(ctx, host.client, informer)
    return []
  }
  if (response.code !== 200) {
    scheduleRelist(ctx, host.rng, informer)
    return []
  }
  delete informer.lastSyncUnavailable
  const list = response.body as { items?: KubeObject[]; metadata?: { resourceVersion?: string } }
  const previous = informer.items
  informer.items = new Map()
  const changes: InformerChange[] = []
  for (const item of list.items ?? []) {
    const key = sharedKey(item)
    informer.items.set(key, item)
    const old = previous.get(key)
    if (informer.indices) reindex(informer.indices, key, old, item)
    if (!old) changes.push({ type: 'ADDED', object: item })
    else if (
      old.metadata?.resourceVersion !== item.metadata?.resourceVersion ||
      informer.resyncOnRelist === true
    )
      changes.push({ type: 'MODIFIED', object: item, old })
  }
  for (const [key, old] of previous) {
    if (informer.items.has(key)) continue
    if (informer.indices) reindex(informer.indices, key, old, undefined)
    changes.push({ type: 'DELETED', object: old })
  }
  informer.resourceVersion = list.metadata?.resourceVersion ?? ''
  informer.synced = true
  startWatch(ctx, host, informer, watchStep)
  return changes
}

// Every informer that caches an object keys it by the same namespace/name (MetaNamespaceKeyFunc):
// one string for all of them (a Pod's key in its kubelet's, the scheduler's and the controller
// manager's caches and indexes) instead of a new one per informer and per event. A memo of
// identity only, outside the sim state (core/bounded-intern.ts): the values are the same.
const internedKey = boundedIntern<string>(65_536, 'runtime/informer.ts internedKey')

function sharedKey(object: KubeObject): string {
  const key = objectKey(object)
  return internedKey(key, key)
}

/** A WATCH from the informer's resourceVersion (LastSyncResourceVersion). */
function startWatch(
  ctx: ActorContext,
  host: InformerHost,
  informer: InformerState,
  watchStep?: FlowStep,
): void {
  informer.watchStartedMs = ctx.nowMs
  informer.watchFromRv = informer.resourceVersion
  informer.watchRequestId = callApi(
    ctx,
    host.client,
    {
      method: 'GET',
      path: informer.path,
      query: {
        ...selectorQuery(informer),
        watch: '1',
        resourceVersion: informer.resourceVersion,
        allowWatchBookmarks: 'true',
      },
      step: watchStep,
    },
    { purpose: 'informer-watch', data: informer.name },
  )
}

/** Applies one watch event to the cache; returns the change, or undefined for bookmarks/errors. */
export function onInformerEvent(
  ctx: ActorContext,
  host: InformerHost,
  informer: InformerState,
  message: WatchEventMessage,
): InformerChange | undefined {
  const { type, object } = message.event
  if (type === 'ERROR') {
    // 410 Gone "too old resource version" (isExpiredError: "watch of … closed with"), or another
    // error ("ended with"): the watch returns, ListAndWatch ends, and BackoffUntil relists after
    // its back-off, at the last synced resourceVersion (reflector.go watch, Run; v1.32).
    scheduleRelist(ctx, host.rng, informer)
    return undefined
  }
  const item = object as KubeObject
  informer.resourceVersion = item.metadata?.resourceVersion ?? informer.resourceVersion
  if (type === 'BOOKMARK') return undefined
  const key = sharedKey(item)
  const old = informer.items.get(key)
  if (type === 'DELETED') informer.items.delete(key)
  else informer.items.set(key, item)
  if (informer.indices) reindex(informer.indices, key, old, type === 'DELETED' ? undefined : item)
  return old ? { type, object: item, old } : { type, object: item }
}

/** The informer a watch event belongs to, among an actor's informers. */
export function informerForWatch(
  informers: Record<string, InformerState>,
  requestId: number,
): InformerState | undefined {
  // A loop, not Object.values(...).find: no array and closure per watch event delivered.
  for (const name in informers) {
    const informer = informers[name]
    if (informer?.watchRequestId === requestId) return informer
  }
  return undefined
}

/** An actor that keeps informers: its API client and its informers by name. */
export interface InformerHost {
  client: ApiClientState
  informers: Record<string, InformerState>
  /** The actor's own random stream, for the relist back-off's jitter. */
  rng: RngState
}

/** Starts every informer of an actor (list, then watch). */
export function startInformers(ctx: ActorContext, host: InformerHost): void {
  for (const informer of Object.values(host.informers)) startInformer(ctx, host.client, informer)
}

/**
 * Handles a response if it answers one of the actor's informer LISTs; returns the informer and
 * the changes its handlers should see, or undefined for any other response.
 */
export function onInformerResponse(
  ctx: ActorContext,
  host: InformerHost,
  pending: PendingCall,
  response: HttpResponse,
): { informer: string; changes: InformerChange[] } | undefined {
  if (pending.purpose === 'informer-watch') {
    const informer = host.informers[String(pending.data)]
    if (informer?.watchRequestId === response.requestId) onWatchEnded(ctx, host, informer, response)
    return { informer: String(pending.data), changes: [] }
  }
  if (pending.purpose !== 'informer-list') return undefined
  const informer = host.informers[String(pending.data)]
  if (!informer) return undefined
  return { informer: informer.name, changes: onInformerList(ctx, host, informer, response) }
}

/** Applies a watch event to the informer it belongs to; returns the change, if any. */
export function onInformerWatch(
  ctx: ActorContext,
  host: InformerHost,
  message: WatchEventMessage,
): { informer: string; change: InformerChange } | undefined {
  const informer = informerForWatch(host.informers, message.requestId)
  const change = informer ? onInformerEvent(ctx, host, informer, message) : undefined
  return informer && change ? { informer: informer.name, change } : undefined
}

/**
 * The watch request ended (reflector.go watch/handleAnyWatch, v1.32): a clean end of the stream
 * (the server closed it, as the watch cache does when it relists) is watched again at once from
 * the last resourceVersion, unless it was a "very short watch" (under 1 s, nothing received),
 * which relists; a 429 left after the REST client's retries backs off and watches again
 * (isWatchErrorRetriable); anything else (the connection reset, an error status) relists.
 */
function onWatchEnded(
  ctx: ActorContext,
  host: InformerHost,
  informer: InformerState,
  response: HttpResponse,
): void {
  const veryShort =
    ctx.nowMs - (informer.watchStartedMs ?? -Infinity) < 1_000 &&
    informer.resourceVersion === informer.watchFromRv
  if (response.code === 200 && !veryShort) return startWatch(ctx, host, informer)
  scheduleRelist(ctx, host.rng, informer, response.code === 429 ? 'rewatch' : 'relist')
}

/** Handles an informer's relist or rewatch timer; returns whether it was one. */
export function onInformerTimer(ctx: ActorContext, host: InformerHost, timer: TimerBody): boolean {
  if (timer.name !== 'informer-relist' && timer.name !== 'informer-rewatch') return false
  const informer = host.informers[String(timer.data)]
  if (informer?.relistArmed) {
    informer.relistArmed = false
    if (timer.name === 'informer-rewatch' && informer.synced) startWatch(ctx, host, informer)
    else startInformer(ctx, host.client, informer)
  }
  return true
}
