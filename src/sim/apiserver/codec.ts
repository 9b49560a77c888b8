import type { KeyValue } from '../etcd/mvcc'
import type { KubeObject } from '../model/objects'

/**
 * Objects as stored in etcd. The real server stores protobuf behind a "k8s\0" prefix; JSON keeps
 * etcd values readable in the UI. resourceVersion is never stored: it is the key's mod_revision,
 * set on the way out (storage/etcd3/store.go, v1.32).
 */
export function encodeObject(object: KubeObject): string {
  const metadata = { ...object.metadata }
  delete metadata.resourceVersion
  return JSON.stringify({ ...object, metadata })
}

export function decodeObject(kv: KeyValue): KubeObject {
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
