import { storedValueOf } from '../etcd/value-pack'
import { containerBytes, OBJECT_BYTES, PROPERTY_BYTES, stringSize } from './heap-size'

/**
 * What a checkpoint keeps alive of the frozen values it shares (core/share-clone.ts): a Raft
 * entry, an etcd KeyValue and its history, a watch-cache object. A copy shares them instead of
 * copying them, so they cost nothing while the live state holds them too; once the live state
 * drops them (etcd's snapshot and compaction, a watch cache's ring moving on) the checkpoints
 * that still reference them are all that keeps them. So a checkpoint is charged, when the next
 * one is taken, with the frozen values it held that the next copy no longer holds: values only
 * it and older checkpoints keep alive. The newest is charged nothing (its values are the live
 * state's).
 *
 * Found while copying (core/copy-like.ts compares each member with the earlier copy's member of
 * the same place): a frozen value met where the earlier copy held something else was `added`; the
 * earlier copy's value there was `dropped`. A dropped value the new copy still holds elsewhere
 * (met as added elsewhere: a Raft log shifted by a snapshot, a value moved from one Map to
 * another) is not released. Left out (over-counted): a value dropped from one place and still
 * held, unchanged, in another (not walked: it did not change).
 *
 * Each released value is counted with its birth, the checkpoint that first held it, so dropping
 * a checkpoint hands its released bytes to the kept one before it only when that one held them
 * too (born at or before it): values live over one stretch of time, so a value held by two kept
 * checkpoints is counted once, under the newest of them that the next no longer holds it.
 */
export class PinLedger {
  /**
   * Frozen value → the walk that first held it (its index in `walkAtMs`), or COUNTED once it was
   * counted as released. One entry a value for both: a walk's new values are told from the
   * values it moved by this mark alone (no Set of its own for them), and counting marks here.
   */
  private readonly marks = new WeakMap<object, number>()
  /** Virtual ms of each walk's checkpoint, by walk. */
  private readonly walkAtMs: number[] = []

  /** A ledger walk for the checkpoint taken at `atMs`. */
  walk(atMs: number): PinWalk {
    this.walkAtMs.push(atMs)
    return new PinWalk(this.walkAtMs.length - 1, this.marks, this.walkAtMs)
  }
}

/** What `PinLedger.marks` holds for a value counted as released (each is counted once). */
const COUNTED = -1

/** One checkpoint's walk: frozen values it added and the earlier copy's it dropped. */
export class PinWalk {
  /**
   * Values added by this walk that an earlier walk held first (moved, or copied again): the ones
   * it held first are marked with this walk in `marks`. Most of a walk's values are new (a Raft
   * entry, a KeyValue), and most are met several times (every etcd member holds them).
   */
  private readonly added = new Set<object>()
  private readonly dropped: object[] = []

  private readonly walkIndex: number
  private readonly marks: WeakMap<object, number>
  private readonly walkAtMs: readonly number[]

  constructor(walkIndex: number, marks: WeakMap<object, number>, walkAtMs: readonly number[]) {
    this.walkIndex = walkIndex
    this.marks = marks
    this.walkAtMs = walkAtMs
  }

  /** A frozen value the new copy holds where the earlier one did not. */
  add(value: object): void {
    const mark = this.marks.get(value)
    if (mark === undefined) this.marks.set(value, this.walkIndex)
    else if (mark !== this.walkIndex) this.added.add(value)
  }

  /** What the earlier copy held in a place the new copy holds something else: frozen values under it. */
  drop(earlier: unknown): void {
    if (typeof earlier === 'object' && earlier !== null) this.dropped.push(earlier)
  }

