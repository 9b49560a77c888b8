// k·G on P-256 for the ES256 signer: the x coordinate of k times the base point, as
// p256.Point.BASE.multiplyUnsafe(k).toAffine().x gives it, with fewer BigInt operations.
// noble adds each table point with the complete projective formula (12M + 23 additions, each
// reduced with a BigInt division); here the table holds affine points and the accumulator is
// Jacobian, so each addition is a mixed one (madd-2007-bl with Z3 = 2·Z1·H, 8M + 3S,
// https://hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-3.html#addition-madd-2007-bl), and
// sums that only a product reads stay unreduced. One token is signed per Pod start. The result
// is a property of k alone (es256.test.ts checks the whole signature against p256.sign).
import { FpInvertBatch } from '@noble/curves/abstract/modular.js'
import { p256 } from '@noble/curves/nist.js'

const { Fp } = p256.Point
const P = p256.Point.CURVE().p
// A signed fixed window of 8 bits: 33 windows of 128 affine multiples (4,224 points, built on
// first use), the window size es256.ts gave noble's table.
const W = 8
const SIZE = 1 << W
const HALF = SIZE >> 1
const WINDOWS = Math.ceil(256 / W) + 1
const MASK = BigInt(SIZE - 1)
const SHIFT = BigInt(W)

/** x then y of (i + 1)·2^(w·W)·G at 2·(w·HALF + i). */
let table: bigint[] | undefined

function buildTable(): bigint[] {
  const points: (typeof p256.Point.BASE)[] = []
  let base = p256.Point.BASE
  for (let w = 0; w < WINDOWS; w++) {
    let acc = base
    for (let i = 0; i < HALF; i++) {
      points.push(acc)
      acc = acc.add(base)
    }
    base = (points[points.length - 1] as typeof base).double()
  }
  const inverses = FpInvertBatch(
    Fp,
    points.map((p) => p.Z),
  )
  const out: bigint[] = []
  points.forEach((p, i) => {
    const iz = inverses[i] as bigint
    out.push(Fp.mul(p.X, iz), Fp.mul(p.Y, iz))
  })
  return out
}

const mod = (a: bigint): bigint => {
  const r = a % P
  return r < 0n ? r + P : r
}
const sub = (a: bigint, b: bigint): bigint => {
  const r = a - b
  return r < 0n ? r + P : r
}

/** Signed digits in [−HALF, HALF] of k, lowest window first (noble's signedWindowDigits). */
function digitsOf(k: bigint): number[] {
  const digits: number[] = []
  let n = k
  for (let w = 0; w < WINDOWS; w++) {
    let v = Number(n & MASK)
    n >>= SHIFT
    if (v > HALF) {
      v -= SIZE
      n += 1n
    }
    digits.push(v)
  }
  return digits
}

/**
 * The affine x of k·G for 0 < k < n, or undefined where the mixed addition meets a doubling or
 * an inverse (never for a scalar below n in practice; the caller then asks noble).
 */
export function baseMultiplyX(k: bigint): bigint | undefined {
  table ??= buildTable()
  const digits = digitsOf(k)
  let X = 0n
  let Y = 0n
  let Z = 0n
  let empty = true
  for (let w = 0; w < WINDOWS; w++) {
    const digit = digits[w] as number
    if (digit === 0) continue
    const at = 2 * (w * HALF + Math.abs(digit) - 1)
    const x2 = table[at] as bigint
    const y2 = digit < 0 ? P - (table[at + 1] as bigint) : (table[at + 1] as bigint)
    if (empty) {
      X = x2
      Y = y2
      Z = 1n
      empty = false
      continue
    }
    // Sums feeding only a product stay unreduced (mod reduces the product, negative or not).
    const z1z1 = mod(Z * Z)
    const u2 = mod(x2 * z1z1)
    const s2 = mod(y2 * mod(Z * z1z1))
    const h = sub(u2, X)
    if (h === 0n) return undefined
    const hh = mod(h * h)
    const i = hh << 2n
    const j = mod(h * i)
    const r = (s2 - Y) << 1n
    const v = mod(X * i)
    const x3 = mod(r * r - j - (v << 1n))
    const y3 = mod(r * (v - x3) - ((Y * j) << 1n))
    // (Z1 + H)² − Z1Z1 − HH = 2·Z1·H
    Z = mod((Z * h) << 1n)
    X = x3
    Y = y3
  }
  if (empty || Z === 0n) return undefined
  const iz = Fp.inv(Z)
  return mod(X * mod(iz * iz))
}
