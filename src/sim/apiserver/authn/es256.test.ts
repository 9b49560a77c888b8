import { p256 } from '@noble/curves/nist.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signEs256 } from './es256'

// The fast signer must be noble's signer, byte for byte: RFC 6979 makes ECDSA deterministic, so
// any difference in the nonce, the arithmetic or the low-s rule would show.
describe('signEs256', () => {
  it('gives exactly the signature p256.sign gives, and it verifies', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ minLength: 32, maxLength: 32 })
          .filter((k) => p256.utils.isValidSecretKey(k)),
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        (secretKey, message) => {
          const signature = signEs256(message, secretKey)
          expect(Array.from(signature)).toEqual(Array.from(p256.sign(message, secretKey)))
          expect(p256.verify(signature, message, p256.getPublicKey(secretKey))).toBe(true)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('refuses a key outside 1 … n−1', () => {
    expect(() => signEs256(new Uint8Array([1]), new Uint8Array(32))).toThrow('invalid private key')
  })
})
