import type { GoType } from './go-types'

/** Go's values for what a decode leaves behind, and the text rules of its decoder. */

/** foldName (encoding/json fold.go): ASCII lower case; other runes by their upper then lower case. */
export function fold(key: string): string {
  let out = ''
  for (const c of key) out += c < '\x80' ? c.toLowerCase() : c.toUpperCase().toLowerCase()
  return out
}

// Go decodes invalid UTF-16 escapes and bytes to U+FFFD (unquoteBytes).
export const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export const BYTE: GoType = { kind: 'uint8', name: 'uint8' }

/** The zero value Go stores for a map entry or slice element that was null or mistyped. */
export function zeroOf(type: GoType): unknown {
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
