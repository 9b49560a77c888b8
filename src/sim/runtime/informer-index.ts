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
    if (before.length === after.length && before.every((v, i) => v === after[i])) continue
    for (const value of before) {
      const keys = index.get(value)
      keys?.delete(key)
      if (keys?.size === 0) index.delete(value)
    }
    for (const value of after) {
      let keys = index.get(value)
      if (!keys) index.set(value, (keys = new Set()))
      keys.add(key)
    }
  }
}

export function clearIndices(indices: InformerIndices): void {
  for (const index of Object.values(indices)) index.clear()
}
