import { registerHostCache } from '../core/host-caches'
import { LITERAL, ownCopy, packAsOneStretch } from './value-stretch'

/**
 * One compact copy of each stored value's bytes. etcd keeps a value once in its backend (bbolt,
 * on disk) and the Raft log keeps the request that wrote it; here every one is a JS string the
 * Raft entry, the MVCC store (current value and history) and all three members share by
 * reference. At 150,000 Pods those strings were most of the control plane's heap: a Pod's JSON
 * is ~2.7 KB and its five Events ~0.7 KB each, and siblings' values are nearly the same text
 * (a ReplicaSet's template, the same Event reasons; only names, uids, times and IPs differ).
 *
 * So a long value is kept as a diff against an "anchor" (an earlier value under the same key
 * directory, kept whole: its own key's last anchor first, else a sibling's): the spans it shares
 * with the anchor by position, and its own text.
 * Reading it back builds the very same string (`unpackValue`); nothing that reads a value can
 * tell, and the bytes served are those written. Which anchor a value packs against depends on
 * what this process wrote before (a cache outside the sim state, like entry-payload.ts's
 * firstApplied): only how a value is held depends on it, never what it reads as.
 *
 * Invariant: unpackValue(packValue(key, text)) === text, for every text.
 * Invariant: a PackedValue and its anchor are never changed (frozen, shared by checkpoints).
 */
