import { sameValue } from './objects'
/**
 * Strategic merge patch, both directions: applying a patch (server side) and computing the
 * two-way patch from an old to a new object (client side, as the kubelet's status manager does
 * with PatchPodStatus). Lists of named things merge by their patchMergeKey; other lists are
 * replaced whole; null deletes a key.
 * Source: patchMergeKey tags in k8s.io/api core/v1/types.go and
 * apimachinery/pkg/util/strategicpatch/patch.go (v1.32)
 */
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  ports: 'containerPort',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  conditions: 'type',
  containerStatuses: 'name',
  initContainerStatuses: 'name',
}

type JsonObject = Record<string, unknown>
const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
const same = sameValue

/** RFC 7386 JSON merge patch. Pure. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch
  const result: JsonObject = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else result[key] = mergePatch(result[key], value)
  }
  return result
}

function mergeList(target: unknown, patch: unknown[], mergeKey: string): unknown[] {
  const result: unknown[] = Array.isArray(target) ? [...(target as unknown[])] : []
  for (const item of patch) {
    if (!isObject(item) || item[mergeKey] === undefined) {
      result.push(item)
      continue
    }
    const index = result.findIndex(
      (existing) => isObject(existing) && existing[mergeKey] === item[mergeKey],
    )
    if (index >= 0) result[index] = strategicMergePatch(result[index], item)
    else result.push(item)
  }
  return result
}

/** Applies a strategic merge patch. Pure. */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch
  const result: JsonObject = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    const mergeKey = MERGE_KEYS[key]
    if (value === null) delete result[key]
    else if (mergeKey !== undefined && Array.isArray(value))
      result[key] = mergeList(result[key], value, mergeKey)
    else result[key] = strategicMergePatch(result[key], value)
  }
  return result
}

function diffList(oldList: unknown, newList: unknown[], mergeKey: string): unknown[] {
  const olds = Array.isArray(oldList) ? (oldList as unknown[]) : []
  const out: unknown[] = []
  for (const item of newList) {
    const old = isObject(item)
      ? olds.find((o) => isObject(o) && o[mergeKey] === item[mergeKey])
      : undefined
    if (old === undefined) out.push(item)
    else if (!same(old, item))
      out.push({ ...twoWayMergePatch(old, item), [mergeKey]: (item as JsonObject)[mergeKey] })
  }
  return out
}

/** The strategic patch that turns `oldValue` into `newValue` (deleted keys become null). Pure. */
export function twoWayMergePatch(oldValue: unknown, newValue: unknown): JsonObject {
  const patch: JsonObject = {}
  const olds = isObject(oldValue) ? oldValue : {}
  const news = isObject(newValue) ? newValue : {}
  for (const [key, value] of Object.entries(news)) {
    const old = olds[key]
    if (same(old, value)) continue
    const mergeKey = MERGE_KEYS[key]
    if (mergeKey !== undefined && Array.isArray(value)) {
      const items = diffList(old, value, mergeKey)
      if (items.length > 0) patch[key] = items
    } else if (isObject(value) && isObject(old)) {
      patch[key] = twoWayMergePatch(old, value)
    } else {
      patch[key] = value
    }
  }
  for (const key of Object.keys(olds)) if (!(key in news)) patch[key] = null
  return patch
}
