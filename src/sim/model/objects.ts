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
