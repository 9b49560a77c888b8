import { copyLike, type LikeContext } from './copy-like'
import { setOwnKey } from './own-key'
import type { PinWalk } from './pin-ledger'

/**
 * A deep copy of plain simulation state that shares what cannot change: primitives (strings are
 * immutable, so a copy of a stored object's JSON costs a pointer, not its bytes) and frozen
 * objects, which by contract are never changed again (a Raft entry once in the log, an etcd
 * KeyValue, a recorded watch event). A checkpoint of a cluster whose history is mostly such
 * values then costs the live, mutable part, not the whole world.
 *
 * Same result as structuredClone for the state the sim keeps (plain objects, arrays, Map, Set,
 * typed arrays): objects reached twice stay one object in the copy, and class instances come
 * out as plain objects. Invariant: an object is frozen only when nothing under it changes any
 * more (freezeShared freezes the whole subtree).
 */
export function shareClone<T>(value: T): T {
  return copyValue(value, new Map()) as T
}

/** shareClone, and how many objects it copied (the rest is shared): what the copy weighs. */
export function shareCloneCounting<T>(value: T): { copy: T; copiedObjects: number } {
  const seen = new Map<object, unknown>()
  const copy = copyValue(value, seen) as T
  return { copy, copiedObjects: seen.size }
}

/**
 * One shareClone made in parts that keep sharing what they reach in common, and that can reuse
 * copies made before: `reuse(live, copy)` makes `copy` stand for `live`, so copying anything that
 * reaches `live` links the earlier copy instead of copying it again. Only for a `live` object
 * unchanged since `copy` was made, and with nothing under it reached any other way.
 * `copyLike(live, earlier)` copies `live` reusing every part of `earlier` (an older copy of the
 * same place, never changed since) that still equals it: see copy-like.ts.
 */
export class ShareCopier {
  private readonly seen = new Map<object, unknown>()
  private readonly like: LikeContext
  private readonly pins: PinWalk | undefined
  private reused = 0

  /** `pins`, if given, is told what the copy adds and drops of frozen values (pin-ledger.ts). */
  constructor(pins?: PinWalk) {
    this.pins = pins
    this.like = {
      seen: this.seen,
      claimed: new Set(),
      walked: 0,
      members: 0,
      fresh: 0,
      copyFresh: (value) => this.copy(value),
      pins,
    }
  }

  /** Makes `copy` the copy of `live` (which must equal it and be unchanged since). */
  reuse(live: object, copy: unknown): void {
    if (this.seen.has(live)) return
    this.seen.set(live, copy)
    if (typeof copy === 'object' && copy !== null) this.like.claimed.add(copy)
    this.reused++
  }

  /** The copy of `value`, sharing with every earlier copy of this copier. */
  copy<T>(value: T): T {
    const before = this.seen.size
    const out = copyValue(value, this.seen, this.pins) as T
    this.like.walked += this.seen.size - before
    this.like.fresh += this.seen.size - before
    return out
  }

  /** The copy of `value`, reusing the parts of `earlier` (an older copy of it) that still equal it. */
  copyLike<T>(value: T, earlier: unknown): T {
    return copyLike(value, earlier, this.like) as T
  }

  /** Objects made new so far (reused copies and reused parts not counted): what the copy weighs. */
  get copiedObjects(): number {
    return this.like.fresh
  }

  /** Mutable objects read so far (copied or found unchanged): what the copy took to make. */
  get walkedObjects(): number {
    return this.like.walked
  }

  /** Members of the containers compared so far (LikeContext.members): the rest of its time. */
  get walkedMembers(): number {
    return this.like.members
  }
}

/** A copy of `value` sharing `seen`; `pins`, if given, is told of every frozen value it shares. */
export function copyValue(value: unknown, seen: Map<object, unknown>, pins?: PinWalk): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Object.isFrozen(value)) {
    pins?.add(value)
    return value
  }
  const done = seen.get(value)
  if (done !== undefined) return done
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length)
    seen.set(value, out)
    for (let i = 0; i < value.length; i++) out[i] = copyValue(value[i], seen, pins)
    return out
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>()
    seen.set(value, out)
    for (const [k, v] of value as Map<unknown, unknown>)
      out.set(copyValue(k, seen, pins), copyValue(v, seen, pins))
    return out
  }
  if (value instanceof Set) {
    const out = new Set<unknown>()
    seen.set(value, out)
    for (const v of value as Set<unknown>) out.add(copyValue(v, seen, pins))
    return out
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    const out = structuredClone(value)
    seen.set(value, out)
    return out
  }
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  seen.set(value, out)
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue
    setOwnKey(out, key, copyValue(source[key], seen, pins))
  }
  return out
}

/**
 * Freezes `value` and everything under it, so checkpoints share it instead of copying it.
 * Only for values nothing will change again; returns `value`.
 */
export function freezeShared<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  if (ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set) return value
  Object.freeze(value)
  for (const key in value) freezeShared((value as Record<string, unknown>)[key])
  return value
}
