/**
 * Kubernetes resource quantities ("500m", "1.5", "128Mi", "1G", "2e3") parsed exactly, with
 * decimal arithmetic on BigInt so "0.1" is 100 milli and not 100.00000000000001.
 * Rounding follows apimachinery: Value() and MilliValue() round up (ceil) to an integer.
 * Source: resource.Quantity, staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (v1.32)
 */

// Suffixes: binarySI (Ki..Ei), decimalSI (n, u, m, "", k, M, G, T, P, E) and decimal exponents.
// Source: suffix.go newSuffixer(), staging/src/k8s.io/apimachinery/pkg/api/resource (v1.32)
const BINARY_SUFFIX_POWER: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
}
const DECIMAL_SUFFIX_EXPONENT: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
}

const QUANTITY_PATTERN = /^([+-]?)(\d+)(?:\.(\d*))?(?:\.)?([a-zA-Z]*|[eE][+-]?\d+)$/

/** The quantity as an exact fraction numerator / 10^scale. */
interface Exact {
  numerator: bigint
  denominatorPow10: number
}

/** Parses a quantity string; returns undefined when it is not a valid quantity. Pure. */
function parseExact(text: string): Exact | undefined {
  const match = QUANTITY_PATTERN.exec(text.trim())
  if (!match) return undefined
  const [, sign = '', whole = '0', fraction = '', suffix = ''] = match
  let numerator = BigInt(whole + fraction)
  let denominatorPow10 = fraction.length
  if (sign === '-') numerator = -numerator
  const binaryPower = BINARY_SUFFIX_POWER[suffix]
  if (binaryPower !== undefined) {
    return { numerator: numerator * (1n << BigInt(binaryPower)), denominatorPow10 }
  }
  let exponent = DECIMAL_SUFFIX_EXPONENT[suffix]
  if (exponent === undefined && /^[eE][+-]?\d+$/.test(suffix)) exponent = Number(suffix.slice(1))
  if (exponent === undefined) return undefined
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent)
  else denominatorPow10 -= exponent
  return { numerator, denominatorPow10 }
}

function ceilScaled(exact: Exact, scalePow10: number): number {
  const shift = exact.denominatorPow10 - scalePow10
  if (shift <= 0) return Number(exact.numerator * 10n ** BigInt(-shift))
  const divisor = 10n ** BigInt(shift)
  const quotient = exact.numerator / divisor
  const hasRemainder = exact.numerator % divisor !== 0n
  return Number(hasRemainder && exact.numerator > 0n ? quotient + 1n : quotient)
}

/** True when `text` is a syntactically valid quantity. */
export function isValidQuantity(text: string): boolean {
  return parseExact(text) !== undefined
}

/** Quantity in thousandths, rounded up (Quantity.MilliValue): "500m" → 500, "1" → 1000. */
export function parseMilliValue(text: string): number {
  const exact = parseExact(text)
  if (!exact)
    throw new RangeError(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    )
  return ceilScaled(exact, 3)
}

/** Quantity as an integer, rounded up (Quantity.Value): "128Mi" → 134217728. */
export function parseValue(text: string): number {
  const exact = parseExact(text)
  if (!exact)
    throw new RangeError(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    )
  return ceilScaled(exact, 0)
}

/** Formats milli-CPU as kubectl does: 1500 → "1500m", 2000 → "2". */
export function formatMilliCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`
}

/** Formats bytes with the largest exact binary suffix: 134217728 → "128Mi". */
export function formatBytes(value: number): string {
  for (const [suffix, power] of Object.entries(BINARY_SUFFIX_POWER).reverse()) {
    const unit = 2 ** power
    if (value >= unit && value % unit === 0) return `${value / unit}${suffix}`
  }
  return String(value)
}

/**
 * A quantity as text. kubernetes-types says string, but manifests write `cpu: 1` and JSON
 * carries it as a number, which Quantity.UnmarshalJSON accepts; so values are normalised here.
 */
export function quantityText(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''
}
