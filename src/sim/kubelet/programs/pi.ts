/**
 * π to `digits` significant digits, rounded, as Perl's `bignum` `bpi(N)` prints it: the
 * output of kubernetes.io's Job example (`perl -Mbignum=bpi -wle 'print bpi(2000)'`).
 * Machin's formula in BigInt fixed point; pure and exact.
 */
function arctanInverse(x: bigint, scale: bigint): bigint {
  let sum = 0n
  let term = scale / x
  const x2 = x * x
  for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign) {
    sum += (sign * term) / n
    term /= x2
  }
  return sum
}

const cache = new Map<number, string>()

export function piDigits(digits: number): string {
  const n = Math.max(1, Math.min(10_000, Math.floor(digits)))
  const hit = cache.get(n)
  if (hit !== undefined) return hit
  const guard = 10
  const scale = 10n ** BigInt(n - 1 + guard)
  const pi = 16n * arctanInverse(5n, scale) - 4n * arctanInverse(239n, scale)
  const rounded = (pi + 5n * 10n ** BigInt(guard - 1)) / 10n ** BigInt(guard)
  const text = rounded.toString()
  const out = n === 1 ? text : `${text.slice(0, 1)}.${text.slice(1)}`
  cache.set(n, out)
  return out
}
