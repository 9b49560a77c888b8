import { freezeShared } from '../core/share-clone'
import type { KubeObject } from '../model/objects'
import type { WatchEventType } from '../runtime/messages'
import { resourceOfKey } from './resources'
import { familyOf, internParts, shareEqualParts } from './shared-structure'

/**
 * The API server's watch cache: decoded current objects plus one shared log of recent changes.
 * Every watcher reads the same log from its own cursor (a resourceVersion), so a change is
 * decoded once however many components watch. Pod watchers with a spec.nodeName field selector
 * are indexed by node name, so a change to one pod reaches its kubelet without scanning the
 * other 4,999 kubelets' watches (the real cacher does the same with its "trigger" index).
 * Source: staging/src/k8s.io/apiserver/pkg/storage/cacher/{cacher.go,watch_cache.go} (v1.32)
 * It holds every resource but Events, whose watch cache size is 0 in kube-apiserver: they are
 * read from etcd and only counted here (uncached.ts, storage-watch.ts).
 *
 * Invariant: log revisions strictly increase; revision >= every logged revision.
 * Invariant: cached objects are frozen (freezeShared): the cache, its log, every watcher's
 * informer and every checkpoint share one decoded copy of each stored revision, so nothing
 * downstream may change one in place (a change is a new object, as client-go asks of informer
 * caches: "treat as read-only").
 */
export interface CacheEvent {
  revision: number
  resource: string
  type: 'PUT' | 'DELETE'
  key: string
  object: KubeObject
  prevObject?: KubeObject
}

export interface Watcher {
  id: string
  client: string
  /** The client behind a load balancer (client is then the balancer), for narration. */
  origin?: string
  requestId: number
  resource: string
  namespace?: string
  nodeName?: string
  /** A single object's name (fieldSelector metadata.name=…), as kubectl get NAME -w watches. */
  name?: string
  /** The client asked for Table rows (kubectl get -w); headers go only with the first event. */
  table?: { headersSent: boolean }
  /** Last revision delivered to this watcher. */
  cursor: number
}

export interface WatchCacheState {
  revision: number
  objects: Map<string, KubeObject>
  /** The change log; entries before `logStart` are trimmed and wait to be cut in one splice. */
  log: CacheEvent[]
  logStart: number
  /**
   * A watch from below this resourceVersion is "too old" (410): the list's revision until an
   * event is trimmed, then one below the oldest event kept (watch_cache.go "oldest-1").
   */
  oldestRevision: number
  watchers: Record<string, Watcher>
  /** Watcher ids per resource, for watchers without a node index. */
  byResource: Record<string, string[]>
  /** Pod watcher ids per spec.nodeName value. */
  podsByNode: Record<string, string[]>
  /** The last object cached per family (shared-structure.ts): what a new sibling shares parts with. */
  families: Map<string, KubeObject>
  /** Objects of uncached resources (Events) per key directory: counted, not held (uncached.ts). */
  uncachedCounts: Record<string, number>
}

// Capacity bounded like the real cache (100 … 102,400 events); a fixed 10,000 keeps 75 s of
// history at this simulation's rates. Source: defaultUpperBoundCapacity, watch_cache.go (v1.32)
export const LOG_CAPACITY = 10_000
// Trimmed entries are cut in one splice once this many have piled up: splicing the front of a
// 10,000-entry array on every change cost O(capacity) per event (2% of a 1,000-node fill).
const TRIM_BATCH = 1_024

export function createWatchCache(): WatchCacheState {
  return {
    revision: 0,
    objects: new Map(),
    log: [],
    logStart: 0,
    oldestRevision: 0,
    watchers: {},
    byResource: {},
    podsByNode: {},
    families: new Map(),
    uncachedCounts: {},
  }
}

/**
 * The cached object of `key` if it is the one stored at `modRevision`: a change's previous
 * value is, nearly always, what the cache holds already, and sharing it saves decoding (and
 * keeping) a second copy.
 */
export function cachedAt(
  cache: WatchCacheState,
  key: string,
  modRevision: number,
): KubeObject | undefined {
  const object = cache.objects.get(key)
  return object?.metadata?.resourceVersion === String(modRevision) ? object : undefined
}

