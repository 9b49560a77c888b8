import { binaryToBytes, bytesToBinary, bytesToUtf8, utf8ToBytes } from '../../core/bytes'
import type { RngState } from '../../core/rng'
import type { KeyValue } from '../../etcd/mvcc'
import type { KubeObject } from '../../model/objects'
import { decodeObject, encodeObject } from '../codec'
import { resourceOfKey } from '../resources'
import type { EncryptionConfiguration } from './config'
import {
  readWith,
  rngBytes,
  transformersForResource,
  writeWith,
  type PrefixTransformer,
} from './transformers'

/**
 * Objects to and from etcd values through the encryption config: plaintext JSON (the sim's
 * --storage-media-type=application/json) when identity writes, otherwise the provider's prefix
 * and ciphertext, kept in the etcd value as one character per byte. The authenticated data is
 * the etcd key, as etcd3/store.go passes authenticatedDataString(key).
 * Source: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go (v1.32)
 */
const ENCRYPTED = 'k8s:enc:'

/** Whether a stored value is an envelope of some provider (not the object's plain JSON). */
export const isEncrypted = (value: string): boolean => value.startsWith(ENCRYPTED)

// Transformers are derived from the (plain data) config; memoised outside the sim state, which
// must stay structured-cloneable.
const memo = new WeakMap<EncryptionConfiguration, Map<string, readonly PrefixTransformer[]>>()

export function transformersFor(
  config: EncryptionConfiguration | undefined,
  key: string,
): readonly PrefixTransformer[] {
  if (!config) return transformersForResource(undefined, '', '')
  const info = resourceOfKey(key)
  const resource = info?.resource ?? ''
  const group = info?.group ?? ''
  let byResource = memo.get(config)
  if (!byResource) memo.set(config, (byResource = new Map<string, readonly PrefixTransformer[]>()))
  const id = `${group}/${resource}`
  let found = byResource.get(id)
  if (!found) byResource.set(id, (found = transformersForResource(config, resource, group)))
  return found
}

export function encodeForStorage(
  object: KubeObject,
  key: string,
  config: EncryptionConfiguration | undefined,
  rng: RngState,
): string {
  return encodeJsonForStorage(encodeObject(object), key, config, rng)
}

/** encodeForStorage for an object already encoded (codec.ts encodeObject). */
export function encodeJsonForStorage(
  json: string,
  key: string,
  config: EncryptionConfiguration | undefined,
  rng: RngState,
): string {
  const transformers = transformersFor(config, key)
  const first = transformers[0]
  if (!first || first.prefix === '') return json
  return bytesToBinary(writeWith(transformers, utf8ToBytes(json), utf8ToBytes(key), rngBytes(rng)))
}

/** data: the object's JSON as stored, decrypted (what store.go compares a new encoding with). */
export type StoredRead =
  | { ok: true; object: KubeObject; data: string; stale: boolean; provider: string }
  | { ok: false; error: string }

/** Reads a stored value as the API server would, naming the provider that decrypted it. */
export function decodeFromStorage(
  kv: KeyValue,
  config: EncryptionConfiguration | undefined,
): StoredRead {
  const transformers = transformersFor(config, kv.key)
  // Read once: a long value is held packed and built anew on every read (value-pack.ts).
  const value = kv.value
  if (!value.startsWith(ENCRYPTED)) {
    const at = transformers.findIndex((t) => t.prefix === '')
    if (at < 0) return { ok: false, error: 'no matching prefix found' }
    const object = decodeObject({ value, modRevision: kv.modRevision })
    return { ok: true, object, data: value, stale: at !== 0, provider: 'identity' }
  }
  const read = readWith(transformers, binaryToBytes(value), utf8ToBytes(kv.key))
  if (!read.ok) return read
  const data = bytesToUtf8(read.data)
  return {
    ok: true,
    object: decodeObject({ ...kv, value: data }),
    data,
    stale: read.stale,
    provider: read.label,
  }
}

/** The API server's error for a value it cannot read (storage.NewInternalErrorf in store.go). */
export function transformError(key: string, error: string): string {
  return `unable to transform key "${key}": ${error}`
}
