import { describe, expect, it } from 'vitest'
import { createRng, forkRng, nextFloat, nextInt, nextUint32 } from './rng'

describe('rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed)
      return Array.from({ length: 5 }, () => nextUint32(rng))
    }
    expect(draw(42)).toEqual(draw(42))
    expect(draw(42)).not.toEqual(draw(43))
  })

  it('resumes exactly from a copied state, as a checkpoint does', () => {
    const rng = createRng('checkpoint')
    nextUint32(rng)
    const copy = structuredClone(rng)
    expect(nextUint32(copy)).toBe(nextUint32(rng))
  })

  it('keeps floats in [0,1) and ints in [0,n)', () => {
    const rng = createRng(7)
    for (let i = 0; i < 1000; i++) {
      const f = nextFloat(rng)
      expect(f).toBeGreaterThanOrEqual(0)
      expect(f).toBeLessThan(1)
      const n = nextInt(rng, 6)
      expect(n).toBeGreaterThanOrEqual(0)
      expect(n).toBeLessThan(6)
    }
  })

  it('forks independent streams by label', () => {
    const a = forkRng(createRng(1), 'scheduler')
    const b = forkRng(createRng(1), 'kubelet')
    expect(nextUint32(a)).not.toBe(nextUint32(b))
  })
})
