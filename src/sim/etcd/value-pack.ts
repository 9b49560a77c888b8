/**
 * One compact copy of each stored value's bytes. etcd keeps a value once in its backend (bbolt,
 * on disk) and the Raft log keeps the request that wrote it; here every one is a JS string the
 * Raft entry, the MVCC store (current value and history) and all three members share by
 * reference. At 150,000 Pods those strings were most of the control plane's heap: a Pod's JSON
 * is ~2.7 KB and its five Events ~0.7 KB each, and siblings' values are nearly the same text
 * (a ReplicaSet's template, the same Event reasons; only names, uids, times and IPs differ).
 *
 * So a long value is kept as a diff against an "anchor" (an earlier value under the same key
 * directory, kept whole): the spans it shares with the anchor by position, and its own text.
 * Reading it back builds the very same string (`unpackValue`); nothing that reads a value can
 * tell, and the bytes served are those written. Which anchor a value packs against depends on
 * what this process wrote before (a cache outside the sim state, like entry-payload.ts's
 * firstApplied): only how a value is held depends on it, never what it reads as.
 *
 * Invariant: unpackValue(packValue(key, text)) === text, for every text.
 * Invariant: a PackedValue and its anchor are never changed (frozen, shared by checkpoints).
 */
export interface PackedValue {
  /**
   * The anchor: an earlier value, whole; or an earlier value of the same key (its base), itself
   * packed against a whole one. Invariant: a PackedValue anchor's own anchor is a string.
   */
  readonly a: string | PackedValue
  /**
   * The pieces, two UTF-16 code units each: (start, end) of a span of the anchor, or
   * (LITERAL, n): the next n characters of `l`.
   */
  readonly o: string
  /** The value's own text, the literal pieces one after the other. */
  readonly l: string
}

// Values shorter than this stay strings (a Lease renewal packs, a short test value does not).
export const PACK_MIN_CHARS = 256
// Offsets are single code units; a value or anchor this long stays a string.
const MAX_CHARS = 0xfffe
const LITERAL = 0xffff
// A value is kept packed when its own text (and pieces) are at most this share of it...
const MAX_OWN_SHARE = 0.5
// ...and an anchor that leaves it at most this share serves; else it becomes an anchor too.
const GOOD_OWN_SHARE = 0.25
// Anchors kept per key directory (a namespace's Pods, its Events: a few shapes each).
const ANCHORS_PER_DIRECTORY = 16
// Directories remembered before the table starts again (it only chooses anchors).
const MAX_DIRECTORIES = 4_096

/** An anchor and its token index (derived: rebuilt with the anchor when it is chosen). */
interface Anchor {
  text: string
  tokens: string[]
  /** Character offset of each token. */
  offsets: number[]
  /** Where each token occurs, in order. */
  where: Map<string, number[]>
}

const anchorsByDirectory = new Map<string, Anchor[]>()

// A key written this often packs against its own earlier value (its base) before its siblings':
// a node's Lease, renewed every 10 s, differs from its last renewal by the renewTime alone but
// from another node's by its name and two uids too, and at 5,000 nodes these renewals are most
// of etcd's history (500 a second, kept 5 to 10 minutes) and of its Raft log. A Pod (written
// ~5 times as it starts) keeps packing against its siblings: a base of its own would outlive
// its history as one more copy per Pod.
const KEY_BASE_VERSION = 8

/** The value a key held before, as its KeyValue holds it, and its version. */
export interface PreviousValue {
  stored: string | PackedValue | undefined
  version: number
}

/**
 * `text` as stored: a PackedValue when it packs well against a recent value of its directory, or
 * (a key written often) against the key's own earlier value.
 */
export function packValue(
  key: string,
  text: string,
  previous?: PreviousValue,
): string | PackedValue {
  if (text.length < PACK_MIN_CHARS || text.length > MAX_CHARS) return text
  if (previous !== undefined && previous.version >= KEY_BASE_VERSION) {
    const own = packAgainstKey(text, previous.stored)
    if (own !== undefined) return own
  }
  const directory = key.slice(0, key.lastIndexOf('/') + 1)
  let anchors = anchorsByDirectory.get(directory)
  if (anchors === undefined) {
    if (anchorsByDirectory.size >= MAX_DIRECTORIES) anchorsByDirectory.clear()
    anchorsByDirectory.set(directory, (anchors = []))
  }
  const tokens = text.split('"')
  let best: PackedValue | undefined
  let bestOwn = Infinity
  for (let i = 0; i < anchors.length; i++) {
    const anchor = anchors[i] as Anchor
    const packed = packAgainst(tokens, text.length, anchor)
    if (packed === undefined) continue
    const own = packed.l.length + packed.o.length * 2
    if (own <= text.length * GOOD_OWN_SHARE) {
      // The anchor that served goes first: the next sibling most likely packs against it too.
      if (i > 0) anchors.unshift(...anchors.splice(i, 1))
      return packed
    }
    if (own < bestOwn) {
      best = packed
      bestOwn = own
    }
  }
  // No anchor is close: this text becomes one (its next siblings pack against it), and it is
  // kept packed against the closest there was, if any was close enough.
  anchors.unshift(makeAnchor(text, tokens))
  if (anchors.length > ANCHORS_PER_DIRECTORY) anchors.pop()
  return best ?? text
}

