import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createKvIndex,
  kvDelete,
  kvEntries,
  kvGet,
  kvSet,
  rebuildKvIndex,
  restoreKvIndex,
  snapshotKvIndex,
  type KvIndex,
} from './kv-index'
import type { KeyValue } from './mvcc'

// The index must behave as one Map of key → KeyValue: reads, and iteration order too (a key
// written again keeps its place; deleted and written again, it goes last), whenever it is
// rebuilt; members that rebuild the same changes share one base.
const KEYS = ['a', 'b', 'c', 'd', 'e']
const kvOf = (key: string, n: number): KeyValue =>
  Object.freeze({ key, value: String(n), createRevision: n, modRevision: n, version: 1 })
type Op = ['set', string] | ['delete', string] | ['rebuild'] | ['snapshot']
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(fc.constant('set' as const), fc.constantFrom(...KEYS)),
  fc.tuple(fc.constant('delete' as const), fc.constantFrom(...KEYS)),
  fc.tuple(fc.constant('rebuild' as const)),
  fc.tuple(fc.constant('snapshot' as const)),
)

describe('kv index: a shared frozen base and each member its recent changes', () => {
  it('reads and iterates as one Map, however it is rebuilt or restored', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const oracle = new Map<string, KeyValue>()
        let index = createKvIndex()
        // A second member applying the same writes (the same KeyValue objects, as members share).
        let other = createKvIndex()
        let unshared = 0
        ops.forEach((o, n) => {
          if (o[0] === 'set') {
            const kv = kvOf(o[1], n)
            oracle.set(o[1], kv)
            kvSet(index, o[1], kv)
            kvSet(other, o[1], kv)
          } else if (o[0] === 'delete') {
            oracle.delete(o[1])
            kvDelete(index, o[1])
            kvDelete(other, o[1])
          } else if (o[0] === 'rebuild') {
            index = rebuildKvIndex(index, n)
            other = rebuildKvIndex(other, n)
            unshared += Number(other.base !== index.base)
          } else {
            index = restoreKvIndex(snapshotKvIndex(index))
          }
          expect([...kvEntries(index)]).toEqual([...oracle])
          for (const key of KEYS) expect(kvGet(index, key)).toBe(oracle.get(key))
        })
        expect([...kvEntries(other)]).toEqual([...oracle])
        expect(unshared).toBe(0)
      }),
      { numRuns: 500 },
    )
  })

  it('gives a member whose changes differ a base of its own', () => {
    const a: KvIndex = createKvIndex()
    const b: KvIndex = createKvIndex()
    kvSet(a, 'x', kvOf('x', 1))
    kvSet(b, 'x', kvOf('x', 2))
    const ra = rebuildKvIndex(a, 1)
    const rb = rebuildKvIndex(b, 1)
    expect(rb.base).not.toBe(ra.base)
    expect(kvGet(rb, 'x')?.value).toBe('2')
    expect(Object.isFrozen(ra.base)).toBe(true)
    expect(ra.recent.size).toBe(0)
  })
})
