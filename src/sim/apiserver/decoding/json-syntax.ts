import { isValidJson, MAX_NESTING_DEPTH } from './json-valid'

/**
 * The text scanned as Go scans its UTF-8 bytes, without encoding it: every byte JSON's grammar
 * looks at is ASCII, so a code unit stands for a byte, and a non-ASCII character (which is only
 * ever reported, by its first byte) is named by its UTF-8 lead byte.
 */
class Utf16AsBytes {
  readonly length: number
  private readonly text: string
  constructor(text: string) {
    this.text = text
    this.length = text.length
  }
  at(i: number): number | undefined {
    if (i >= this.length) return undefined
    const c = this.text.charCodeAt(i)
    if (c < 0x80) return c
    if (c < 0x800) return 0xc0 | (c >> 6)
    if (c >= 0xd800 && c <= 0xdbff) return 0xf0 | ((this.text.codePointAt(i) ?? c) >> 18)
    return 0xe0 | (c >> 12)
  }
}

/**
 * Go's JSON syntax check (encoding/json scanner.go, as vendored by sigs.k8s.io/json): Unmarshal
 * scans the whole text first, so a syntax error anywhere wins over every type error, with Go's
 * words: "invalid character 'x' looking for beginning of value", "unexpected end of JSON input".
 * Iterative, so deeply nested input cannot overflow the stack.
 * Source: internal/golang/encoding/json/scanner.go, sigs.k8s.io/json (Kubernetes v1.32's copy)
 */

// What the scanner expects next inside an object or array (parseObjectKey ... in scanner.go).
const OBJECT_KEY = 0
const OBJECT_VALUE = 1
const ARRAY_VALUE = 2

const GO_NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
  0x5c: '\\\\',
}

/**
 * quoteChar (scanner.go): how a byte is named in a syntax error, as strconv.Quote(string(c))
 * without its quotes. A byte of a multi-byte UTF-8 character becomes the rune U+00XX, so 'é'
 * is reported by its first byte as 'Ã'.
 */
export function quoteChar(byte: number): string {
  if (byte === 0x27) return `'\\''`
  if (byte === 0x22) return `'"'`
  const named = GO_NAMED_ESCAPES[byte]
  if (named !== undefined) return `'${named}'`
  if (byte < 0x20 || byte === 0x7f) return `'\\x${byte.toString(16).padStart(2, '0')}'`
  // strconv.IsPrint is false for the C1 controls, U+00A0 and U+00AD: Quote writes \u00XX.
  if ((byte >= 0x80 && byte <= 0xa0) || byte === 0xad) return `'\\u00${byte.toString(16)}'`
  return `'${String.fromCharCode(byte)}'`
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isHex = (c: number): boolean =>
  isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)

const LITERALS: Readonly<Record<number, string>> = { 0x74: 'true', 0x66: 'false', 0x6e: 'null' }

/** Returns Go's syntax error for `text`, or undefined when it is one valid JSON value. */
export function jsonSyntaxError(text: string): string | undefined {
  // Nearly every body is valid: a quick check that allocates nothing, then the scanner only for
  // the words of an error.
  if (isValidJson(text)) return undefined
  return scannerError(text)
}

/**
 * The scanner itself: Go's words for the first error (undefined if there is none). Exported for
 * the test that holds jsonSyntaxError's native check to it.
 */