/** What a key's next value packs against: its previous value, or that one's own base. */
function baseOf(stored: string | PackedValue | undefined): string | PackedValue | undefined {
  if (stored === undefined) return undefined
  if (typeof stored === 'string')
    return stored.length >= PACK_MIN_CHARS && stored.length <= MAX_CHARS ? stored : undefined
  return typeof stored.a === 'string' ? stored : stored.a
}

/**
 * `text` packed against its key's base, when that leaves it little of its own. The base's token
 * index is made for each write and let go: kept per key (a Node's is ~15 KB), 5,000 Nodes' and
 * Leases' would outweigh what their packing saves.
 */
function packAgainstKey(
  text: string,
  stored: string | PackedValue | undefined,
): PackedValue | undefined {
  const base = baseOf(stored)
  if (base === undefined) return undefined
  const baseText = unpackValue(base)
  const anchor = makeAnchor(baseText, baseText.split('"'))
  const packed = packAgainst(text.split('"'), text.length, anchor, base)
  if (packed === undefined) return undefined
  return packed.l.length + packed.o.length * 2 <= text.length * GOOD_OWN_SHARE ? packed : undefined
}

function makeAnchor(text: string, tokens: string[]): Anchor {
  const offsets: number[] = []
  const where = new Map<string, number[]>()
  let at = 0
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j] as string
    offsets.push(at)
    at += token.length + 1
    const list = where.get(token)
    if (list === undefined) where.set(token, [j])
    else list.push(j)
  }
  return { text, tokens, offsets, where }
}

/** The pieces of one value as they are found: spans of the anchor and the value's own text. */
class PieceWriter {
  readonly ops: number[] = []
  readonly own: string[] = []
  ownChars = 0
  private spanStart = -1
  private spanEnd = -1
  private literalRun = 0

  span(start: number, end: number): void {
    if (start === end) return
    this.flushLiteral()
    if (this.spanStart >= 0 && start === this.spanEnd) {
      this.spanEnd = end
      return
    }
    this.flushSpan()
    this.spanStart = start
    this.spanEnd = end
  }

  literal(text: string): void {
    if (text === '') return
    this.flushSpan()
    this.own.push(text)
    this.ownChars += text.length
    this.literalRun += text.length
  }

  finish(anchor: string | PackedValue): PackedValue {
    this.flushSpan()
    this.flushLiteral()
    return Object.freeze({ a: anchor, o: String.fromCharCode(...this.ops), l: this.own.join('') })
  }

  private flushSpan(): void {
    if (this.spanStart >= 0) this.ops.push(this.spanStart, this.spanEnd)
    this.spanStart = -1
  }

  private flushLiteral(): void {
    if (this.literalRun > 0) this.ops.push(LITERAL, this.literalRun)
    this.literalRun = 0
  }
}

// A replaced token keeps the anchor's token's common start and end when they are this long
// (a time within the same minute, a sibling's name): shorter ones cost more than they save.
const MIN_AFFIX = 5

/**
 * The value's tokens (its text split at '"') matched in order to the anchor's: a token equal
 * to the anchor's next one continues the span; any other is looked up in the anchor (the first
 * occurrence from the current place on, else the last before it) and taken when the token
 * after it matches too; else it is the value's own (a name, a uid, a time) but for the start
 * and end it shares with the anchor's token in its place, and the anchor's place moves on by
 * one (a value replaced). Undefined when too little is shared.
 */