/** Puts an object the API server's initial LIST read (frozen, like every cached object). */
export function putListed(cache: WatchCacheState, key: string, object: KubeObject): void {
  cache.objects.set(key, freezeShared(object))
}

/**
 * Appends a change from etcd; trims the log to its capacity. The event is frozen: what the cache
 * holds is shared with every watcher's informer and never changed (client-go's rule: copy an
 * object from a cache before changing it), so checkpoints share it instead of copying it.
 */
export function applyChange(cache: WatchCacheState, event: CacheEvent): void {
  if (event.type === 'PUT') shareWithFamily(cache, event)
  else forgetFamilyOf(cache, event)
  freezeShared(event)
  if (event.type === 'PUT') cache.objects.set(event.key, event.object)
  else cache.objects.delete(event.key)
  cache.log.push(event)
  cache.revision = event.revision
  if (cache.log.length - cache.logStart > LOG_CAPACITY) {
    cache.logStart = cache.log.length - LOG_CAPACITY
    // One below the oldest kept event, as getAllEventsSinceLocked's "oldest-1" once an event
    // has been removed (watch_cache.go, v1.32): a watch from below it gets "too old".
    cache.oldestRevision = (cache.log[cache.logStart] as CacheEvent).revision - 1
    if (cache.logStart >= TRIM_BATCH) {
      cache.log.splice(0, cache.logStart)
      cache.logStart = 0
    }
  }
}

/**
 * A new decoded Pod keeps its family's (a sibling's) equal parts, and else its previous
 * revision's parts that did not change, instead of its own copies (shared-structure.ts). Any
 * other object keeps its previous revision's unchanged parts. The object itself stays its own
 * (its resourceVersion is its own; side tables key on it).
 */
function shareWithFamily(cache: WatchCacheState, event: CacheEvent): void {
  const object = event.object as Record<string, unknown>
  if (Object.isFrozen(object)) return
  const family = familyOf(event.resource, event.object)
  const previous = event.prevObject as Record<string, unknown> | undefined
  if (family === undefined && event.resource !== 'pods') {
    // A Lease renewal (most changes at scale) changes its renewTime and resourceVersion only, and
    // the log keeps every revision in its window (about ten of each node's Lease): each keeps
    // its own root, metadata and spec, and shares its owner, uid, times and names with the last.
    if (previous !== undefined) shareTopLevel(object, previous)
    return
  }
  const sibling = (family === undefined ? undefined : cache.families.get(family)) as
    Record<string, unknown> | undefined
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue
    let part = object[key]
    if (sibling !== undefined) part = shareEqualParts(part, sibling[key], true)
    if (previous !== undefined) part = shareEqualParts(part, previous[key], true)
    object[key] = internParts(part)
  }
  if (family !== undefined) cache.families.set(family, event.object)
}

function shareTopLevel(object: Record<string, unknown>, previous: Record<string, unknown>): void {
  for (const key in object)
    if (Object.hasOwn(object, key)) object[key] = shareEqualParts(object[key], previous[key], true)
}

/** A deleted object stops being its family's template (a deleted ReplicaSet's Pods go for good). */
function forgetFamilyOf(cache: WatchCacheState, event: CacheEvent): void {
  const gone = cache.objects.get(event.key)
  const family = gone && familyOf(event.resource, gone)
  if (family !== undefined && cache.families.get(family) === gone) cache.families.delete(family)
}

/** The cache's current copy of one object (shared: never mutate it), if it has one. */
export function cachedObject(cache: WatchCacheState, key: string): KubeObject | undefined {
  return cache.objects.get(key)
}

/** The live log (at most LOG_CAPACITY events, oldest first). */
export function logEvents(cache: WatchCacheState): readonly CacheEvent[] {
  return cache.logStart === 0 ? cache.log : cache.log.slice(cache.logStart)
}

const podNodeName = (object: KubeObject | undefined): string =>
  (object?.['spec'] as { nodeName?: string } | undefined)?.nodeName ?? ''

export function addWatcher(cache: WatchCacheState, watcher: Watcher): void {
  cache.watchers[watcher.id] = watcher
  const index =
    watcher.resource === 'pods' && watcher.nodeName !== undefined
      ? (cache.podsByNode[watcher.nodeName] ??= [])
      : (cache.byResource[watcher.resource] ??= [])
  index.push(watcher.id)
}

