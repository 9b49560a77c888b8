import { storedValueOf } from './etcd/value-pack'
import { containerBytes, OBJECT_BYTES, PROPERTY_BYTES, stringSize } from './core/heap-size'

/**
 * An estimate of what state weighs on a 64-bit V8 heap (core/heap-size.ts), for the memory
 * bench. Objects reached twice
 * count once, for the first owner that reaches them. Strings of at most 10 characters count
 * once by value (V8 internalizes those JSON.parse makes and every literal); longer ones count
 * per object that holds them, except the long ones (stored JSON values), which flow by
 * reference and count once by value.
 */
export interface WalkTotals {
  bytes: number
  objects: number
  /** How many times the walk met an object an earlier walk had counted (shared state). */
  sharedRefs: number
  /** Of `bytes`, those of frozen objects (what checkpoints share rather than copy). */
  frozenBytes: number
  /** Of `bytes`, those of mutable objects (what checkpoints copy); the rest is strings. */
  mutableBytes: number
}

const SHORT_STRING = 10
const LONG_STRING = 256

export class HeapWalker {
  private readonly seen = new Set<object>()
  private readonly strings = new Set<string>()

  /** Everything reachable from `root` not counted yet. */
  walk(root: unknown): WalkTotals {
    const totals: WalkTotals = {
      bytes: 0,
      objects: 0,
      sharedRefs: 0,
      frozenBytes: 0,
      mutableBytes: 0,
    }
    const stack: unknown[] = [root]
    while (stack.length > 0) {
      const value = stack.pop()
      if (typeof value === 'string') {
        totals.bytes += this.stringBytes(value)
        continue
      }
      if (typeof value !== 'object' || value === null) continue
      if (this.seen.has(value)) {
        totals.sharedRefs++
        continue
      }
      const own = ownBytes(value, stack, (key) => this.internalized(key))
      this.seen.add(value)
      totals.bytes += own
      if (Object.isFrozen(value)) totals.frozenBytes += own
      else totals.mutableBytes += own
      totals.objects++
    }
    return totals
  }

  private stringBytes(s: string): number {
    if (s.length > SHORT_STRING && s.length < LONG_STRING) return stringSize(s)
    return this.internalized(s)
  }

  /** A string V8 keeps one copy of (a property name, a short JSON value): counted once. */
  private internalized(s: string): number {
    if (this.strings.has(s)) return 0
    this.strings.add(s)
    return stringSize(s)
  }
}

/** The object's own size (its property names too); pushes what it references. */
function ownBytes(value: object, stack: unknown[], name: (key: string) => number): number {
  const container = containerBytes(value)
  if (container !== undefined) {
    if (Array.isArray(value)) for (const item of value) stack.push(item)
    else if (value instanceof Map)
      for (const [k, v] of value as Map<unknown, unknown>) stack.push(k, v)
    else if (value instanceof Set) for (const v of value as Set<unknown>) stack.push(v)
    return container
  }
  let bytes = OBJECT_BYTES
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    bytes += PROPERTY_BYTES + name(key)
    // A packed stored value (etcd/value-pack.ts) weighs what it holds, not the text it reads as.
    stack.push(key === 'value' ? storedValueOf(value) : (value as Record<string, unknown>)[key])
  }
  return bytes
}
