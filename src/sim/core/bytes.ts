import { bytesToUtf8, utf8ToBytes } from '@noble/ciphers/utils.js'

/**
 * Byte helpers for the parts of the sim that handle real bytes (Secret data, encryption at rest,
 * tokens). The sim's tsconfig has no DOM lib, so no btoa/atob: base64 is done here, with Go's
 * encoding/base64 error text, because the API server reports it verbatim.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const CR = 13
const LF = 10
const EQUALS = 61

export { bytesToUtf8, utf8ToBytes }

// Output chars are gathered as codes and made a string a chunk at a time: `+=` of one or two
// chars makes a rope of thousands of pieces (~3 KB for an 86-char JWT signature until flattened).
const CHUNK = 4096

function encodeWith(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  const codes: number[] = []
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0
    const b1 = bytes[i + 1] ?? 0
    const b2 = bytes[i + 2] ?? 0
    const n = (b0 << 16) | (b1 << 8) | b2
    codes.push(alphabet.charCodeAt((n >> 18) & 63), alphabet.charCodeAt((n >> 12) & 63))
    if (i + 1 < bytes.length) codes.push(alphabet.charCodeAt((n >> 6) & 63))
    else if (pad) codes.push(EQUALS)
    if (i + 2 < bytes.length) codes.push(alphabet.charCodeAt(n & 63))
    else if (pad) codes.push(EQUALS)
    if (codes.length >= CHUNK) out += String.fromCharCode(...codes.splice(0))
  }
  return out + String.fromCharCode(...codes)
}

/** base64.StdEncoding.EncodeToString */
export function base64Encode(bytes: Uint8Array): string {
  return encodeWith(bytes, ALPHABET, true)
}

/** base64.RawURLEncoding.EncodeToString (JWT segments). */
export function base64UrlEncode(bytes: Uint8Array): string {
  return encodeWith(bytes, URL_ALPHABET, false)
}

export type DecodeResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string }

// Each alphabet's value of an ASCII code (-1: not in it), for decoding without a search per char.
function valuesOf(alphabet: string): readonly number[] {
  const values = new Array<number>(128).fill(-1)
  for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i
  return values
}
const STD_VALUES = valuesOf(ALPHABET)
const URL_VALUES = valuesOf(URL_ALPHABET)
/**
 * base64.StdEncoding.DecodeString, strict like Go's: the error names the first offending input
 * byte ("illegal base64 data at input byte 4"). Go skips \r and \n.
 */
export function base64Decode(text: string, alphabet: 'std' | 'url' = 'std'): DecodeResult {
  const values = alphabet === 'std' ? STD_VALUES : URL_VALUES
  const padded = alphabet === 'std'
  const out = new Uint8Array(Math.ceil((text.length * 3) / 4))
  let length = 0
  let buffer = 0
  let bits = 0
  let padding = 0
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === CR || code === LF) continue
    if (code === EQUALS && padded) {
      if (count % 4 < 2) return { ok: false, error: `illegal base64 data at input byte ${i}` }
      padding++
      count++
      continue
    }
    const value = code < 128 ? (values[code] ?? -1) : -1
    if (value < 0 || padding > 0)
      return { ok: false, error: `illegal base64 data at input byte ${i}` }
    buffer = (buffer << 6) | value
    bits += 6
    count++
    if (bits >= 8) {
      bits -= 8
      out[length++] = (buffer >> bits) & 0xff
    }
  }
  // Go reports a truncated final quantum at the offset where that quantum starts.
  if ((padded && count % 4 !== 0) || (!padded && count % 4 === 1))
    return { ok: false, error: `illegal base64 data at input byte ${text.length - (count % 4)}` }
  return { ok: true, bytes: out.slice(0, length) }
}

/** Bytes as a "binary string" (one char per byte, 0–255): how etcd values hold ciphertext. */
export function bytesToBinary(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 4096)
    out += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 4096)))
  return out
}

export function binaryToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff
  return out
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

export function hexOf(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}
