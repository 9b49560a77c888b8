import { setOwnKey } from './own-key'
import type { PinWalk } from './pin-ledger'

/**
 * A copy of live state made against an earlier copy of the same place (the last checkpoint's):
 * every part that still equals the earlier copy is that copy, shared, so a checkpoint holds of
 * its own only what changed since. A kubelet whose only change is its Lease renewal time then
 * costs the few objects on the path to that field, not its Pods' workers and informers.
 *
 * Equal means what a fresh copy would be: same kind of container, same keys in the same order
 * (a restored kernel iterates them in that order), and every member equal the same way. Sharing
 * keeps the copy's aliasing the live state's: each earlier object stands for at most one live
 * object (`claimed`), and a live object reached twice gets one copy (`seen`). Live state is
 * acyclic plain data (a kernel must survive structuredClone and JSON-like copies), so a back
 * reference to an object still being compared is an error, not a case to handle.
 */
export interface LikeContext {
  /** Live object → its copy, shared with the plain copier's. */
  seen: Map<object, unknown>
  /** Earlier copies already standing for a live object. */
  claimed: Set<unknown>
  /** Mutable live objects read (compared or copied). */
  walked: number
  /**
   * Members of the arrays, Maps and Sets compared, each read even when it is frozen and shared:
   * an etcd member's Raft log or key index counts one walked object but costs its length.
   */
  members: number
  /** Objects made new. */
  fresh: number
  /** A fresh copy of `value` sharing `seen` (share-clone's copyValue). */
  copyFresh: (value: unknown) => unknown
  /**
   * Told of each frozen value met where the earlier copy held another, and of what the earlier
   * copy held where the new one holds something else (pin-ledger.ts): what a checkpoint stops
   * holding. Absent, nothing is told.
   */
  pins?: PinWalk | undefined
}

/** What `seen` holds for a live object whose members are being compared: reaching it again is a cycle. */
const OPEN = Object.freeze({})

// The containers copyLike compares member by member; anything else is copied fresh.
const OBJECT = 0
const ARRAY = 1
const MAP = 2
const SET = 3
const OPAQUE = 4
type Kind = typeof OBJECT | typeof ARRAY | typeof MAP | typeof SET | typeof OPAQUE

/** The kind of container `value` is (a class instance is copied as a plain object). */
function kindOf(value: object): Kind {
  if (Array.isArray(value)) return ARRAY
  if (Object.getPrototypeOf(value) === Object.prototype) return OBJECT
  if (value instanceof Map) return MAP
  if (value instanceof Set) return SET
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return OPAQUE
  return OBJECT
}

/** Whether `earlier` is a copy of the same kind of container (copies are plain objects). */
function comparable(kind: Kind, earlier: unknown): earlier is object {
  if (typeof earlier !== 'object' || earlier === null) return false
  switch (kind) {
    case OBJECT:
      if (Object.getPrototypeOf(earlier) !== Object.prototype) return false
      break
    case ARRAY:
      if (!Array.isArray(earlier)) return false
      break
    case MAP:
      if (!(earlier instanceof Map)) return false
      break
    case SET:
      if (!(earlier instanceof Set)) return false
      break
    default:
      return false
  }
  return !Object.isFrozen(earlier)
}

// Every checkpoint runs this over each mutable object of every actor that did something (tens of
// thousands to hundreds of thousands of objects): one kind test per object, and no Set of its
// own for the objects being compared (`seen` marks them).
export function copyLike(value: unknown, earlier: unknown, ctx: LikeContext): unknown {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) {
    if (ctx.pins !== undefined && value !== earlier) replaced(value, earlier, ctx.pins)
    return value
  }
  const done = ctx.seen.get(value)
  if (done !== undefined) {
    if (done === OPEN) throw new Error('copyLike: live state must be acyclic')
    return done
  }
  const kind = kindOf(value)
  if (!comparable(kind, earlier) || ctx.claimed.has(earlier)) {
    if (ctx.pins !== undefined && !ctx.claimed.has(earlier)) ctx.pins.drop(earlier)
    return ctx.copyFresh(value)
  }
  ctx.walked++
  ctx.seen.set(value, OPEN)
  ctx.claimed.add(earlier)
  const out =
    kind === OBJECT
      ? objectLike(value as Record<string, unknown>, earlier as Record<string, unknown>, ctx)
      : kind === ARRAY
        ? arrayLike(value as unknown[], earlier as unknown[], ctx)
        : kind === MAP
          ? mapLike(value as Map<unknown, unknown>, earlier as Map<unknown, unknown>, ctx)
          : setLike(value as Set<unknown>, earlier as Set<unknown>, ctx)
  if (out === earlier) {
    ctx.seen.set(value, earlier)
    return earlier
  }
  ctx.claimed.delete(earlier)
  ctx.seen.set(value, out)
  ctx.fresh++
  return out
}

/** A primitive or frozen `value` where the earlier copy held `earlier`: one added, one dropped. */
function replaced(value: unknown, earlier: unknown, pins: PinWalk): void {
  if (typeof value === 'object' && value !== null) pins.add(value)
  pins.drop(earlier)
}

/*
 * Each returns `earlier` when every member's copy is `earlier`'s member in the same place, else a
 * new container of the copies. A member is compared with `earlier`'s member of the same key
 * (index, property, Map key), so a Map that gained an entry still shares its other entries' copies.
 */

