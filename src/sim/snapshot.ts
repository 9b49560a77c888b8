import { decodeFromStorage, isEncrypted } from './apiserver/encryption/storage'
import { cachedAt, type WatchCacheState } from './apiserver/watch-cache'
import type { EncryptionConfiguration } from './apiserver/encryption/config'
import type { AnyActor } from './cluster'
import type { EtcdMemberState } from './etcd/member-state'
import { eventsSince, ERR_COMPACTED, type KeyValue } from './etcd/mvcc'
import type { KubeObject } from './model/objects'
import type { ComponentKind } from './runtime/actor'
import type { KernelState } from './runtime/kernel'
import { kvValues } from './etcd/kv-index'

/** A component as the map draws it. */
export interface ComponentInfo {
  id: string
  kind: ComponentKind
  host: string
  running: boolean
}

/** One change to the stored cluster state, keyed by etcd key, in revision order. */
export interface StoreChange {
  type: 'PUT' | 'DELETE'
  key: string
  revision: number
  object?: KubeObject
}

/** What the cluster holds at one instant: the objects in etcd and the components. */
export interface ClusterSnapshot {
  nowMs: number
  revision: number
  objects: KubeObject[]
  /** etcd key of each object, aligned with `objects`. */
  keys: string[]
  components: ComponentInfo[]
}

/**
 * The etcd member whose store the UI observes: the one that has applied the most. Every member
 * applies the same entries in the same order (state machine safety), so this is the cluster's
 * committed state as far as any member knows it, and it never goes back when a member stops.
 */
export function observedStore(kernel: KernelState<AnyActor>): EtcdMemberState | undefined {
  let best: EtcdMemberState | undefined
  for (const a of Object.values(kernel.actors)) {
    if (a.kind !== 'etcd') continue
    if (!best || a.raft.log.applied > best.raft.log.applied) best = a
  }
  return best
}

export function componentsOf(kernel: KernelState<AnyActor>): ComponentInfo[] {
  return Object.values(kernel.actors).map((a) => ({
    id: a.id,
    kind: a.kind,
    host: a.host,
    running: a.running,
  }))
}

/**
 * The encryption config of the API server, so the UI reads stored objects as it does. Values it
 * cannot decrypt are left out, as the API server cannot serve them either.
 */
function encryptionOf(kernel: KernelState<AnyActor>): EncryptionConfiguration | undefined {
  for (const a of Object.values(kernel.actors)) if (a.kind === 'kube-apiserver') return a.encryption
  return undefined
}

// Decoded objects by the KeyValue etcd stored them in. A KeyValue is never changed (a put makes a
// new one), so a snapshot taken at every instant (a test's or a goal's poll) decodes only what
// changed since the last. Kept outside the sim state: a restored checkpoint has new KeyValues.
const decoded = new WeakMap<
  KeyValue,
  { config: EncryptionConfiguration | undefined; object: KubeObject | undefined }
>()

/**
 * The API servers' watch caches. Without encryption a stored value reads the same everywhere, and
 * a cache holding it at the same revision holds that very object, decoded and frozen: the
 * snapshot shares it rather than keeping a second decoded copy of every object (and of every
 * older revision the store's history still holds) for as long as the KeyValue lives.
 */
function watchCachesOf(kernel: KernelState<AnyActor>): WatchCacheState[] {
  const caches: WatchCacheState[] = []
  for (const a of Object.values(kernel.actors))
    if (a.kind === 'kube-apiserver') caches.push(a.cache)
  return caches
}

function readable(
  kv: KeyValue,
  config: EncryptionConfiguration | undefined,
  caches: readonly WatchCacheState[],
): KubeObject | undefined {
  if (config === undefined && !isEncrypted(kv.value))
    for (const cache of caches) {
      const cached = cachedAt(cache, kv.key, kv.modRevision)
      if (cached) return cached
    }
  const hit = decoded.get(kv)
  if (hit && hit.config === config) return hit.object
  const read = decodeFromStorage(kv, config)
  const object = read.ok ? read.object : undefined
  decoded.set(kv, { config, object })
  return object
}

/** `prefix`: only the objects stored under it (a resource's), so no other value is decoded. */
export function takeSnapshot(
  kernel: KernelState<AnyActor>,
  prefix = '/registry/',
): ClusterSnapshot {
  const store = observedStore(kernel)
  const config = encryptionOf(kernel)
  const caches = watchCachesOf(kernel)
  const objects: KubeObject[] = []
  const keys: string[] = []
  for (const kv of store ? kvValues(store.mvcc.kv) : []) {
    // Objects live under /registry/; compact_rev_key (the API server's compactor) is no object.
    if (!kv.key.startsWith(prefix)) continue
    const object = readable(kv, config, caches)
    if (!object) continue
    objects.push(object)
    keys.push(kv.key)
  }
  return {
    nowMs: kernel.nowMs,
    revision: store?.mvcc.revision ?? 0,
    objects,
    keys,
    components: componentsOf(kernel),
  }
}

/** Changes after `revision`, or 'reset' when history was compacted past it (send a snapshot). */
export function changesSince(
  kernel: KernelState<AnyActor>,
  revision: number,
): StoreChange[] | 'reset' {
  const store = observedStore(kernel)
  if (!store) return []
  const events = eventsSince(store.mvcc, revision, '/registry/')
  if (events === ERR_COMPACTED) return 'reset'
  const config = encryptionOf(kernel)
  const caches = watchCachesOf(kernel)
  return events.flatMap((e): StoreChange[] => {
    if (e.type === 'DELETE') return [{ type: 'DELETE', key: e.kv.key, revision: e.kv.modRevision }]
    const object = readable(e.kv, config, caches)
    return object ? [{ type: 'PUT', key: e.kv.key, revision: e.kv.modRevision, object }] : []
  })
}
