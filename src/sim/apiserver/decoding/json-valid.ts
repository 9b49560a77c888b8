/**
 * A quick yes to "is this text one valid JSON value?" as Go's scanner (json-syntax.ts) decides
 * it, allocating nothing: a request body is checked before it is decoded, and nearly every body
 * is valid. It only has to be right when it says yes; on a no the scanner finds the error and
 * words it. Same grammar: RFC 8259's literals, numbers, escapes, four white space characters,
 * any character from U+0020 up inside a string, and at most MAX_NESTING_DEPTH levels.
 */

// maxNestingDepth in scanner.go (internal/golang/encoding/json, sigs.k8s.io/json).
export const MAX_NESTING_DEPTH = 10_000

const OBJECT = 1
// Which container each open level is, reused by every call (a check never nests in another).
const containers = new Uint8Array(MAX_NESTING_DEPTH)

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
const isDigit = (c: number) => c >= 0x30 && c <= 0x39
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++
  return i
}

/** The index after the string literal at `i` (a '"'), or -1. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length;) {
    const c = s.charCodeAt(j)
    if (c === 0x22) return j + 1
    if (c < 0x20) return -1
    if (c !== 0x5c) {
      j++
      continue
    }
    const e = s.charCodeAt(j + 1)
    if (e === 0x75) {
      for (let k = j + 2; k < j + 6; k++) if (!isHex(s.charCodeAt(k))) return -1
      j += 6
    } else if (
      e === 0x22 ||
      e === 0x5c ||
      e === 0x2f ||
      e === 0x62 ||
      e === 0x66 ||
      e === 0x6e ||
      e === 0x72 ||
      e === 0x74
    )
      j += 2
    else return -1
  }
  return -1
}

/** The index after the number or literal at `i`, or -1. */
function scalarEnd(s: string, i: number): number {
  const c = s.charCodeAt(i)
  if (c === 0x74) return s.startsWith('true', i) ? i + 4 : -1
  if (c === 0x66) return s.startsWith('false', i) ? i + 5 : -1
  if (c === 0x6e) return s.startsWith('null', i) ? i + 4 : -1
  let j = i
  if (s.charCodeAt(j) === 0x2d) j++
  if (s.charCodeAt(j) === 0x30) j++
  else if (isDigit(s.charCodeAt(j))) while (isDigit(s.charCodeAt(j))) j++
  else return -1
  if (s.charCodeAt(j) === 0x2e) {
    j++
    if (!isDigit(s.charCodeAt(j))) return -1
    while (isDigit(s.charCodeAt(j))) j++
  }
  const e = s.charCodeAt(j)
  if (e === 0x65 || e === 0x45) {
    j++
    const sign = s.charCodeAt(j)
    if (sign === 0x2b || sign === 0x2d) j++
    if (!isDigit(s.charCodeAt(j))) return -1
    while (isDigit(s.charCodeAt(j))) j++
  }
  return j
}

/** The index after `"key":` at `i` (white space allowed around), or -1. */
function keyEnd(s: string, i: number): number {
  const at = skipSpace(s, i)
  if (s.charCodeAt(at) !== 0x22) return -1
  const end = skipSpace(s, stringEnd(s, at))
  return end >= 0 && s.charCodeAt(end) === 0x3a ? end + 1 : -1
}

export function isValidJson(s: string): boolean {
  let depth = 0
  let i = 0
  for (;;) {
    // A value starts at i.
    i = skipSpace(s, i)
    const c = s.charCodeAt(i)
    let closed = false
    if (c === 0x7b || c === 0x5b) {
      if (depth === MAX_NESTING_DEPTH) return false
      const object = c === 0x7b
      containers[depth++] = object ? OBJECT : 0
      i = skipSpace(s, i + 1)
      if (s.charCodeAt(i) === (object ? 0x7d : 0x5d)) {
        depth--
        i++
        closed = true
      } else if (object) {
        i = keyEnd(s, i)
        if (i < 0) return false
        continue
      } else continue
    }
    if (!closed) {
      i = c === 0x22 ? stringEnd(s, i) : scalarEnd(s, i)
      if (i < 0) return false
    }
    // After a value: a comma, the container's end, or the end of the text.
    for (;;) {
      i = skipSpace(s, i)
      if (depth === 0) return i === s.length
      const next = s.charCodeAt(i)
      const inObject = containers[depth - 1] === OBJECT
      if (next === 0x2c) {
        i = inObject ? keyEnd(s, i + 1) : i + 1
        if (i < 0) return false
        break
      }
      if (next !== (inObject ? 0x7d : 0x5d)) return false
      depth--
      i++
    }
  }
}
