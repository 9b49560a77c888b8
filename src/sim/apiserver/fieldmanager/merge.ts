import { isAtomicObject, listTypeAt } from './field-schema'
import { canonicalJson, itemElement, pathOf, type FieldSet } from './field-set'

/**
 * An applied configuration merged into the live object (typed.TypedValue.Merge): structs and
 * granular maps merge field by field, associative lists item by item (by key), sets by value;
 * scalars and atomic values are replaced. Fields the configuration leaves out stay as they are.
 * Source: sigs.k8s.io/structured-merge-diff/v4 typed/merge.go (as apimachinery v0.32 vendors it).
 */
type Json = Record<string, unknown>

const isPlainObject = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

export function mergeApplied(live: Json, config: Json): Json {
  return mergeFields(live, config, [])
}

function mergeFields(live: Json, config: Json, path: string[]): Json {
  const out: Json = { ...live }
  for (const [field, value] of Object.entries(config)) {
    if (value === undefined) continue
    if (value === null) {
      delete out[field]
      continue
    }
    out[field] = mergeValue(out[field], value, [...path, `f:${field}`])
  }
  return out
}

function mergeValue(live: unknown, config: unknown, path: string[]): unknown {
  if (Array.isArray(config)) return mergeList(live, config, path)
  if (isPlainObject(config) && isPlainObject(live) && !isAtomicObject(path))
    return mergeFields(live, config, path)
  return structuredClone(config)
}

function mergeList(live: unknown, config: unknown[], path: string[]): unknown[] {
  const list = listTypeAt(path)
  if (list.type === 'atomic' || !Array.isArray(live)) return structuredClone(config)
  const out = [...(live as unknown[])]
  const elements = out.map((item, i) => itemElement(item, i, path))
  config.forEach((item, i) => {
    const element = itemElement(item, i, path)
    const at = elements.indexOf(element)
    if (at < 0) {
      out.push(structuredClone(item))
      elements.push(element)
    } else if (list.type === 'map') {
      out[at] = mergeValue(out[at], item, [...path, element])
    }
  })
  return out
}

/**
 * Removes the given paths from an object (typed.TypedValue.RemoveItems): what an applier stopped
 * applying and nobody else owns is deleted (merge/update.go prune).
 */
export function removePaths(object: Json, set: FieldSet): Json {
  const out = structuredClone(object)
  for (const key of set) removeOne(out, pathOf(key))
  return out
}

function removeOne(object: Json, path: string[]): void {
  let parent: unknown = object
  for (let i = 0; i < path.length; i++) {
    const element = path[i] as string
    const last = i === path.length - 1
    if (element.startsWith('f:')) {
      if (!isPlainObject(parent)) return
      if (last) delete parent[element.slice(2)]
      else parent = parent[element.slice(2)]
      continue
    }
    if (!Array.isArray(parent)) return
    const listPath = path.slice(0, i)
    const items = parent as unknown[]
    const at = items.findIndex((item, index) =>
      element.startsWith('v:')
        ? `v:${canonicalJson(item)}` === element
        : itemElement(item, index, listPath) === element,
    )
    if (at < 0) return
    if (last) items.splice(at, 1)
    else parent = items[at]
  }
}
