import type { HttpRequest } from '../runtime/messages'
import { utf8Bytes } from './decoding/utf8'

/**
 * Where kube-apiserver serves a LIST from, by its query:
 * - `continue` set: etcd, at the token's revision (the watch cache has no pagination in v1.32);
 * - `limit` set with resourceVersion "" or an exact resourceVersion: etcd, one page;
 * - resourceVersion "" without limit: a consistent read, served from the watch cache once it has
 *   caught up with etcd's current revision (ConsistentListFromCache, beta and on in v1.32);
 * - resourceVersion "0": the watch cache as it is, ignoring limit (no etcd read at all).
 * Source: staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go shouldDelegateList (hasContinuation,
 * hasLimit := pred.Limit > 0 && resourceVersion != "0", consistent read) and GetList (v1.32);
 * the same rule is shouldListFromStorage in util/flowcontrol/request/list_work_estimator.go.
 */
export type ListSource = 'etcd' | 'consistent-cache' | 'cache'

export function listSource(request: HttpRequest): ListSource {
  const query = request.query
  const rv = query['resourceVersion'] ?? ''
  if ((query['continue'] ?? '') !== '') return 'etcd'
  if (listLimit(request) > 0 && rv !== '0') return 'etcd'
  if (rv === '') return 'consistent-cache'
  return 'cache'
}

/** limit=N as a positive integer; 0 when absent or not a positive number. */
export function listLimit(request: HttpRequest): number {
  const limit = Number(request.query['limit'] ?? '0')
  return Number.isInteger(limit) && limit > 0 ? limit : 0
}

export const hasSelector = (request: HttpRequest): boolean =>
  (request.query['labelSelector'] ?? '') !== '' || (request.query['fieldSelector'] ?? '') !== ''

/** The continue token: base64url (no padding) JSON {"v","rv","start"}, storage/continue.go (v1.32). */
export interface ContinueToken {
  rv: number
  /** The key to start at, relative to the list's key prefix. */
  start: string
}

export function encodeContinue(nextKey: string, keyPrefix: string, rv: number): string {
  const json = JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: nextKey.slice(keyPrefix.length) })
  return base64UrlEncode(json)
}

/** DecodeContinue; undefined for a token this server did not write. */
export function decodeContinue(token: string): ContinueToken | undefined {
  const json = base64UrlDecode(token)
  if (json === undefined) return undefined
  try {
    const parsed = JSON.parse(json) as { v?: unknown; rv?: unknown; start?: unknown }
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number') return undefined
    if (typeof parsed.start !== 'string' || parsed.start.includes('..')) return undefined
    return { rv: parsed.rv, start: parsed.start }
  } catch {
    return undefined
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function base64UrlEncode(text: string): string {
  const bytes = utf8Bytes(text)
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | (b << 8) | c
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4
    for (let k = 0; k < chars; k++) out += ALPHABET.charAt((n >> (18 - 6 * k)) & 63)
  }
  return out
}

function base64UrlDecode(text: string): string | undefined {
  const bytes: number[] = []
  let buffer = 0
  let bits = 0
  for (const ch of text) {
    const value = ALPHABET.indexOf(ch)
    if (value < 0) return undefined
    buffer = (buffer << 6) | value
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((buffer >> bits) & 255)
    }
  }
  // Keys are ASCII (DNS names): a token with other bytes was not written by this server.
  if (bytes.some((b) => b > 127)) return undefined
  return String.fromCharCode(...bytes)
}
