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