  /**
   * Bytes released by this walk (dropped and not added), by birth. A mutable part of the
   * earlier copy is looked through (it is the copy's own, counted as copied objects). A frozen
   * value counts with the frozen values under it, each frozen object once in its life (the
   * first time a value holding it is released): a part shared with values still held (the API
   * server's interned parts, shared-structure.ts; a Pod's unchanged parts across its versions)
   * is counted early, once, rather than with every holder, and walking stops at what was
   * counted, so a checkpoint costs the objects newly released, not their shared parts again.
   */
  released(): Map<number, number> {
    const out = new Map<number, number>()
    const lookedThrough = new Set<object>()
    const stack = this.dropped
    while (stack.length > 0) {
      const value = stack.pop() as object
      if (!Object.isFrozen(value)) {
        if (lookedThrough.has(value)) continue
        lookedThrough.add(value)
        bytesAndMembers(value, stack)
        continue
      }
      const mark = this.marks.get(value)
      if (mark === this.walkIndex || mark === COUNTED) continue
      if (mark !== undefined && this.added.has(value)) continue
      const birth = mark === undefined ? 0 : (this.walkAtMs[mark] as number)
      out.set(birth, (out.get(birth) ?? 0) + this.countOnce(value))
    }
    return out
  }

  /** `value`'s bytes and those of the frozen objects under it not counted yet; marks them. */
  private countOnce(value: object): number {
    let bytes = 0
    const stack = [value]
    while (stack.length > 0) {
      const v = stack.pop() as object
      if (!Object.isFrozen(v) || this.marks.get(v) === COUNTED) continue
      this.marks.set(v, COUNTED)
      bytes += bytesAndMembers(v, stack)
    }
    return bytes
  }
}

// A frozen value's own size (core/heap-size.ts, heap-walk's model) with its strings; short
// strings (≤ 10 characters: names, V8 internalizes them) free; a packed value weighs its pieces
// (its anchor is shared by many values: not counted).
const SHORT_STRING = 10
const stringBytes = (s: string): number => (s.length <= SHORT_STRING ? 0 : stringSize(s))

/** A frozen value's own estimated size (what PinWalk.released counts for it). */
export function ownBytes(value: object): number {
  return bytesAndMembers(value, undefined)
}

/**
 * `value`'s own estimated size; its members that are objects go on `stack`, if given (a packed
 * stored value stands for its `value` text). One pass for both: released values are walked once.
 */
function bytesAndMembers(value: object, stack: object[] | undefined): number {
  const container = containerBytes(value)
  if (container !== undefined) {
    if (stack !== undefined) pushContained(value, stack)
    return container
  }
  const packed = value as { a?: unknown; o?: unknown; l?: unknown }
  if (typeof packed.o === 'string' && typeof packed.l === 'string' && typeof packed.a === 'string')
    return OBJECT_BYTES + 3 * PROPERTY_BYTES + stringBytes(packed.o) + stringBytes(packed.l)
  let bytes = OBJECT_BYTES
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    bytes += PROPERTY_BYTES
    // A packed value (etcd/value-pack.ts) is an object of its own, counted once for all its
    // holders (a Raft entry and the KeyValues it wrote); its getter would build the text.
    const member: unknown = key === 'value' ? storedValueOf(value) : Reflect.get(value, key)
    if (typeof member === 'string') bytes += stringBytes(member)
    else if (stack !== undefined && typeof member === 'object' && member !== null)
      stack.push(member)
  }
  return bytes
}

/** The members of an array, Map or Set that are objects (indexed: a frozen array's for-of is slow). */
function pushContained(value: object, stack: object[]): void {
  if (Array.isArray(value)) {
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- V8 iterates a frozen array slowly
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (typeof v === 'object' && v !== null) stack.push(v)
    }
  } else if (value instanceof Map) {
    for (const [k, v] of value as Map<unknown, unknown>) {
      if (typeof k === 'object' && k !== null) stack.push(k)
      if (typeof v === 'object' && v !== null) stack.push(v)
    }
  } else if (value instanceof Set) {
    for (const v of value as Set<unknown>) if (typeof v === 'object' && v !== null) stack.push(v)
  }
}
