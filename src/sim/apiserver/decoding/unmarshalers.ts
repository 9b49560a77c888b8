import { quantityError } from '../../model/quantity'
import type { Unmarshaler } from './go-types'
import { utf8Bytes } from './utf8'
import {
  formatRfc3339,
  formatRfc3339Micro,
  isCanonicalTime,
  parseGoTime,
  RFC3339,
  RFC3339_MICRO,
} from './go-time'

/**
 * The UnmarshalJSON methods of the types Kubernetes decodes itself. Each gets the raw JSON of
 * the value and returns the decoded value, null for a zero value, or an error that aborts the
 * whole decode (encoding/json returns an Unmarshaler's error at once).
 * Sources (apimachinery v1.32): resource.Quantity.UnmarshalJSON (api/resource/quantity.go),
 * intstr.IntOrString.UnmarshalJSON (util/intstr/intstr.go), metav1.Time / MicroTime
 * .UnmarshalJSON (apis/meta/v1/time.go, micro_time.go), runtime.RawExtension.UnmarshalJSON
 * (runtime/extension.go), metav1.FieldsV1.UnmarshalJSON (apis/meta/v1/helpers.go).
 */
export type Unmarshaled =
  | { value: unknown }
  | { zero: true }
  /** An UnmarshalTypeError from a nested json.Unmarshal: the decoder adds the field context. */
  | { mismatch: { value: string; type: string } }
  | { error: string }

/** What encoding/json calls a JSON value in an UnmarshalTypeError. */
export function jsonValueKind(raw: string): string {
  const c = raw.charAt(0)
  if (c === '{') return 'object'
  if (c === '[') return 'array'
  if (c === '"') return 'string'
  if (c === 't' || c === 'f') return 'bool'
  return 'number'
}

/** strconv.ParseInt(s, 10, bits) succeeds: digits only, in range. */
export function parsesAsInt(text: string, bits: 32 | 64): boolean {
  // Up to 9 digits always fit: skip the BigInt.
  if (text.length <= 9 && /^-?\d+$/.test(text)) return true
  if (!/^[+-]?\d+$/.test(text)) return false
  const value = BigInt(text)
  const limit = 1n << BigInt(bits - 1)
  return value >= -limit && value < limit
}

export function unmarshal(kind: Unmarshaler, raw: string): Unmarshaled {
  switch (kind) {
    case 'quantity':
      return quantity(raw)
    case 'intorstring':
      return intOrString(raw)
    case 'time':
      return time(raw, RFC3339)
    case 'microtime':
      return time(raw, RFC3339_MICRO)
    case 'raw':
      return raw === 'null' ? { zero: true } : { value: JSON.parse(raw) as unknown }
  }
}

/** The raw value with its quotes cut (not unescaped), trimmed, through ParseQuantity. */
function quantity(raw: string): Unmarshaled {
  if (raw === 'null') return { zero: true }
  const inner = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw
  const text = goTrimSpace(inner)
  const error = quantityError(text)
  return error === undefined ? { value: text } : { error }
}

const SPACE = /[\s\u0085]/u

/** strings.TrimSpace: Unicode white space at both ends. */
function goTrimSpace(text: string): string {
  if (text === '' || (!SPACE.test(text.charAt(0)) && !SPACE.test(text.charAt(text.length - 1))))
    return text
  return text.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')
}

/** A JSON string becomes the string form; anything else is json.Unmarshal into an int32. */
function intOrString(raw: string): Unmarshaled {
  if (raw.startsWith('"')) return { value: JSON.parse(raw) as string }
  if (raw === 'null') return { zero: true }
  const kind = jsonValueKind(raw)
  if (kind !== 'number') return { mismatch: { value: kind, type: 'int32' } }
  return parsesAsInt(raw, 32)
    ? { value: Number(raw) }
    : { mismatch: { value: `number ${raw}`, type: 'int32' } }
}

/** json.Unmarshal into a string, then time.Parse; marshalled back in UTC as Go would. */
function time(raw: string, layout: string): Unmarshaled {
  if (raw === 'null') return { zero: true }
  const kind = jsonValueKind(raw)
  if (kind !== 'string') return { mismatch: { value: kind, type: 'string' } }
  // Already as Go would write it back (and so valid): the text is the value.
  const plain = raw.length >= 2 && !raw.includes('\\') ? raw.slice(1, -1) : undefined
  if (plain !== undefined && isCanonicalTime(layout, plain)) return { value: plain }
  const parsed = parseGoTime(layout, JSON.parse(raw) as string)
  if (typeof parsed === 'string') return { error: parsed }
  return { value: layout === RFC3339 ? formatRfc3339(parsed) : formatRfc3339Micro(parsed) }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * base64.StdEncoding.Decode's error for a []byte field, or undefined: "illegal base64 data at
 * input byte N" with N a byte offset into the (UTF-8) string, newlines skipped as Go skips them.
 * Source: encoding/base64/base64.go decodeQuantum (Go 1.23)
 */
export function base64Error(text: string): string | undefined {
  const src = utf8Bytes(text)
  const corrupt = (n: number) => `illegal base64 data at input byte ${n}`
  const isNewline = (c: number | undefined) => c === 0x0a || c === 0x0d
  let si = 0
  while (si < src.length) {
    let j = 0
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined
        return corrupt(si - j)
      }
      const c = src[si++] as number
      if (BASE64.includes(String.fromCharCode(c))) continue
      if (isNewline(c)) {
        j--
        continue
      }
      if (c !== 0x3d) return corrupt(si - 1)
      // Padding: only in the last two places of a quantum, then nothing but newlines.
      if (j < 2) return corrupt(si - 1)
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++
        if (si === src.length) return corrupt(src.length)
        if (src[si] !== 0x3d) return corrupt(si - 1)
        si++
      }
      while (si < src.length && isNewline(src[si])) si++
      return si < src.length ? corrupt(si) : undefined
    }
  }
  return undefined
}