export interface PackedValue {
  /** The anchor: an earlier value, whole. */
  readonly a: string
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
// A value is kept packed when its own text (and pieces) are at most this share of it...
const MAX_OWN_SHARE = 0.5
// ...and an anchor that leaves it at most this share serves; else it becomes an anchor too.
const GOOD_OWN_SHARE = 0.25
// Anchors kept per key directory (a namespace's Pods, its Events: a few shapes each).
const ANCHORS_PER_DIRECTORY = 8
// Directories remembered before the table starts again (it only chooses anchors).
const MAX_DIRECTORIES = 4_096

/** An anchor and its token index (derived: rebuilt with the anchor when it is chosen). */
interface Anchor {
  text: string
  tokens: string[]
  /** Character offset of each token. */
  offsets: Int32Array
  /**
   * Where each token occurs, in order: its first index, then nextSame[p] after index p (-1 at
   * the last). A chain in one typed array, not a list per token: a Lease renewal's text becomes
   * an anchor on every renewal (no sibling leaves it under GOOD_OWN_SHARE), ~40 tokens each.
   */
  first: Map<string, number> | undefined
  nextSame: Int32Array | undefined
}

const anchorsByDirectory = registerHostCache(
  'etcd/value-pack.ts anchorsByDirectory',
  new Map<string, Anchor[]>(),
)

/**
 * The anchor text each key's last value was kept against (or was, when it became one): tried
 * first for its next value. A Lease renewal differs from its own last one in renewTime only,
 * but from every sibling in two uids and its name, three times (~31% of its text, short of
 * GOOD_OWN_SHARE): against its directory it tried all 8 anchors on every renewal and became one
 * itself. Texts only (the stored values hold them already): tried as one changed stretch first
 * (packAsOneStretch, a Lease renewal), else word by word with an index built when used.
 */
const anchorTextByKey = registerHostCache(
  'etcd/value-pack.ts anchorTextByKey',
  new Map<string, string>(),
)
// Keys remembered before the table starts again (a 5,000-node cluster's Leases, and then some).
const MAX_KEYS = 16_384

/**
 * Packs `tokens` against the anchor this key's last value used, when that serves well: its
 * directory's own copy of that anchor when it still has one (a Pod's sibling), else an index
 * built from the text (a Lease's own last text, long pushed out by its 4,999 siblings').
 */
function packAgainstKeyAnchor(
  key: string,
  text: string,
  tokens: string[],
  anchors: readonly Anchor[],
): PackedValue | undefined {
  const anchorText = anchorTextByKey.get(key)
  if (anchorText === undefined) return undefined
  const anchor =
    anchors.find((a) => a.text === anchorText) ??
    makeAnchor(anchorText, anchorText.split('"'), false)
  const pieces = packAgainst(tokens, text.length, anchor, WRITERS[0])
  if (pieces === undefined || pieces.ownSize() > text.length * GOOD_OWN_SHARE) return undefined
  return pieces.finish(anchorText)
}

function rememberKeyAnchor(key: string, anchorText: string): void {
  if (anchorTextByKey.size >= MAX_KEYS && !anchorTextByKey.has(key)) anchorTextByKey.clear()
  anchorTextByKey.set(key, anchorText)
}

/** `text` as stored: a PackedValue when it packs well against a recent value of its directory. */
export function packValue(key: string, text: string): string | PackedValue {
  if (text.length < PACK_MIN_CHARS || text.length > MAX_CHARS) return text
  const keyAnchor = anchorTextByKey.get(key)
  const stretch = keyAnchor === undefined ? undefined : packAsOneStretch(text, keyAnchor)
  if (stretch !== undefined) return stretch
  const directory = key.slice(0, key.lastIndexOf('/') + 1)
  let anchors = anchorsByDirectory.get(directory)
  if (anchors === undefined) {
    if (anchorsByDirectory.size >= MAX_DIRECTORIES) anchorsByDirectory.clear()
    anchorsByDirectory.set(directory, (anchors = []))
  }
  const tokens = text.split('"')
  const againstKey = packAgainstKeyAnchor(key, text, tokens, anchors)
  if (againstKey !== undefined) return againstKey
  // Only the packing kept is built (its text joined, its pieces encoded): each anchor tried
  // measures its pieces first, in one of two writers used again and again (the best so far in
  // one, the next try in the other: a Lease renewal tries all 8 anchors).
  let best: PieceWriter | undefined
  let bestAnchor = ''
  let bestOwn = Infinity
  for (let i = 0; i < anchors.length; i++) {
    const anchor = anchors[i] as Anchor
    const pieces = packAgainst(
      tokens,
      text.length,
      anchor,
      best === WRITERS[0] ? WRITERS[1] : WRITERS[0],
    )
    if (pieces === undefined) continue
    const own = pieces.ownSize()
    if (own <= text.length * GOOD_OWN_SHARE) {
      // The anchor that served goes first: the next sibling most likely packs against it too.
      if (i > 0) anchors.unshift(...anchors.splice(i, 1))
      rememberKeyAnchor(key, anchor.text)
      return pieces.finish(anchor.text)
    }
    if (own < bestOwn) {
      best = pieces
      bestAnchor = anchor.text
      bestOwn = own
    }
  }
  // No anchor is close: this text becomes one (its next siblings pack against it), and it is
  // kept packed against the closest there was, if any was close enough.
  anchors.unshift(makeAnchor(text, tokens))
  if (anchors.length > ANCHORS_PER_DIRECTORY) anchors.pop()
  rememberKeyAnchor(key, text)
  return best ? best.finish(bestAnchor) : text
}

/**
 * An anchor of `tokens`; `indexed`: with the index of where each token occurs, for an anchor
 * tried many times (a directory's). One used once (a key's, rebuilt per use) looks its few
 * resyncs up in the tokens instead (a Lease renewal has one: its renewTime).
 */
function makeAnchor(text: string, tokens: string[], indexed = true): Anchor {
  const count = tokens.length
  const offsets = new Int32Array(count)
  let at = 0
  for (let j = 0; j < count; j++) {
    offsets[j] = at
    at += (tokens[j] as string).length + 1
  }
  if (!indexed) return { text, tokens, offsets, first: undefined, nextSame: undefined }
  const nextSame = new Int32Array(count)
  const first = new Map<string, number>()
  // From the end, so each token's chain comes out in increasing order.
  for (let j = count - 1; j >= 0; j--) {
    const token = tokens[j] as string
    nextSame[j] = first.get(token) ?? -1
    first.set(token, j)
  }
  return { text, tokens, offsets, first, nextSame }
}

/**
 * The pieces of one value as they are found: spans of the anchor and the value's own text. The
 * own text is kept as where it comes from (a token, a range of it, and whether the quote after
 * it is included) and only built by `finish`, for the one packing kept.
 */
class PieceWriter {
  /** The pieces, encoded (PackedValue.o's code units), the first `opCount` of them. */
  private readonly ops: number[] = []
  private opCount = 0
  /**
   * The own text's pieces, the first `ownCount`: ownFrom[k] (a token) from ownBounds[3k] to
   * ownBounds[3k + 1], and a quote when ownBounds[3k + 2] is 1. Counted, not truncated, when
   * the writer is used again: an array set to length 0 gives its room back.
   */
  private readonly ownFrom: string[] = []
  private readonly ownBounds: number[] = []
  private ownCount = 0
  ownChars = 0
  private spanStart = -1
  private spanEnd = -1
  private literalRun = 0

