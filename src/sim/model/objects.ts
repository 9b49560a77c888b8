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

/** Deep copy of JSON data: objects crossing a component boundary are copies, as on the wire. */
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

/**
 * The same value as Go compares structs (apiequality.Semantic.DeepEqual, near enough): key order
 * does not count, since a stored object's keys come back in its Go type's field order.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonicalJson(a)) === JSON.stringify(canonicalJson(b))
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
