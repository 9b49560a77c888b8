import type { PackedValue } from './value-pack'

// A value as one changed stretch of an earlier one (value-pack.ts tries it first for a key), and
// a packed value compared with a text without building it.

// PackedValue.o's marker of a literal piece (value-pack.ts): a span's start is never this.
export const LITERAL = 0xffff
// A value kept as one changed stretch of its key's anchor when that stretch is at most this share
// of it (a Lease renewal's renewTime digits: ~2%). Tighter than GOOD_OWN_SHARE: a value whose
// changes lie far apart (a Node's four heartbeat times) packs far smaller word by word.
const ONE_STRETCH_SHARE = 1 / 16
// Strings this long or longer are cut from their parent by reference in V8 (a sliced string
// keeps the whole parent alive); shorter ones are copied.
const SLICE_MIN_CHARS = 13

/**
 * `text` as its key's anchor with one stretch replaced, when that is all that changed (a Lease
 * renewal: its renewTime). Found by comparing characters from both ends, with no token split
 * of the value or of the anchor: every node renews its Lease every 10 s.
 */
export function packAsOneStretch(text: string, anchor: string): PackedValue | undefined {
  const most = Math.min(text.length, anchor.length)
  let head = 0
  while (head < most && text.charCodeAt(head) === anchor.charCodeAt(head)) head++
  let tail = 0
  const textEnd = text.length - 1
  const anchorEnd = anchor.length - 1
  while (
    tail < most - head &&
    text.charCodeAt(textEnd - tail) === anchor.charCodeAt(anchorEnd - tail)
  )
    tail++
  const own = text.length - head - tail
  const ops: number[] = []
  if (head > 0) ops.push(0, head)
  if (own > 0) ops.push(LITERAL, own)
  if (tail > 0) ops.push(anchor.length - tail, anchor.length)
  // Measured as PieceWriter.ownSize measures a packing.
  if (own + 2 * ops.length > text.length * ONE_STRETCH_SHARE) return undefined
  return Object.freeze({
    a: anchor,
    o: String.fromCharCode(...ops),
    l: ownCopy(text, head, head + own),
  })
}

/** text.slice(from, to) as a string of its own, which does not keep `text` alive. */
export function ownCopy(text: string, from: number, to: number): string {
  const piece = text.slice(from, to)
  if (to - from < SLICE_MIN_CHARS) return piece
  // Slicing a concatenation flattens it first: the result refers to that flat copy only.
  return `${piece} `.slice(0, -1)
}

/** Whether a value reads as `text`, compared piece by piece without building it. */
export function packedEquals(value: string | PackedValue, text: string): boolean {
  if (typeof value === 'string') return value === text
  const { a, o, l } = value
  let at = 0
  let own = 0
  for (let k = 0; k < o.length; k += 2) {
    const x = o.charCodeAt(k)
    const y = o.charCodeAt(k + 1)
    const literal = x === LITERAL
    const source = literal ? l : a
    const from = literal ? own : x
    const count = literal ? y : y - x
    if (at + count > text.length) return false
    for (let i = 0; i < count; i++)
      if (text.charCodeAt(at + i) !== source.charCodeAt(from + i)) return false
    at += count
    if (literal) own += y
  }
  return at === text.length
}
