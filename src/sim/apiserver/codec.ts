import { registerHostCache } from '../core/host-caches'
import type { KeyValue } from '../etcd/mvcc'
import { storedValueOf } from '../etcd/value-pack'
import { packedEquals } from '../etcd/value-stretch'
import { isCachedKey } from './uncached'
import type { KubeObject } from '../model/objects'

/**
 * Objects as stored in etcd. The real server stores protobuf behind a "k8s\0" prefix; JSON keeps
 * etcd values readable in the UI. resourceVersion is never stored: it is the key's mod_revision,
 * set on the way out (storage/etcd3/store.go, v1.32).
 */
export function encodeObject(object: KubeObject): string {
  // A rest copy, not a spread and a delete: deleting a key other than the last one added turns
  // an object into a dictionary, which JSON.stringify walks the slow way.
  const { resourceVersion: _, ...metadata } = object.metadata ?? {}
  return JSON.stringify({ ...object, metadata })
}

export function decodeObject(kv: Pick<KeyValue, 'value' | 'modRevision'>): KubeObject {
  const object = JSON.parse(kv.value) as KubeObject
  object.metadata = { ...object.metadata, resourceVersion: String(kv.modRevision) }
  return object
}

/**
 * The length of JSON.stringify(object with metadata.resourceVersion = revision), from the length
 * of encodeObject(object): the stored text plus the resourceVersion field (and its comma), so an
 * answer's bytes are counted without encoding it again.
 */
export function jsonLengthWithRv(
  encodedLength: number,
  object: KubeObject,
  revision: number,
): number {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>
  const others = Object.keys(metadata).some(
    (k) => k !== 'resourceVersion' && metadata[k] !== undefined,
  )
  return encodedLength + `"resourceVersion":"${String(revision)}"`.length + (others ? 1 : 0)
}

// Which stored values are encodeObject's own text. Such a value decodes to an object that
// encodes back to the very same text (JSON.stringify of JSON.parse of JSON.stringify output is
// that output), so its size and its encoding are known without encoding it again. A value read
// from etcd may be anything (etcdctl put writes what it is given), so only the values this
// server wrote are trusted: noted at the write, taken when their watch event brings them back.
// Caches of a property of the text alone, outside the sim state: a missing entry only means
// the text is encoded again, with the same result.
const OWN_WRITES_LIMIT = 65_536
const ownWrites = registerHostCache('apiserver/codec.ts ownWrites', new Map<string, string>())
// What an object was decoded from: its etcd KeyValue, which holds the text packed (value-pack.ts),
// rather than the text itself (a cached Pod would keep its own ~2.7 KB copy of it).
const encodings = new WeakMap<KubeObject, { readonly value: string }>()

/** The API server is writing `json` (encodeObject's text, stored as is) at `key`. */
export function noteOwnWrite(key: string, json: string): void {
  // Only the cache's watch asks (an uncached resource's writes would wait here for nothing).
  if (!isCachedKey(key)) return
  // Writes whose watch event never comes (a failed compare) would pile up: start again.
  if (ownWrites.size >= OWN_WRITES_LIMIT) ownWrites.clear()
  ownWrites.set(key, json)
}

/**
 * Whether a stored value is a text this server wrote at its key (forgotten once asked about).
 * Compared as etcd holds it (value-pack.ts), without building the text again.
 */
export function takeOwnWrite(kv: Pick<KeyValue, 'key' | 'value'>): boolean {
  const written = ownWrites.get(kv.key)
  if (written === undefined || !packedEquals(storedValueOf(kv) ?? '', written)) return false
  ownWrites.delete(kv.key)
  return true
}

/** Records that `object` (a decoded stored object) encodes to `stored.value`. */
export function knownEncoding(object: KubeObject, stored: { readonly value: string }): void {
  encodings.set(object, stored)
}

/**
 * Whether encodeObject(object) is `json`, from what is known of it when it was decoded: compared
 * with the stored value as etcd holds it, without building that text (a GuaranteedUpdate's
 * no-op check, on every write from the watch cache's copy).
 */
export function storedTextIs(object: KubeObject, json: string): boolean {
  const stored = encodings.get(object)
  if (stored === undefined) return encodeObject(object) === json
  return packedEquals(storedValueOf(stored) ?? '', json)
}
