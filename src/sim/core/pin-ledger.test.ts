import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ownBytes, PinLedger } from './pin-ledger'
import { freezeShared } from './share-clone'

// What a checkpoint's walk releases (pin-ledger.ts), told directly what was added and dropped.

describe('the pin ledger', () => {
  it('counts a frozen part shared by two released values once, with the first released', () => {
    const part = freezeShared({ labels: { app: 'web-frontend-0001' }, image: 'registry/web:1.2.3' })
    const x = freezeShared({ name: 'pod-aaaaaaaaaaaa', part })
    const y = freezeShared({ name: 'pod-bbbbbbbbbbbb', part })
    const ledger = new PinLedger()
    const first = ledger.walk(0)
    first.add(x)
    first.add(y)
    expect(first.released().size).toBe(0)
    const second = ledger.walk(5_000)
    second.drop(x)
    // x, its part and the part's labels object: the part is counted here, while y still holds it.
    const partBytes = ownBytes(part) + ownBytes(part.labels)
    expect(second.released()).toEqual(new Map([[0, ownBytes(x) + partBytes]]))
    const third = ledger.walk(10_000)
    third.drop(y)
    expect(third.released()).toEqual(new Map([[0, ownBytes(y)]]))
  })

  it('does not release a value the new copy holds in another place, and looks through copies', () => {
    const moved = freezeShared({ name: 'value-moved-000001' })
    const gone = freezeShared({ name: 'value-gone-0000001' })
    const ledger = new PinLedger()
    ledger.walk(0).add(moved)
    const walk = ledger.walk(5_000)
    // The earlier copy's mutable Map held both; the new copy holds `moved` elsewhere.
    walk.drop(new Map([['a', { entries: [moved, gone] }]]))
    walk.add(moved)
    // `gone` was never added: its birth is unknown, counted as 0 (the first checkpoint is kept).
    expect(walk.released()).toEqual(new Map([[0, ownBytes(gone)]]))
  })

  it('weighs a string by its length, a short one (interned by V8) as nothing', () => {
    // 24 + 8 per property; 'ab' is free; 17 characters: 16 + 24.
    expect(ownBytes(Object.freeze({ a: 'ab', b: 'seventeen-chars-x' }))).toBe(24 + 16 + 16 + 24)
  })
})

/**
 * The ledger as first written: a births WeakMap, a counted WeakSet and an `added` Set per walk
 * (what PinLedger's one mark a value must give the same bytes as).
 */
class ReferenceLedger {
  private readonly births = new WeakMap<object, number>()
  private readonly counted = new WeakSet<object>()

  walk(atMs: number) {
    const added = new Set<object>()
    const dropped: object[] = []
    const { births, counted } = this
    const members = (v: object): object[] =>
      (Array.isArray(v) ? v : Object.values(v)).filter(
        (m): m is object => typeof m === 'object' && m !== null,
      )
    const countOnce = (value: object): number => {
      let bytes = 0
      const stack = [value]
      for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
        if (counted.has(v) || !Object.isFrozen(v)) continue
        counted.add(v)
        bytes += ownBytes(v)
        stack.push(...members(v))
      }
      return bytes
    }
    return {
      add: (v: object) => {
        added.add(v)
        if (!births.has(v)) births.set(v, atMs)
      },
      drop: (v: object) => dropped.push(v),
      released: () => {
        const out = new Map<number, number>()
        const seen = new Set<object>()
        for (let v = dropped.pop(); v !== undefined; v = dropped.pop()) {
          if (seen.has(v)) continue
          seen.add(v)
          if (!Object.isFrozen(v)) dropped.push(...members(v))
          else if (!added.has(v) && !counted.has(v)) {
            const birth = births.get(v) ?? 0
            out.set(birth, (out.get(birth) ?? 0) + countOnce(v))
          }
        }
        return out
      },
    }
  }
}

describe('the pin ledger against the reference', () => {
  it('releases the same bytes by birth, walk after walk', () => {
    // Frozen values sharing parts, some held under a mutable wrapper (an earlier copy's own).
    const part = (i: number) => freezeShared({ part: `shared-part-${String(i).padStart(8, '0')}` })
    const parts = Array.from({ length: 4 }, (_, i) => part(i))
    const values = Array.from({ length: 24 }, (_, i) =>
      freezeShared({ name: `value-${String(i).padStart(10, '0')}`, part: parts[i % 4] }),
    )
    const op = fc.record({
      add: fc.boolean(),
      value: fc.nat({ max: values.length - 1 }),
      wrapped: fc.boolean(),
    })
    const walks = fc.array(
      fc.record({ ops: fc.array(op, { maxLength: 12 }), kept: fc.boolean() }),
      {
        maxLength: 12,
      },
    )
    fc.assert(
      fc.property(walks, (ws) => {
        const ledger = new PinLedger()
        const reference = new ReferenceLedger()
        for (const [i, w] of ws.entries()) {
          const walk = ledger.walk(i * 5_000)
          const ref = reference.walk(i * 5_000)
          for (const { add, value, wrapped } of w.ops) {
            const v = values[value] as object
            if (add) {
              walk.add(v)
              ref.add(v)
            } else {
              const dropped = wrapped ? { held: [v] } : v
              walk.drop(dropped)
              ref.drop(dropped)
            }
          }
          // A walk whose checkpoint was not the last one's successor is never asked (a fork).
          const asked = w.kept ? [walk.released(), ref.released()] : [new Map(), new Map()]
          expect(asked[0]).toEqual(asked[1])
        }
      }),
    )
  })
})
