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
  /** Frozen value → virtual ms of the checkpoint that first held it. */
  private readonly births = new WeakMap<object, number>()
  /** Frozen values already counted as released (each is counted once). */
  private readonly counted = new WeakSet<object>()

  /** A ledger walk for the checkpoint taken at `atMs`. */
  walk(atMs: number): PinWalk {
    return new PinWalk(atMs, this.births, this.counted)
  }
}

/** One checkpoint's walk: frozen values it added and the earlier copy's it dropped. */
export class PinWalk {
  private readonly added = new Set<object>()
  private readonly dropped: object[] = []

  private readonly atMs: number
  private readonly births: WeakMap<object, number>
  private readonly counted: WeakSet<object>

  constructor(atMs: number, births: WeakMap<object, number>, counted: WeakSet<object>) {
    this.atMs = atMs
    this.births = births
    this.counted = counted
  }

  /** A frozen value the new copy holds where the earlier one did not. */
  add(value: object): void {
    if (this.added.has(value)) return
    this.added.add(value)
    if (!this.births.has(value)) this.births.set(value, this.atMs)
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
    const seen = new Set<object>()
    const stack = this.dropped
    while (stack.length > 0) {
      const value = stack.pop()
      if (value === undefined || seen.has(value)) continue
      seen.add(value)
      if (!Object.isFrozen(value)) {
        pushMembers(value, stack)
        continue
      }
      if (this.added.has(value) || this.counted.has(value)) continue
      const birth = this.births.get(value) ?? 0
      out.set(birth, (out.get(birth) ?? 0) + this.countOnce(value))
    }
    return out
  }

  /** `value`'s bytes and those of the frozen objects under it not counted yet; marks them. */
  private countOnce(value: object): number {
    let bytes = 0
    const stack = [value]
    while (stack.length > 0) {
      const v = stack.pop()
      if (v === undefined || this.counted.has(v) || !Object.isFrozen(v)) continue
      this.counted.add(v)
      bytes += ownBytes(v)
      pushMembers(v, stack)
    }
    return bytes
  }
}

/** Members of `value` that are objects (a packed stored value stands for its `value` text). */
function pushMembers(value: object, stack: object[]): void {
  const push = (member: unknown) => {
    if (typeof member === 'object' && member !== null) stack.push(member)
  }
  if (value instanceof Map) {
    for (const [k, v] of value as Map<unknown, unknown>) {
      push(k)
      push(v)
    }
  } else if (value instanceof Set) {
    for (const v of value as Set<unknown>) push(v)
  } else if (Array.isArray(value)) {
    for (const v of value as unknown[]) push(v)
  } else if (!ArrayBuffer.isView(value)) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue
      // A packed value's getter would build the text: its packed form is what is held.
      push(key === 'value' ? storedValueOf(value) : Reflect.get(value, key))
    }
  }
}

// A frozen value's own size (core/heap-size.ts, heap-walk's model) with its strings; short
// strings (≤ 10 characters: names, V8 internalizes them) free; a packed value weighs its pieces
// (its anchor is shared by many values: not counted).
const SHORT_STRING = 10
const stringBytes = (s: string): number => (s.length <= SHORT_STRING ? 0 : stringSize(s))

/** A frozen value's own estimated size (what PinWalk.released counts for it). */
export function ownBytes(value: object): number {
  const container = containerBytes(value)
  if (container !== undefined) return container
  const packed = value as { a?: unknown; o?: unknown; l?: unknown }
  if (typeof packed.o === 'string' && typeof packed.l === 'string' && typeof packed.a === 'string')
    return OBJECT_BYTES + 3 * PROPERTY_BYTES + stringBytes(packed.o) + stringBytes(packed.l)
  let bytes = OBJECT_BYTES
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    bytes += PROPERTY_BYTES
    if (key === 'value') {
      // A packed value (etcd/value-pack.ts) is an object of its own, counted once for all its
      // holders (a Raft entry and the KeyValues it wrote).
      const stored = storedValueOf(value)
      if (typeof stored === 'string') bytes += stringBytes(stored)
      continue
    }
    const member: unknown = Reflect.get(value, key)
    if (typeof member === 'string') bytes += stringBytes(member)
  }
  return bytes
}
