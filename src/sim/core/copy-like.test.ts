import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ownObjectsKept } from './copy-like'
import { ShareCopier } from './share-clone'

// A checkpoint is copied against the last one (copy-like.ts): whatever still equals the earlier
// copy is that copy. The copy must still be exactly what a fresh copy would be, key order and
// aliasing included, and the earlier copy must be left as it was.

const copyOf = <T>(value: T): T => new ShareCopier().copy(value)
const copyLikeOf = <T>(value: T, earlier: unknown): T => new ShareCopier().copyLike(value, earlier)

type Json = unknown
const isContainer = (v: unknown): v is Record<string, Json> | Json[] =>
  typeof v === 'object' && v !== null

/** Sets, adds or deletes a member somewhere below `root`, following `path` (indexes mod size). */
function mutate(root: Json, path: number[], kind: number, value: Json): void {
  let at: Json = root
  for (const step of path) {
    if (!isContainer(at)) return
    const keys = Object.keys(at)
    const next =
      keys.length > 0 ? (at as Record<string, Json>)[keys[step % keys.length] as string] : undefined
    if (!isContainer(next)) break
    at = next
  }
  if (!isContainer(at)) return
  const keys = Object.keys(at)
  const key = keys.length > 0 ? (keys[(path[0] ?? 0) % keys.length] as string) : 'k'
  if (Array.isArray(at)) {
    if (kind === 0) at.push(value)
    else if (kind === 1) at.pop()
    else at[Number(key) || 0] = value
  } else if (kind === 0) at[`new${String(path.length)}`] = value
  else if (kind === 1) delete at[key]
  else at[key] = value
}

const edit = fc.record({
  path: fc.array(fc.nat(), { maxLength: 4 }),
  kind: fc.integer({ min: 0, max: 2 }),
  value: fc.jsonValue({ maxDepth: 2 }),
})

describe('copyLike', () => {
  it('equals a fresh copy, key order included, and leaves the earlier copy unchanged', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(edit, { maxLength: 4 }),
        (start, edits) => {
          const live = structuredClone(start)
          const earlier = copyOf(live)
          const before = JSON.stringify(earlier)
          for (const e of edits) mutate(live, e.path, e.kind, e.value)
          const copy = copyLikeOf(live, earlier)
          expect(JSON.stringify(copy)).toBe(JSON.stringify(live))
          expect(copy).toEqual(structuredClone(live))
          expect(JSON.stringify(earlier)).toBe(before)
          // Nothing changed: the earlier copy stands for the whole value.
          expect(edits.length > 0 || !isContainer(live) || copy === earlier).toBe(true)
        },
      ),
      { seed: 15, numRuns: 300 },
    )
  })

  it('shares what did not change, also in a Map that gained an entry', () => {
    const live = { workers: new Map([['a', { n: 1 }]]), lease: { renewMs: 1 }, quiet: { x: [1] } }
    const earlier = copyOf(live)
    live.workers.set('b', { n: 2 })
    live.lease.renewMs = 2
    const copy = copyLikeOf(live, earlier)
    expect(copy.quiet).toBe(earlier.quiet)
    expect(copy.workers.get('a')).toBe(earlier.workers.get('a'))
    expect(copy.workers).not.toBe(earlier.workers)
    expect([...copy.workers.keys()]).toEqual(['a', 'b'])
    expect(copy.lease).not.toBe(earlier.lease)
    expect(copy.lease.renewMs).toBe(2)
  })

  it("keeps the live state's aliasing, not the earlier copy's", () => {
    const one = { n: 1 }
    const earlierAliased = copyOf({ a: one, b: one })
    const split = copyLikeOf({ a: { n: 1 }, b: { n: 1 } }, earlierAliased)
    expect(split.a).not.toBe(split.b)
    const earlierSplit = copyOf({ a: { n: 1 }, b: { n: 1 } })
    const two = { n: 1 }
    const joined = copyLikeOf({ a: two, b: two }, earlierSplit)
    expect(joined.a).toBe(joined.b)
  })

  it('a copy differing only in key order is a new object', () => {
    const earlier = copyOf({ a: 1, b: 2 })
    const copy = copyLikeOf({ b: 2, a: 1 }, earlier)
    expect(copy).not.toBe(earlier)
    expect(Object.keys(copy)).toEqual(['b', 'a'])
  })

  it("counts a dropped copy's own objects that a later copy still holds", () => {
    const live = { kept: { deep: { n: 1 } }, changed: { n: 1 }, old: { n: 0 } }
    const first = copyOf(live)
    live.kept = { deep: { n: 1 } } // a new object, equal: the earlier copy stands for it
    live.changed = { n: 2 }
    const middle = copyLikeOf(live, first)
    expect(middle.kept).toBe(first.kept)
    // middle's own objects: its root and `changed`.
    const renewed = copyLikeOf({ ...live, changed: { n: 3 } }, middle)
    expect(ownObjectsKept(first, middle, renewed)).toBe(0)
    const keepsChanged = copyLikeOf({ ...live, old: { n: 5 } }, middle)
    expect(keepsChanged.changed).toBe(middle.changed)
    expect(ownObjectsKept(first, middle, keepsChanged)).toBe(1)
    expect(ownObjectsKept(first, middle, middle)).toBe(2)
  })

  it('counts the members it reads: a log of frozen entries weighs its length, not one object', () => {
    // An etcd member's state in small: a Raft log and a key index of frozen, shared values.
    const entry = (i: number) => Object.freeze({ index: i, data: `put ${String(i)}` })
    const live = {
      log: Array.from({ length: 1_000 }, (_, i) => entry(i)),
      index: new Map(Array.from({ length: 500 }, (_, i) => [`/registry/k${String(i)}`, entry(i)])),
      applied: new Set([1, 2, 3]),
    }
    const earlier = copyOf(live)
    live.log.push(entry(1_000))
    const copier = new ShareCopier()
    copier.copyLike(live, earlier)
    // The state object, the log, the index and the Set: 4 objects; 1,001 + 500 + 3 members.
    expect(copier.walkedObjects).toBe(4)
    expect(copier.walkedMembers).toBe(1_504)
  })
})
