// ES256 signing (ECDSA over P-256 with SHA-256, RFC 6979 nonces) on @noble/curves' arithmetic,
// without its side-channel defences. noble's p256.sign blinds the nonce multiplication and
// inversion with fresh WebCrypto randomness and runs a constant-time multiply on a 384-bit
// blinded scalar: about 0.6 ms per token, and one token per Pod. Blinding changes how the result
// is computed, never the result, and a simulator holds no secret worth shielding from timing:
// this signer gives byte for byte the signature p256.sign gives (es256.test.ts checks that).
import { weierstrass } from '@noble/curves/abstract/weierstrass.js'
import { p256 } from '@noble/curves/nist.js'
import { bytesToNumberBE, createHmacDrbg, numberToBytesBE } from '@noble/curves/utils.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { baseMultiplyX } from './p256-base-mult'

// An instance of our own without an RNG: nothing here draws randomness. k·G is
// p256-base-mult.ts's (its own table); this instance's is only the fallback for the case that
// code leaves to noble.
const Point = weierstrass(p256.Point.CURVE(), { randomBytes: () => new Uint8Array(0) })

const N = Point.Fn.ORDER
const HALF_N = N >> 1n
const BLOCK = 64

/** HMAC-SHA256 (RFC 2104) for keys of at most one block, as RFC 6979's HMAC-DRBG uses it. */
function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const pad = new Uint8Array(BLOCK)
  pad.set(key)
  for (let i = 0; i < BLOCK; i++) pad[i] = (pad[i] as number) ^ 0x36
  const inner = sha256.create().update(pad).update(message).digest()
  for (let i = 0; i < BLOCK; i++) pad[i] = (pad[i] as number) ^ (0x36 ^ 0x5c)
  return sha256.create().update(pad).update(inner).digest()
}

/**
 * r||s (64 bytes, as JWS wants) of `message` under the 32-byte secret key: SHA-256 of the
 * message, k from HMAC-DRBG seeded with the key and the hash (RFC 6979 3.2), r = (k·G).x mod n,
 * s = k⁻¹(h + r·d) mod n, normalised to the low half of n as noble does.
 */
export function signEs256(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const d = bytesToNumberBE(secretKey)
  if (d <= 0n || d >= N) throw new Error('invalid private key')
  const h = Point.Fn.create(bytesToNumberBE(sha256(message)))
  const seed = new Uint8Array(64)
  seed.set(numberToBytesBE(d, 32), 0)
  seed.set(numberToBytesBE(h, 32), 32)
  const drbg = createHmacDrbg<Uint8Array>(32, 32, hmacSha256)
  return drbg(seed, (kBytes: Uint8Array): Uint8Array | undefined => {
    const k = bytesToNumberBE(kBytes)
    if (k <= 0n || k >= N) return undefined
    const x = baseMultiplyX(k) ?? Point.BASE.multiplyUnsafe(k).toAffine().x
    const r = Point.Fn.create(x)
    if (r === 0n) return undefined
    let s = Point.Fn.mul(Point.Fn.inv(k), Point.Fn.create(h + r * d))
    if (s === 0n) return undefined
    if (s > HALF_N) s = N - s
    const signature = new Uint8Array(64)
    signature.set(numberToBytesBE(r, 32), 0)
    signature.set(numberToBytesBE(s, 32), 32)
    return signature
  })
}
