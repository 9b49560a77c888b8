import type { KubeObject } from '../model/objects'

/**
 * client-go Indexers: an informer can keep secondary indexes over its cache so a controller asks
 * "the pods of this ReplicaSet" or "the pods on node-7" without scanning every object.
 * Index functions are named here (state holds only names and keys, never closures, so
 * checkpoints stay plain data).
 * Source: staging/src/k8s.io/client-go/tools/cache/index.go; the controller-uid and
 * spec.nodeName indexers of pkg/controller/controller_utils.go (v1.32).
 */
export const INDEX_FUNCTIONS = {
  /** The uid of the object's controller (ownerReferences[controller=true]). */
  controllerUid: (object: KubeObject): string[] => {
    const ref = object.metadata?.ownerReferences?.find((r) => r.controller === true)
    return ref ? [ref.uid] : []
  },
  /** The node a pod is bound to (PodNodeNameKeyIndex). */
  nodeName: (object: KubeObject): string[] => {
    const node = (object['spec'] as { nodeName?: string } | undefined)?.nodeName
    return node ? [node] : []
  },
} as const

export type IndexName = keyof typeof INDEX_FUNCTIONS

/** Index name → index value → object keys. */
export type InformerIndices = Partial<Record<IndexName, Map<string, Set<string>>>>

export function createIndices(names: readonly IndexName[]): InformerIndices {
  const indices: InformerIndices = {}
  for (const name of names) indices[name] = new Map()
  return indices
}

/**
 * A running summary of the objects filed under one index value (a ReplicaSet's active Pods
 * counted by readiness, say), kept by reindex as each of them changes: a reader asks it instead
 * of walking them all. Contract: `add` and `remove` are exact inverses for the same object.
 */
export interface IndexTally {
  add(object: KubeObject): void
  remove(object: KubeObject): void
}

// Tallies by the key set they summarise: a memo outside the sim state, never copied or
// restored. A restored checkpoint's sets are new objects, so they start without one; a set
// dropped from its index (emptied, or the indices cleared) takes its tally with it. Invariant:
// a set's tally summarises exactly the objects `items` holds for its keys, because every change
// of those goes through reindex (informer.ts), which updates the tally with the set.
const TALLIES = new WeakMap<Set<string>, IndexTally>()

/**
 * The tally of the objects under `value` of `index`, made by `create` and filled from `items`
 * on first ask, then kept up to date by reindex; undefined when no object has that value.
 */
export function indexTally<T extends IndexTally>(
  indices: InformerIndices | undefined,
  items: ReadonlyMap<string, KubeObject>,
  index: IndexName,
  value: string,
  create: () => T,
): T | undefined {
  const keys = indices?.[index]?.get(value)
  if (!keys) return undefined
  const known = TALLIES.get(keys)
  if (known) return known as T
  const tally = create()
  for (const key of keys) {
    const object = items.get(key)
    if (object) tally.add(object)
  }
  TALLIES.set(keys, tally)
  return tally
}

/** Moves one object's key from its old index values to its new ones. */
export function reindex(
  indices: InformerIndices,
  key: string,
  old: KubeObject | undefined,
  next: KubeObject | undefined,
): void {
  for (const [name, index] of Object.entries(indices) as [IndexName, Map<string, Set<string>>][]) {
    const fn = INDEX_FUNCTIONS[name]
    const before = old ? fn(old) : []
    const after = next ? fn(next) : []
    if (before.length === after.length && before.every((v, i) => v === after[i])) {
      // Same values: only the tallies of those sets see the object change.
      if (old !== next) for (const value of before) retally(index.get(value), old, next)
      continue
    }
    for (const value of before) {
      const keys = index.get(value)
      if (keys !== undefined && old !== undefined) TALLIES.get(keys)?.remove(old)
      keys?.delete(key)
      if (keys?.size === 0) index.delete(value)
    }
    for (const value of after) {
      let keys = index.get(value)
      if (!keys) index.set(value, (keys = new Set()))
      keys.add(key)
      if (next !== undefined) TALLIES.get(keys)?.add(next)
    }
  }
}

/** The object under `keys` changed from `old` to `next`: its tally, if any, moves it. */
function retally(
  keys: Set<string> | undefined,
  old: KubeObject | undefined,
  next: KubeObject | undefined,
): void {
  const tally = keys === undefined ? undefined : TALLIES.get(keys)
  if (tally === undefined) return
  if (old !== undefined) tally.remove(old)
  if (next !== undefined) tally.add(next)
}

export function clearIndices(indices: InformerIndices): void {
  for (const index of Object.values(indices)) index.clear()
}