function arrayLike(value: unknown[], earlier: unknown[], ctx: LikeContext): unknown[] {
  ctx.members += value.length
  let out: unknown[] | undefined = value.length === earlier.length ? undefined : []
  for (let i = 0; i < value.length; i++) {
    const was = i < earlier.length ? earlier[i] : undefined
    const copy = copyLike(value[i], was, ctx)
    if (out) out.push(copy)
    else if (copy !== was || !(i in earlier)) {
      out = earlier.slice(0, i)
      out.push(copy)
    }
  }
  if (ctx.pins !== undefined)
    for (let i = value.length; i < earlier.length; i++) ctx.pins.drop(earlier[i])
  return out ?? earlier
}

function objectLike(
  value: Record<string, unknown>,
  earlier: Record<string, unknown>,
  ctx: LikeContext,
): Record<string, unknown> {
  const earlierKeys = Object.keys(earlier)
  let out: Record<string, unknown> | undefined
  let i = 0
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const was = Object.hasOwn(earlier, key) ? earlier[key] : undefined
    const copy = copyLike(value[key], was, ctx)
    if (out) setOwnKey(out, key, copy)
    else if (earlierKeys[i] !== key || copy !== was) {
      out = {}
      for (let j = 0; j < i; j++)
        setOwnKey(out, earlierKeys[j] as string, earlier[earlierKeys[j] as string])
      setOwnKey(out, key, copy)
    }
    i++
  }
  if (!out && i !== earlierKeys.length) {
    out = {}
    for (let j = 0; j < i; j++)
      setOwnKey(out, earlierKeys[j] as string, earlier[earlierKeys[j] as string])
  }
  if (out && ctx.pins !== undefined)
    for (const key of earlierKeys) if (!Object.hasOwn(value, key)) ctx.pins.drop(earlier[key])
  return out ?? earlier
}

function mapLike(
  value: Map<unknown, unknown>,
  earlier: Map<unknown, unknown>,
  ctx: LikeContext,
): Map<unknown, unknown> {
  ctx.members += value.size
  const earlierKeys = earlier.keys()
  let out: Map<unknown, unknown> | undefined
  let i = 0
  let kept = 0
  for (const [k, v] of value) {
    const key = copyLike(k, undefined, ctx)
    const was = earlier.get(key)
    if (was !== undefined || earlier.has(key)) kept++
    const copy = copyLike(v, was, ctx)
    if (out) out.set(key, copy)
    else if (earlierKeys.next().value !== key || copy !== was) {
      out = prefixOf(earlier, i)
      out.set(key, copy)
    }
    i++
  }
  if (!out && i !== earlier.size) out = prefixOf(earlier, i)
  // Entries deleted since: their values are dropped (keys are compared as the copy holds them).
  if (ctx.pins !== undefined && kept < earlier.size)
    for (const [k, v] of earlier) if (!value.has(k)) ctx.pins.drop(v)
  return out ?? earlier
}

/** A new Map of `earlier`'s first `n` entries. */
function prefixOf(earlier: Map<unknown, unknown>, n: number): Map<unknown, unknown> {
  const out = new Map<unknown, unknown>()
  if (n === 0) return out
  for (const [k, v] of earlier) {
    out.set(k, v)
    if (out.size === n) break
  }
  return out
}

function setLike(value: Set<unknown>, earlier: Set<unknown>, ctx: LikeContext): Set<unknown> {
  ctx.members += value.size
  const earlierValues = earlier.values()
  let out: Set<unknown> | undefined
  let i = 0
  for (const v of value) {
    const copy = copyLike(v, undefined, ctx)
    if (out) out.add(copy)
    else if (earlierValues.next().value !== copy) {
      out = new Set<unknown>()
      for (const e of earlier) {
        if (out.size === i) break
        out.add(e)
      }
      out.add(copy)
    }
    i++
  }
  if (!out && i !== earlier.size) out = new Set([...earlier].slice(0, i))
  if (out && ctx.pins !== undefined) for (const e of earlier) if (!value.has(e)) ctx.pins.drop(e)
  return out ?? earlier
}

/**
 * Of the objects copy `d` holds that copy `p` (made before it) does not hold in the same place,
 * how many copy `h` (made after it) still holds in the same place: what `h` keeps alive of `d`'s
 * own objects once `d` is dropped. Copies made by copyLike share only in the same place, so this
 * walks `d`'s own objects only (a part `p` shares is skipped whole).
 */
export function ownObjectsKept(p: unknown, d: unknown, h: unknown): number {
  if (typeof d !== 'object' || d === null || Object.isFrozen(d) || d === p) return 0
  let kept = d === h ? 1 : 0
  if (d instanceof Map) {
    for (const [k, v] of d) kept += ownObjectsKept(mapGet(p, k), v, mapGet(h, k))
  } else if (d instanceof Set) {
    for (const v of d) kept += ownObjectsKept(setHas(p, v), v, setHas(h, v))
  } else if (!ArrayBuffer.isView(d) && !(d instanceof ArrayBuffer)) {
    const record = d as Record<string, unknown>
    for (const key of Object.keys(record))
      kept += ownObjectsKept(fieldOf(p, key), record[key], fieldOf(h, key))
  }
  return kept
}

const mapGet = (m: unknown, k: unknown): unknown =>
  m instanceof Map ? (m as Map<unknown, unknown>).get(k) : undefined
const setHas = (s: unknown, v: unknown): unknown => (s instanceof Set && s.has(v) ? v : undefined)
const fieldOf = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null && !(o instanceof Map) && Object.hasOwn(o, key)
    ? (o as Record<string, unknown>)[key]
    : undefined
