import { MERGE_KEYS } from '../model/strategic-merge'
import { sameValue } from '../model/objects'

/**
 * kubectl apply's client-side three-way patch: fields in the new manifest that differ from the
 * live object are set; fields in the last-applied configuration that the new manifest dropped
 * are deleted (null). Lists with a merge key (containers by name ...) are compared element by
 * element, so server-side defaults inside an element do not count as a change.
 * Source: CreateThreeWayMergePatch, apimachinery/pkg/util/strategicpatch/patch.go (v1.32)
 */
type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
const same = sameValue

function listPatch(
  original: unknown,
  modified: unknown[],
  current: unknown,
  mergeKey: string,
): unknown[] | undefined {
  const find = (list: unknown, key: unknown) =>
    Array.isArray(list)
      ? (list as unknown[]).find((x) => isObject(x) && x[mergeKey] === key)
      : undefined
  const items: unknown[] = []
  for (const item of modified) {
    if (!isObject(item)) return modified
    const live = find(current, item[mergeKey])
    if (live === undefined) items.push(item)
    else {
      const nested = threeWayPatch(find(original, item[mergeKey]), item, live)
      if (Object.keys(nested).length > 0) items.push({ ...nested, [mergeKey]: item[mergeKey] })
    }
  }
  const currentCount = Array.isArray(current) ? current.length : 0
  return items.length > 0 || currentCount !== modified.length
    ? items.length > 0
      ? items
      : modified
    : undefined
}

export function threeWayPatch(original: unknown, modified: unknown, current: unknown): Json {
  const patch: Json = {}
  const mod = isObject(modified) ? modified : {}
  const orig = isObject(original) ? original : {}
  const cur = isObject(current) ? current : {}
  for (const [key, value] of Object.entries(mod)) {
    const mergeKey = MERGE_KEYS[key]
    if (mergeKey !== undefined && Array.isArray(value)) {
      const items = listPatch(orig[key], value, cur[key], mergeKey)
      if (items) patch[key] = items
    } else if (isObject(value) && isObject(cur[key])) {
      const nested = threeWayPatch(orig[key], value, cur[key])
      if (Object.keys(nested).length > 0) patch[key] = nested
    } else if (!same(value, cur[key])) {
      patch[key] = value
    }
  }
  for (const key of Object.keys(orig)) if (!(key in mod) && key in cur) patch[key] = null
  return patch
}