export function scannerError(text: string): string | undefined {
  const data = new Utf16AsBytes(text)
  const stack: number[] = []
  let i = 0
  const fail = (c: number, context: string) => `invalid character ${quoteChar(c)} ${context}`
  // At the end of input Go feeds one space to the scanner (scanner.eof): a half-read literal or
  // number then fails on ' ' rather than with "unexpected end of JSON input".
  const at = (k: number): number =>
    k < data.length ? (data.at(k) as number) : k === data.length ? 0x20 : -1
  const endOfInput = 'unexpected end of JSON input'
  let state: 'value' | 'valueOrEmpty' | 'keyOrEmpty' | 'key' | 'end' = 'value'
  for (;;) {
    const c = at(i)
    if (c === -1) return endOfInput
    if (state === 'end') {
      if (stack.length === 0) {
        for (; i < data.length; i++)
          if (!isSpace(data.at(i) as number))
            return fail(data.at(i) as number, 'after top-level value')
        return undefined
      }
      if (isSpace(c)) {
        if (i >= data.length) return endOfInput
        i++
        continue
      }
      const top = stack[stack.length - 1]
      if (top === OBJECT_KEY) {
        if (c !== 0x3a) return fail(c, 'after object key')
        stack[stack.length - 1] = OBJECT_VALUE
        state = 'value'
      } else if (top === OBJECT_VALUE) {
        if (c === 0x2c) {
          stack[stack.length - 1] = OBJECT_KEY
          state = 'key'
        } else if (c === 0x7d) stack.pop()
        else return fail(c, 'after object key:value pair')
      } else {
        if (c === 0x2c) state = 'value'
        else if (c === 0x5d) stack.pop()
        else return fail(c, 'after array element')
      }
      i++
      continue
    }
    if (isSpace(c)) {
      if (i >= data.length) return endOfInput
      i++
      continue
    }
    if (state === 'valueOrEmpty' && c === 0x5d) {
      stack.pop()
      state = 'end'
      i++
      continue
    }
    if (state === 'keyOrEmpty' && c === 0x7d) {
      stack.pop()
      state = 'end'
      i++
      continue
    }
    if (state === 'key' || state === 'keyOrEmpty') {
      if (c !== 0x22) return fail(c, 'looking for beginning of object key string')
    }
    if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b ? OBJECT_KEY : ARRAY_VALUE)
      if (stack.length > MAX_NESTING_DEPTH) return fail(c, 'exceeded max depth')
      state = c === 0x7b ? 'keyOrEmpty' : 'valueOrEmpty'
      i++
      continue
    }
    const error = c === 0x22 ? scanString(data, i, at, fail) : scanScalar(data, i, at, fail, c)
    if (typeof error === 'string') return error
    i = error
    state = 'end'
  }
}

type Fail = (c: number, context: string) => string

function scanString(data: Utf16AsBytes, start: number, at: (k: number) => number, fail: Fail) {
  for (let i = start + 1; ; i++) {
    const c = at(i)
    if (c === -1 || i >= data.length) return 'unexpected end of JSON input'
    if (c === 0x22) return i + 1
    if (c < 0x20) return fail(c, 'in string literal')
    if (c !== 0x5c) continue
    const e = at(++i)
    if (i >= data.length) return 'unexpected end of JSON input'
    if (e === 0x75) {
      for (let k = 0; k < 4; k++) {
        const h = at(++i)
        if (i >= data.length) return 'unexpected end of JSON input'
        if (!isHex(h)) return fail(h, 'in \\u hexadecimal character escape')
      }
    } else if (!'bfnrt\\/"'.includes(String.fromCharCode(e)))
      return fail(e, 'in string escape code')
  }
}

function scanScalar(
  data: Utf16AsBytes,
  start: number,
  at: (k: number) => number,
  fail: Fail,
  first: number,
): number | string {
  const literal = LITERALS[first]
  if (literal !== undefined) {
    for (let k = 1; k < literal.length; k++) {
      const c = at(start + k)
      if (c === -1) return 'unexpected end of JSON input'
      if (c !== literal.charCodeAt(k))
        return fail(c, `in literal ${literal} (expecting '${literal.charAt(k)}')`)
    }
    return start + literal.length
  }
  if (first !== 0x2d && !isDigit(first)) return fail(first, 'looking for beginning of value')
  let i = start
  if (first === 0x2d) {
    i++
    if (!isDigit(at(i)))
      return at(i) === -1 ? 'unexpected end of JSON input' : fail(at(i), 'in numeric literal')
  }
  if (at(i) === 0x30) i++
  else while (isDigit(at(i))) i++
  if (at(i) === 0x2e) {
    i++
    if (!isDigit(at(i))) return fail(at(i), 'after decimal point in numeric literal')
    while (isDigit(at(i))) i++
  }
  if (at(i) === 0x65 || at(i) === 0x45) {
    i++
    if (at(i) === 0x2b || at(i) === 0x2d) i++
    if (!isDigit(at(i))) return fail(at(i), 'in exponent of numeric literal')
    while (isDigit(at(i))) i++
  }
  return i > data.length ? 'unexpected end of JSON input' : i
}
