import { p256 } from '@noble/curves/nist.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { baseMultiplyX } from './p256-base-mult'

const N = p256.Point.CURVE().n
const nobleX = (k: bigint) => p256.Point.BASE.multiplyUnsafe(k).toAffine().x

describe('baseMultiplyX', () => {
  it("is the x of noble's k·G for any scalar in 1 … n−1", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: N - 1n }), (k) => {
        expect(baseMultiplyX(k)).toBe(nobleX(k))
      }),
      { numRuns: 200 },
    )
  })

  it('handles the scalars whose digits carry or stay in few windows', () => {
    const edges = [1n, 2n, 127n, 128n, 129n, 255n, 256n, 2n ** 128n, 2n ** 255n, N - 2n, N - 1n]
    for (const k of edges) expect(baseMultiplyX(k)).toBe(nobleX(k))
  })
})
