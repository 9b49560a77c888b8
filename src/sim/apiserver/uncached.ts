import type { ResourceInfo } from './resources'
import type { WatchCacheState } from './watch-cache'

/**
 * Resources whose storage has no watch cache. kube-apiserver sets the watch cache size of Events
 * (core and events.k8s.io, which share /registry/events/) to 0, and a size of 0 means the
 * registry's storage is not decorated with a cacher: GET, LIST and WATCH of Events go to etcd
 * (the etcd3 store), and nothing in the API server's memory holds them.
 * Source: pkg/kubeapiserver/default_storage_factory_builder.go DefaultWatchCacheSizes, and
 * staging/src/k8s.io/apiserver/pkg/server/options/etcd.go (a size of 0 builds undecorated
 * storage, generic.UndecoratedStorage), v1.32.
 */
const UNCACHED_PREFIXES: readonly string[] = ['/registry/events/']

/** Whether the watch cache holds the object stored at `key`. */
export function isCachedKey(key: string): boolean {
  for (const prefix of UNCACHED_PREFIXES) if (key.startsWith(prefix)) return false
  return true
}

/** Whether requests for a resource are served by the watch cache (a cacher decorates it). */
export function isCachedResource(info: ResourceInfo): boolean {
  return isCachedKey(`/registry/${info.etcdResource}/`)
}

/** The key's directory: "/registry/events/default/" for "/registry/events/default/web.17f…". */
const directoryOf = (key: string): string => key.slice(0, key.lastIndexOf('/') + 1)

/**
 * Counts a key of an uncached resource in or out (by directory: one count per namespace). The
 * list work estimator needs how many objects a LIST will read, and kube-apiserver gets that from
 * its storage's object count (apiserver_storage_objects, a count-only read of etcd every minute),
 * not from a cache; here the count follows the changes the API server's etcd watch carries.
 */
export function countUncached(cache: WatchCacheState, key: string, delta: 1 | -1): void {
  const dir = directoryOf(key)
  const count = (cache.uncachedCounts[dir] ?? 0) + delta
  if (count > 0) cache.uncachedCounts[dir] = count
  else delete cache.uncachedCounts[dir]
}

/** Objects stored under `prefix` of an uncached resource (a namespace's, or all of them). */
export function uncachedCount(cache: WatchCacheState, prefix: string): number {
  let count = 0
  for (const dir in cache.uncachedCounts)
    if (dir.startsWith(prefix)) count += cache.uncachedCounts[dir] ?? 0
  return count
}
