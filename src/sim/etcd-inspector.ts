import { base64Decode, binaryToBytes, bytesToUtf8, utf8ToBytes } from './core/bytes'
import type { KeyValue } from './etcd/mvcc'
import type { EncryptionConfiguration } from './apiserver/encryption/config'
import { decodeFromStorage, transformError } from './apiserver/encryption/storage'
import type { KubeObject } from './model/objects'
import type { AnyActor } from './cluster'
import type { KernelState } from './runtime/kernel'
import type { ApiServerState } from './apiserver/state'
import { observedStore } from './snapshot'
import { kvGetIn, kvKeysIn } from './etcd/kv-index'

/**
 * What `etcdctl get <key>` shows of one stored value, and how the API server reads it: the raw
 * bytes (printable ASCII as is, the rest as \xNN, and a hexdump -C view), the provider prefix
 * when encrypted, and for a readable Secret its data decoded from base64 — the teaching point
 * that base64 is not encryption.
 */
export interface StoredValueView {
  key: string
  createRevision: number
  modRevision: number
  version: number
  /** Size of the value in bytes. */
  size: number
  /** "k8s:enc:aescbc:v1:key1:" when a provider encrypted it. */
  prefix?: string
  /** `etcdctl get` output: the key line, then the value with non-printable bytes as \xNN. */
  etcdctl: string
  /** `etcdctl get --print-value-only <key> | hexdump -C`, the first 16 lines. */
  hexdump: string[]
  read:
    | { ok: true; provider: string; stale: boolean; object: KubeObject }
    | { ok: false; error: string }
  /** A readable Secret's data, base64-decoded. */
  secretData?: Record<string, string>
}

const ENCRYPTED_PREFIX = /^k8s:enc:[a-z0-9]+:v[0-9]+:[^:]*:/

export function escapeBytes(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes)
    out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`
  return out
}

export function hexdumpLines(bytes: Uint8Array, maxLines = 16): string[] {
  const lines: string[] = []
  for (let offset = 0; offset < bytes.length && lines.length < maxLines; offset += 16) {
    const row = bytes.subarray(offset, offset + 16)
    const hexes = Array.from(row, (b) => b.toString(16).padStart(2, '0'))
    const left = hexes.slice(0, 8).join(' ').padEnd(23)
    const right = hexes.slice(8).join(' ').padEnd(23)
    const ascii = Array.from(row, (b) =>
      b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.',
    ).join('')
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${left}  ${right}  |${ascii}|`)
  }
  return lines
}

/** The value's bytes: ciphertext is stored one char per byte; plaintext JSON as UTF-8 text. */
function valueBytes(kv: KeyValue): Uint8Array {
  if (kv.value.startsWith('k8s:enc:')) return binaryToBytes(kv.value)
  return utf8ToBytes(kv.value)
}

export function inspectValue(
  kv: KeyValue,
  config: EncryptionConfiguration | undefined,
): StoredValueView {
  const bytes = valueBytes(kv)
  const prefix = ENCRYPTED_PREFIX.exec(kv.value)?.[0]
  const read = decodeFromStorage(kv, config)
  const view: StoredValueView = {
    key: kv.key,
    createRevision: kv.createRevision,
    modRevision: kv.modRevision,
    version: kv.version,
    size: bytes.length,
    ...(prefix !== undefined ? { prefix } : {}),
    etcdctl: `${kv.key}\n${escapeBytes(bytes)}`,
    hexdump: hexdumpLines(bytes),
    read: read.ok
      ? { ok: true, provider: read.provider, stale: read.stale, object: read.object }
      : { ok: false, error: transformError(kv.key, read.error) },
  }
  if (read.ok && read.object.kind === 'Secret') {
    const data = (read.object['data'] ?? {}) as Record<string, string>
    view.secretData = Object.fromEntries(
      Object.entries(data).map(([k, v]) => {
        const decoded = base64Decode(v)
        return [k, decoded.ok ? bytesToUtf8(decoded.bytes) : v]
      }),
    )
  }
  return view
}

/**
 * What the API server would make of this value if it were stored under `asKey` instead: with
 * aesgcm the etcd key is authenticated data, so a copied value fails; aescbc/secretbox accept it.
 */
export function readAsIfUnder(
  kv: KeyValue,
  asKey: string,
  config: EncryptionConfiguration | undefined,
): StoredValueView['read'] {
  const moved = { ...kv, key: asKey }
  const read = decodeFromStorage(moved, config)
  return read.ok
    ? { ok: true, provider: read.provider, stale: read.stale, object: read.object }
    : { ok: false, error: transformError(asKey, read.error) }
}

type Kernel = KernelState<AnyActor>

function apiServerOf(kernel: Kernel): ApiServerState | undefined {
  const actor = kernel.actors['kube-apiserver']
  return actor?.kind === 'kube-apiserver' ? actor : undefined
}

export function etcdGetOf(kernel: Kernel, key: string): StoredValueView | undefined {
  const kv = kvGetIn(observedStore(kernel)?.mvcc, key)
  return kv ? inspectValue(kv, apiServerOf(kernel)?.encryption) : undefined
}

export function etcdKeysOf(kernel: Kernel, prefix: string): string[] {
  return kvKeysIn(observedStore(kernel)?.mvcc)
    .filter((k) => k.startsWith(prefix))
    .sort()
}

export function etcdReadAsOf(
  kernel: Kernel,
  key: string,
  asKey: string,
): StoredValueView['read'] | undefined {
  const kv = kvGetIn(observedStore(kernel)?.mvcc, key)
  return kv ? readAsIfUnder(kv, asKey, apiServerOf(kernel)?.encryption) : undefined
}

/** The API server process as the encryption lesson needs it. */
export interface ApiServerStatus {
  running: boolean
  ready: boolean
  encryptionConfigFile: string
  encryptionActive: boolean
  startError?: string
}

export function apiServerStatusOf(kernel: Kernel): ApiServerStatus | undefined {
  const api = apiServerOf(kernel)
  if (!api) return undefined
  return {
    running: api.running,
    ready: api.ready,
    encryptionConfigFile: api.encryptionConfigFile ?? '',
    encryptionActive: api.encryption !== undefined,
    ...(api.startError !== undefined ? { startError: api.startError } : {}),
  }
}

// The API server's load meters are read the same way (a view over the kernel, nothing copied).
/** Each API server and the etcd endpoint it sends to now. */
export function etcdClientsOf(kernel: Kernel): { id: string; endpoint: string }[] {
  return Object.values(kernel.actors).flatMap((a) =>
    a.kind === 'kube-apiserver' ? [{ id: a.id, endpoint: a.etcdPinned }] : [],
  )
}

export { loadMetersOf } from './load-meters'
export { controlPlaneOf } from './control-plane-kernel'
