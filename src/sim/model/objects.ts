import type { ObjectMeta } from 'kubernetes-types/meta/v1'

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

export function deepCopy<T>(value: T): T {
  // JSON.stringify(undefined) is undefined, which JSON.parse cannot read: an absent field stays absent.
  if (value === undefined) return value
  return JSON.parse(JSON.stringify(value)) as T
}

/** Labels match a selector's matchLabels (equality-based selection only). */
export function matchesLabels(
  labels: Record<string, string> | undefined,
  selector: Record<string, string> | undefined,
): boolean {
  if (!selector) return false
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v)
}
