import type { GoType } from './go-types'

/** Go's values for what a decode leaves behind, and the text rules of its decoder. */

/**
 * The largest double below 2^63. An int64 beyond it cannot be held in a JavaScript number and
 * written back as an int64, so it is clamped there (NB: Go keeps all 64 bits).
 */
export const INT64_LIMIT = 9_223_372_036_854_774_784

export const clampInt64 = (value: number): number =>
  Math.max(-INT64_LIMIT, Math.min(INT64_LIMIT, value))

const NON_ASCII = /[^\u0020-\u007e]/

/** foldName (encoding/json fold.go): ASCII lower case; other runes by their upper then lower case. */
export function fold(key: string): string {
  // Printable ASCII only, as nearly every key is: the fold is the lower case.
  if (!NON_ASCII.test(key)) return key.toLowerCase()
  let out = ''
  for (const c of key) out += c < '\x80' ? c.toLowerCase() : c.toUpperCase().toLowerCase()
  return out
}

// Go decodes invalid UTF-16 escapes and bytes to U+FFFD (unquoteBytes).
export const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export const BYTE: GoType = { kind: 'uint8', name: 'uint8' }

/**
 * A decoded struct with its required fields filled: Go holds a zero value in a field the JSON
 * left out and writes it back (they are not omitempty), and the TypeScript types downstream
 * count on them (`containers: Container[]`). Times and raw JSON stay out (Go writes null).
 */
export function withRequired(
  type: GoType,
  object: Record<string, unknown>,
  depth = 0,
): Record<string, unknown> {
  if (type.kind !== 'struct') return object
  for (const name of type.required) {
    if (object[name] !== undefined) continue
    const field = type.fields.get(name)
    const zero = field && depth < 8 ? zeroOf(field, depth + 1) : undefined
    if (zero !== undefined && zero !== null) object[name] = zero
  }
  return object
}

/** The zero value Go stores for a map entry or slice element that was null or mistyped. */
export function zeroOf(type: GoType, depth = 0): unknown {
  switch (type.kind) {
    case 'string':
    case 'bytes':
      return ''
    case 'bool':
      return false
    case 'int32':
    case 'int64':
    case 'uint8':
    case 'float64':
    case 'intorstring':
      return 0
    case 'quantity':
      return '0'
    case 'struct':
      return withRequired(type, {}, depth)
    case 'slice':
      return []
    case 'map':
      return {}
    default:
      return null
  }
}

export function toBase64(bytes: readonly number[]): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | (b << 8) | c
    out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63)
    out += i + 1 < bytes.length ? alphabet.charAt((n >> 6) & 63) : '='
    out += i + 2 < bytes.length ? alphabet.charAt(n & 63) : '='
  }
  return out
}