export function removeWatchersOf(cache: WatchCacheState, client: string): void {
  for (const [id, w] of Object.entries(cache.watchers)) {
    if (w.client !== client) continue
    delete cache.watchers[id]
    const index =
      w.resource === 'pods' && w.nodeName !== undefined
        ? cache.podsByNode[w.nodeName]
        : cache.byResource[w.resource]
    if (index) index.splice(index.indexOf(id), 1)
  }
}

/** The client closed one watch stream. */
export function removeWatcher(cache: WatchCacheState, client: string, requestId: number): void {
  // Watch ids are "<client>#<requestId>" (handle-read.ts): look it up before scanning them all.
  const direct = cache.watchers[`${client}#${requestId}`]
  const found =
    direct?.client === client && direct.requestId === requestId
      ? direct
      : Object.values(cache.watchers).find((w) => w.client === client && w.requestId === requestId)
  if (!found) return
  delete cache.watchers[found.id]
  const index =
    found.resource === 'pods' && found.nodeName !== undefined
      ? cache.podsByNode[found.nodeName]
      : cache.byResource[found.resource]
  if (index) index.splice(index.indexOf(found.id), 1)
}

function matches(watcher: Watcher, object: KubeObject | undefined): boolean {
  if (!object) return false
  if (watcher.namespace !== undefined && object.metadata?.namespace !== watcher.namespace)
    return false
  if (watcher.nodeName !== undefined && podNodeName(object) !== watcher.nodeName) return false
  if (watcher.name !== undefined && object.metadata?.name !== watcher.name) return false
  return true
}

/** A watch event for one watcher, or undefined when the change is invisible to it. */
export interface Delivery {
  watcher: Watcher
  type: WatchEventType
  object: KubeObject
}

/**
 * Who must hear about `event`, and as what: a change that makes an object start matching a
 * watcher's selector is ADDED for it, one that makes it stop matching is DELETED (as the real
 * cacher's filtering does).
 */
export function deliveriesFor(cache: WatchCacheState, event: CacheEvent): Delivery[] {
  const ids = [...(cache.byResource[event.resource] ?? [])]
  if (event.resource === 'pods') {
    const now = podNodeName(event.object)
    const before = podNodeName(event.prevObject)
    ids.push(...(cache.podsByNode[now] ?? []))
    if (before !== now) ids.push(...(cache.podsByNode[before] ?? []))
  }
  const out: Delivery[] = []
  for (const id of ids) {
    const watcher = cache.watchers[id]
    if (!watcher) continue
    const delivery = deliveryFor(watcher, event)
    if (delivery) out.push(delivery)
  }
  return out
}

/** What one watcher sees of one change; advances its cursor. */
export function deliveryFor(watcher: Watcher, event: CacheEvent): Delivery | undefined {
  if (watcher.cursor >= event.revision || watcher.resource !== event.resource) return undefined
  watcher.cursor = event.revision
  const matchedBefore = matches(watcher, event.prevObject)
  const matchesNow = event.type === 'PUT' && matches(watcher, event.object)
  if (matchesNow)
    return { watcher, type: matchedBefore ? 'MODIFIED' : 'ADDED', object: event.object }
  if (matchedBefore) return { watcher, type: 'DELETED', object: event.prevObject ?? event.object }
  return undefined
}

/** Log events after `revision` for a new watch, or 'expired' when the log no longer has them. */
export function eventsAfter(cache: WatchCacheState, revision: number): CacheEvent[] | 'expired' {
  if (revision < cache.oldestRevision) return 'expired'
  // Revisions strictly increase along the log: binary-search the first one after `revision`.
  let lo = cache.logStart
  let hi = cache.log.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((cache.log[mid] as CacheEvent).revision > revision) hi = mid
    else lo = mid + 1
  }
  return cache.log.slice(lo)
}

/** Current objects of one resource (optionally one namespace), in etcd key order. */
export function listObjects(cache: WatchCacheState, resourcePrefix: string): KubeObject[] {
  const keys: string[] = []
  for (const key of cache.objects.keys()) if (key.startsWith(resourcePrefix)) keys.push(key)
  keys.sort()
  return keys.map((k) => cache.objects.get(k) as KubeObject)
}

export { matches as watcherMatches, resourceOfKey }
