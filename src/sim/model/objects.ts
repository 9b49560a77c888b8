import type { ObjectMeta } from 'kubernetes-types/meta/v1'
import { setOwnKey } from '../core/own-key'

/** kubernetes-types marks `status` read-only (clients must not set it); servers and kubelets do. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] }
export function writable<T>(object: T): Writable<T> {
  return object
}

/** Any API object: what the registry, watch cache and informers handle generically. */
export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  [field: string]: unknown
}

/** "namespace/name" or "name": the key informers and caches use (cache.MetaNamespaceKeyFunc). */
export function objectKey(object: KubeObject): string {
  const namespace = object.metadata?.namespace
  const name = object.metadata?.name ?? ''
  return namespace ? `${namespace}/${name}` : name
}

/** Keys sorted, recursively: JSON text that does not depend on key order. */
function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonicalJson(v)]),
    )
  return value
}

/** The defining comparison: JSON text of both with keys sorted (the slow path of sameValue). */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonicalJson(a)) === JSON.stringify(canonicalJson(b))
}

/** Whether JSON.stringify leaves this object field out (an array element becomes null). */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol'

/** A plain object or array: what the walk below compares; anything else takes the slow path. */
function isPlain(v: object): boolean {
  if (Array.isArray(v)) return true
  const proto = Object.getPrototypeOf(v) as unknown
  return (proto === Object.prototype || proto === null) && !('toJSON' in v)
}

/** JSON.stringify's text of a leaf (not an object), for comparing leaves. */
function leafJson(v: unknown, inArray: boolean): unknown {
  if (omitted(v)) return inArray ? null : undefined
  if (typeof v === 'number' && !Number.isFinite(v)) return null
  return v
}

function jsonEqual(a: unknown, b: unknown, inArray: boolean): boolean {
  if (a === b) return true
  const aObject = typeof a === 'object' && a !== null
  const bObject = typeof b === 'object' && b !== null
  if (!aObject || !bObject) {
    if (aObject || bObject)
      return !(aObject ? isPlain(a) : isPlain(b as object)) && sameCanonicalJson(a, b)
    if (typeof a === 'bigint' || typeof b === 'bigint') return sameCanonicalJson(a, b)
    return leafJson(a, inArray) === leafJson(b, inArray)
  }
  if (!isPlain(a) || !isPlain(b)) return sameCanonicalJson(a, b)
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i], true)) return false
    return true
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  let fields = 0
  for (const key in ra) {
    if (!Object.hasOwn(ra, key)) continue
    const va = ra[key]
    if (omitted(va)) {
      if (Object.hasOwn(rb, key) && !omitted(rb[key])) return false
      continue
    }
    if (!Object.hasOwn(rb, key) || !jsonEqual(va, rb[key], false)) return false
    fields++
  }
  for (const key in rb) if (Object.hasOwn(rb, key) && !omitted(rb[key])) fields--
  return fields === 0
}

/**
 * The same value as Go compares structs (apiequality.Semantic.DeepEqual, near enough): key order
 * does not count, since a stored object's keys come back in its Go type's field order. Defined
 * as sameCanonicalJson (equal JSON text once keys are sorted); plain JSON data is compared by
 * walking it, without building the sorted copies and their text (the kubelet's status patches
 * compare every Pod status this way).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (omitted(a) || omitted(b)) return omitted(a) && omitted(b)
  return jsonEqual(a, b, false)
}

/**
 * Exactly JSON.parse(JSON.stringify(value)), without the text in between (about 6x faster on a
 * Pod): toJSON is called, undefined, functions and symbols are left out of objects and become
 * null in arrays, NaN and ±Infinity become null, -0 becomes 0, boxed primitives are unwrapped,
 * a Map or Set becomes {}, and an own "__proto__" key stays a key. model/objects.test.ts checks
 * it against the round trip.
 */
export function deepCopy<T>(value: T): T {
  // JSON.stringify(undefined) is undefined, which JSON.parse cannot read: an absent field stays absent.
  if (value === undefined) return value
  if (typeof value !== 'object' || value === null) return JSON.parse(JSON.stringify(value)) as T
  return copyJson(value, '') as T
}

/** What the JSON round trip makes of one value; undefined: the value is left out. */
function copyJson(value: unknown, key: string): unknown {
  let v = value
  if (typeof v === 'object' && v !== null) {
    const toJson = (v as { toJSON?: unknown }).toJSON
    if (typeof toJson === 'function') v = (toJson as (key: string) => unknown).call(v, key)
  }
  if (v instanceof Number || v instanceof String || v instanceof Boolean) v = v.valueOf()
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v
    case 'number':
      return Number.isFinite(v) ? v + 0 : null
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt')
    case 'object':
      if (v === null) return null
      return Array.isArray(v) ? copyArray(v) : copyObject(v as Record<string, unknown>)
    default:
      return undefined
  }
}

function copyArray(array: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(array.length)
  for (let i = 0; i < array.length; i++) out[i] = copyJson(array[i], String(i)) ?? null
  return out
}

function copyObject(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(object)) {
    const copied = copyJson(object[key], key)
    if (copied !== undefined) setOwnKey(out, key, copied)
  }
  return out
}

/** Labels match a selector's matchLabels (equality-based selection only). */
export function matchesLabels(
  labels: Record<string, string> | undefined,
  selector: Record<string, string> | undefined,
): boolean {
  if (!selector) return false
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v)
}