function packAgainst(
  tokens: string[],
  length: number,
  anchor: Anchor,
  held: string | PackedValue = anchor.text,
): PackedValue | undefined {
  const out = new PieceWriter()
  const a = anchor.tokens
  const last = tokens.length - 1
  const anchorLast = a.length - 1
  let j = 0
  for (let t = 0; t <= last; t++) {
    const token = tokens[t] as string
    const quote = t === last ? 0 : 1
    let p = j <= anchorLast && a[j] === token ? j : -1
    if (p < 0) p = resync(anchor, tokens, t, j)
    // A span covers the token and the quote after it: both must be last, or neither.
    if (p >= 0 && (p === anchorLast) === (t === last)) {
      const start = anchor.offsets[p] as number
      out.span(start, start + token.length + quote)
      j = p + 1
      continue
    }
    if (j <= anchorLast && (j === anchorLast) === (t === last))
      replaced(out, token, a[j] as string, anchor.offsets[j] as number, quote)
    else out.literal(quote === 1 ? `${token}"` : token)
    j++
    if (out.ownChars > length * MAX_OWN_SHARE) return undefined
  }
  const packed = out.finish(held)
  if (out.ownChars + out.ops.length * 2 > length * MAX_OWN_SHARE) return undefined
  return packed
}

/** A token in place of the anchor's `was` (at `at`): their common start and end as spans. */
function replaced(out: PieceWriter, token: string, was: string, at: number, quote: number): void {
  const most = Math.min(token.length, was.length)
  let head = 0
  while (head < most && token.charCodeAt(head) === was.charCodeAt(head)) head++
  let tail = 0
  while (
    tail < most - head &&
    token.charCodeAt(token.length - 1 - tail) === was.charCodeAt(was.length - 1 - tail)
  )
    tail++
  if (head < MIN_AFFIX) head = 0
  if (tail < MIN_AFFIX) tail = 0
  out.span(at, at + head)
  out.literal(token.slice(head, token.length - tail))
  if (tail > 0 || quote === 1) {
    const end = at + was.length
    if (tail > 0) out.span(end - tail, end + quote)
    else out.span(end, end + quote)
  }
}

/** Where the value's token `t` continues in the anchor (its next token matching too), or -1. */
function resync(anchor: Anchor, tokens: string[], t: number, j: number): number {
  const list = anchor.where.get(tokens[t] as string)
  if (list === undefined) return -1
  const next = tokens[t + 1]
  let before = -1
  for (const p of list) {
    if (next !== undefined && anchor.tokens[p + 1] !== next) continue
    if (p >= j) return p
    before = p
  }
  return before
}

/** The text a stored value reads as. */
export function unpackValue(value: string | PackedValue): string {
  if (typeof value === 'string') return value
  const { o, l } = value
  const a = typeof value.a === 'string' ? value.a : unpackValue(value.a)
  const parts: string[] = []
  let at = 0
  for (let k = 0; k < o.length; k += 2) {
    const x = o.charCodeAt(k)
    const y = o.charCodeAt(k + 1)
    if (x === LITERAL) {
      parts.push(l.slice(at, at + y))
      at += y
    } else parts.push(a.slice(x, y))
  }
  return parts.join('')
}

/** What a value reads as, in characters, without building it. */
export function packedLength(value: string | PackedValue): number {
  if (typeof value === 'string') return value.length
  let length = value.l.length
  for (let k = 0; k < value.o.length; k += 2) {
    const x = value.o.charCodeAt(k)
    if (x !== LITERAL) length += value.o.charCodeAt(k + 1) - x
  }
  return length
}

/** A record with a `value` text: a KeyValue, a Raft entry's KeyTxn. */
interface ValueHolder {
  readonly value?: string | undefined
}

function readPacked(this: { packed: PackedValue }): string {
  return unpackValue(this.packed)
}

/**
 * Gives `target` (a record being built, not yet frozen) a `value` that reads as the packed
 * value's text: an enumerable getter over a hidden (non-enumerable) `packed` property. Every
 * reader, JSON.stringify and structuredClone see the same `value` text as a plain property's,
 * while the record holds the packed copy. Call it where `value` goes in the record's key order.
 */
export function definePackedValue(target: object, packed: PackedValue): void {
  Object.defineProperty(target, 'packed', { value: packed })
  Object.defineProperty(target, 'value', { get: readPacked, enumerable: true })
}

/** The value as the record holds it (packed or not), without unpacking it. */
export function storedValueOf(holder: ValueHolder): string | PackedValue | undefined {
  return (holder as { packed?: PackedValue }).packed ?? holder.value
}

/** The length of a record's value text, without unpacking it. */
export function valueLength(holder: ValueHolder): number {
  const stored = storedValueOf(holder)
  return stored === undefined ? 0 : packedLength(stored)
}

/** Forgets every anchor (tests: a packing that starts from nothing). */
export function forgetAnchors(): void {
  anchorsByDirectory.clear()
}
