import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { freezeShared, shareClone } from './share-clone'

describe('shareClone', () => {
  it('copies mutable state deeply and shares frozen values', () => {
    const entry = freezeShared({ index: 1, data: { op: 'put', value: 'x'.repeat(100) } })
    const state = { log: [entry], kv: new Map([['a', { n: 1 }]]), seen: new Set(['s']) }
    const copy = shareClone(state)
    expect(copy).toEqual(state)
    expect(copy.log).not.toBe(state.log)
    expect(copy.log[0]).toBe(entry)
    copy.kv.get('a')!.n = 2
    copy.seen.add('t')
    expect(state.kv.get('a')?.n).toBe(1)
    expect(state.seen.has('t')).toBe(false)
  })

  it('keeps an object reached twice as one object in the copy, as structuredClone does', () => {
    const shared = { n: 1 }
    const copy = shareClone({ a: shared, b: [shared] })
    expect(copy.a).toBe(copy.b[0])
    expect(copy.a).not.toBe(shared)
  })

  it('freezes the whole subtree, so a later write fails instead of changing a checkpoint', () => {
    const value = freezeShared({ meta: { labels: { app: 'web' } }, list: [{ n: 1 }] })
    expect(Object.isFrozen(value.meta.labels)).toBe(true)
    expect(Object.isFrozen(value.list[0])).toBe(true)
  })

  it('gives the same value as structuredClone for any plain data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(shareClone(value)).toEqual(structuredClone(value))
      }),
      { seed: 15, numRuns: 200 },
    )
  })
})
