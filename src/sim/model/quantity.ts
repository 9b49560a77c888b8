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

// Source: ErrFormatWrong, ErrNumeric, ErrSuffix in quantity.go (v1.32).
export const ERR_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
export const ERR_SUFFIX = "unable to parse quantity's suffix"

/** The parts of a quantity string, as parseQuantityString returns them. */
interface QuantityParts {
  positive: boolean
  /** Digits before the point, leading zeros stripped ("0" when none). */
  num: string
  /** Digits after the point. */
  denom: string
  suffix: string
}

const isDigitAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i)
  return c >= 0x30 && c <= 0x39
}

/**
 * parseQuantityString, quantity.go (v1.32), step for step: it accepts more than its regular
 * expression says (".5", "1.", "-", "Mi" are quantities), and the API server stores what it
 * accepts, so everything downstream must read the same.
 */
function quantityParts(text: string): QuantityParts | string {
  if (text.length === 0) return ERR_FORMAT_WRONG
  let positive = true
  let pos = 0
  const end = text.length
  if (text.startsWith('-') || text.startsWith('+')) {
    positive = text.startsWith('+')
    pos++
  }
  while (pos < end && text[pos] === '0') pos++
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' }
  let i = pos
  while (i < end && isDigitAt(text, i)) i++
  const num = text.slice(pos, i) || '0'
  let denom = ''
  if (i < end && text[i] === '.') {
    const from = ++i
    while (i < end && isDigitAt(text, i)) i++
    denom = text.slice(from, i)
  }
  const suffixStart = i
  while (i < end && 'eEinumkKMGTP'.includes(text.charAt(i))) i++
  if (i < end && (text[i] === '-' || text[i] === '+')) i++
  while (i < end && isDigitAt(text, i)) i++
  if (i < end) return ERR_FORMAT_WRONG
  return { positive, num, denom, suffix: text.slice(suffixStart) }
}

const INT64_MAX = (1n << 63n) - 1n

/** suffixHandler.interpret (suffix.go): base and exponent of a suffix, or undefined. */
function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number } | undefined {
  const decimal = DECIMAL_SUFFIX_EXPONENT[suffix]
  if (decimal !== undefined) return { base: 10, exponent: decimal }
  const binary = BINARY_SUFFIX_POWER[suffix]
  if (binary !== undefined) return { base: 2, exponent: binary }
  if (suffix.length > 1 && (suffix.startsWith('e') || suffix.startsWith('E'))) {
    const digits = suffix.slice(1)
    // strconv.ParseInt(.., 10, 64): an optional sign and digits that fit in an int64.
    if (
      !/^[+-]?\d+$/.test(digits) ||
      BigInt(digits) > INT64_MAX ||
      BigInt(digits) < -INT64_MAX - 1n
    )
      return undefined
    return { base: 10, exponent: Number(digits) }
  }
  return undefined
}

/** ParseQuantity's error for `text` (ErrFormatWrong or ErrSuffix), or undefined when valid. */
export function quantityError(text: string): string | undefined {
  const parts = quantityParts(text)
  if (typeof parts === 'string') return parts
  return interpretSuffix(parts.suffix) ? undefined : ERR_SUFFIX
}

/** The quantity as an exact fraction numerator / 10^scale. */
interface Exact {
  numerator: bigint
  denominatorPow10: number
}

/** Parses a quantity string (spaces trimmed, as UnmarshalJSON does); undefined when invalid. */
function parseExact(text: string): Exact | undefined {
  const parts = quantityParts(text.trim())
  if (typeof parts === 'string') return undefined
  const suffix = interpretSuffix(parts.suffix)
  if (!suffix) return undefined
  let numerator = BigInt(parts.num + parts.denom)
  let denominatorPow10 = parts.denom.length
  if (!parts.positive) numerator = -numerator
  // Exponents beyond what an int64 holds only arise from absurd input: clamp so BigInt stays sane.
  const exponent = Math.max(-400, Math.min(400, suffix.exponent))
  if (suffix.base === 2)
    return { numerator: numerator * (1n << BigInt(exponent)), denominatorPow10 }
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
  if (!exact) throw new RangeError(ERR_FORMAT_WRONG)
  return ceilScaled(exact, 3)
}

/** Quantity as an integer, rounded up (Quantity.Value): "128Mi" → 134217728. */
export function parseValue(text: string): number {
  const exact = parseExact(text)
  if (!exact) throw new RangeError(ERR_FORMAT_WRONG)
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