  /** Empty again, keeping the arrays' room. */
  reset(): this {
    this.opCount = 0
    this.ownCount = 0
    this.ownChars = 0
    this.spanStart = -1
    this.spanEnd = -1
    this.literalRun = 0
    return this
  }

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

  /** token.slice(from, to), followed by a quote when `quote` is 1. */
  literal(token: string, from: number, to: number, quote: number): void {
    const length = to - from + quote
    if (length === 0) return
    this.flushSpan()
    const k = this.ownCount++
    this.ownFrom[k] = token
    this.ownBounds[3 * k] = from
    this.ownBounds[3 * k + 1] = to
    this.ownBounds[3 * k + 2] = quote
    this.ownChars += length
    this.literalRun += length
  }

  /** Ends the pieces: their own text's length plus two code units per piece. */
  ownSize(): number {
    this.flushSpan()
    this.flushLiteral()
    return this.ownChars + this.opCount * 2
  }

  /** The packed value (after ownSize). */
  finish(anchor: string): PackedValue {
    const own: string[] = []
    const bounds = this.ownBounds
    for (let k = 0; k < this.ownCount; k++) {
      const piece = (this.ownFrom[k] as string).slice(bounds[3 * k], bounds[3 * k + 1])
      own.push(bounds[3 * k + 2] === 1 ? `${piece}"` : piece)
    }
    const ops = String.fromCharCode(...this.ops.slice(0, this.opCount))
    // One piece is joined as itself: a slice of the value's text, which it would keep alive.
    const l =
      own.length === 1 ? ownCopy(own[0] as string, 0, (own[0] as string).length) : own.join('')
    return Object.freeze({ a: anchor, o: ops, l })
  }

  private op(x: number, y: number): void {
    this.ops[this.opCount++] = x
    this.ops[this.opCount++] = y
  }

  private flushSpan(): void {
    if (this.spanStart >= 0) this.op(this.spanStart, this.spanEnd)
    this.spanStart = -1
  }

  private flushLiteral(): void {
    if (this.literalRun > 0) this.op(LITERAL, this.literalRun)
    this.literalRun = 0
  }
}

// packValue's two writers (module scratch, like the anchor table: never part of the sim state).
const WRITERS = [new PieceWriter(), new PieceWriter()] as const

// A replaced token keeps the anchor's token's common start and end when they are this long
// (a time within the same minute, a sibling's name): shorter ones cost more than they save.
const MIN_AFFIX = 5

/**
 * The value's tokens (its text split at '"') matched in order to the anchor's: a token equal
 * to the anchor's next one continues the span; any other is looked up in the anchor (the first
 * occurrence from the current place on, else the last before it) and taken when the token
 * after it matches too; else it is the value's own (a name, a uid, a time) but for the start
 * and end it shares with the anchor's token in its place, and the anchor's place moves on by
 * one (a value replaced). Undefined when too little is shared; else the pieces, ended.
 */
function packAgainst(
  tokens: string[],
  length: number,
  anchor: Anchor,
  writer: PieceWriter,
): PieceWriter | undefined {
  const out = writer.reset()
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
    else out.literal(token, 0, token.length, quote)
    j++
    if (out.ownChars > length * MAX_OWN_SHARE) return undefined
  }
  if (out.ownSize() > length * MAX_OWN_SHARE) return undefined
  return out
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
  out.literal(token, head, token.length - tail, 0)
  if (tail > 0 || quote === 1) {
    const end = at + was.length
    if (tail > 0) out.span(end - tail, end + quote)
    else out.span(end, end + quote)
  }
}

/** Where the value's token `t` continues in the anchor (its next token matching too), or -1. */
function resync(anchor: Anchor, tokens: string[], t: number, j: number): number {
  const token = tokens[t] as string
  const next = tokens[t + 1]
  const { first, nextSame } = anchor
  let before = -1
  // Every occurrence of the token in the anchor, in order: from the index, or by looking.
  let p = first === undefined ? anchor.tokens.indexOf(token) : (first.get(token) ?? -1)
  while (p >= 0) {
    if (next === undefined || anchor.tokens[p + 1] === next) {
      if (p >= j) return p
      before = p
    }
    p = nextSame === undefined ? anchor.tokens.indexOf(token, p + 1) : (nextSame[p] as number)
  }
  return before
}

/** The text a stored value reads as. */
export function unpackValue(value: string | PackedValue): string {
  if (typeof value === 'string') return value
  const { a, o, l } = value
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
  anchorTextByKey.clear()
}
