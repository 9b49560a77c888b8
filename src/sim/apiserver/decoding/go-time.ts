/**
 * Go's time.Parse for the two layouts metav1 uses, with its error texts: metav1.Time parses
 * time.RFC3339 and metav1.MicroTime RFC3339Micro (time.go, micro_time.go in apimachinery v1.32).
 * Source: src/time/format.go (Go 1.23, which builds Kubernetes v1.32): parse, getnum, skip,
 * ParseError.Error and quote.
 */

import { civilFromDays, daysFromCivil } from '../../core/time'
import { utf8Bytes } from './utf8'

export const RFC3339 = '2006-01-02T15:04:05Z07:00'
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00'

/** A layout as Go splits it: literal prefixes and std chunks. */
type Chunk =
  | { kind: 'literal'; text: string }
  | { kind: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'tz'; text: string }
  | { kind: 'frac'; text: string; digits: number }

function chunksOf(layout: string): Chunk[] {
  return layout === RFC3339_MICRO
    ? [...chunksOf(RFC3339).slice(0, 11), { kind: 'frac', text: '.000000', digits: 6 }, TZ]
    : [
        { kind: 'year', text: '2006' },
        { kind: 'literal', text: '-' },
        { kind: 'month', text: '01' },
        { kind: 'literal', text: '-' },
        { kind: 'day', text: '02' },
        { kind: 'literal', text: 'T' },
        { kind: 'hour', text: '15' },
        { kind: 'literal', text: ':' },
        { kind: 'minute', text: '04' },
        { kind: 'literal', text: ':' },
        { kind: 'second', text: '05' },
        TZ,
      ]
}

const TZ: Chunk = { kind: 'tz', text: 'Z07:00' }

/** time.quote: Go-quoted, non-ASCII and control bytes as \xNN. */
function goQuote(text: string): string {
  let out = '"'
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code >= 0x80 || code < 0x20) {
      for (const byte of utf8Bytes(char)) out += `\\x${byte.toString(16).padStart(2, '0')}`
    } else out += char === '"' || char === '\\' ? `\\${char}` : char
  }
  return `${out}"`
}

const isDigit = (s: string, i: number): boolean =>
  i < s.length && s[i] !== undefined && /\d/.test(s.charAt(i))

/** getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)]
  return [Number(s.slice(0, 2)), s.slice(2)]
}

export interface ParsedTime {
  /** Milliseconds since the epoch (UTC), for re-encoding. */
  epochMs: number
  /** Fractional nanoseconds beyond the millisecond are dropped: the sim's clock is in ms. */
  micros: number
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)

/** The char code of digit `i` of `s`, as a number 0-9, or -1 when it is not a digit. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 0x30
  return c >= 0 && c <= 9 ? c : -1
}

/** The number written by the `width` digits of `s` at `at`, or -1 when one is not a digit. */
function digitsAt(s: string, at: number, width: number): number {
  let n = 0
  for (let i = at; i < at + width; i++) {
    const d = digitAt(s, i)
    if (d < 0) return -1
    n = n * 10 + d
  }
  return n
}

/**
 * Whether `value` is a time exactly as Go writes it back in `layout` (UTC, "Z", and for
 * RFC3339Micro six fraction digits), and in range: then parsing it and formatting the result
 * gives `value` again, so a decoder may keep the text. Nearly every time a client sends is
 * one (clients write them with the same formats); anything else takes parseGoTime's path.
 */
export function isCanonicalTime(layout: string, value: string): boolean {
  const micro = layout === RFC3339_MICRO
  if (value.length !== (micro ? 27 : 20) || value.charCodeAt(value.length - 1) !== 0x5a)
    return false
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T') return false
  if (value[13] !== ':' || value[16] !== ':') return false
  if (micro && (value[19] !== '.' || digitsAt(value, 20, 6) < 0)) return false
  const year = digitsAt(value, 0, 4)
  const month = digitsAt(value, 5, 2)
  const day = digitsAt(value, 8, 2)
  const hour = digitsAt(value, 11, 2)
  const minute = digitsAt(value, 14, 2)
  const second = digitsAt(value, 17, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1) return false
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false
  const days = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number)
  return day <= days
}

/** time.Parse(layout, value): the time, or Go's ParseError text. */
export function parseGoTime(layout: string, value: string): ParsedTime | string {
  const error = (layoutElem: string, valueElem: string, message = ''): string =>
    message === ''
      ? `parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(valueElem)} as ${goQuote(layoutElem)}`
      : `parsing time ${goQuote(value)}${message}`
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, micros: 0, offset: 0 }
  let rest = value
  const chunks = chunksOf(layout)
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c] as Chunk
    if (chunk.kind === 'literal') {
      if (!rest.startsWith(chunk.text)) return error(chunk.text, rest)
      rest = rest.slice(chunk.text.length)
      continue
    }
    const hold = rest
    const step = parseChunk(chunk, rest, fields, chunks[c + 1])
    if (step === undefined) return error(chunk.text, hold)
    if (typeof step === 'object')
      return error(chunk.text, step.rest, `: ${step.range} out of range`)
    rest = step
  }
  if (rest !== '') return error('', rest, `: extra text: ${goQuote(rest)}`)
  const days = fields.month === 2 && isLeap(fields.year) ? 29 : DAYS_IN_MONTH[fields.month - 1]
  if (fields.day < 1 || fields.day > (days ?? 31)) return error('', rest, ': day out of range')
  const seconds =
    daysFromCivil(fields.year, fields.month, fields.day) * 86_400 +
    fields.hour * 3600 +
    fields.minute * 60 +
    fields.second -
    fields.offset
  return { epochMs: seconds * 1000 + Math.floor(fields.micros / 1000), micros: fields.micros }
}

interface Fields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  micros: number
  offset: number
}

/** One std chunk: the rest of the value, undefined for errBad, or a range error. */
function parseChunk(
  chunk: Chunk,
  s: string,
  f: Fields,
  next: Chunk | undefined,
): string | undefined | { range: string; rest: string } {
  switch (chunk.kind) {
    case 'year': {
      if (s.length < 4 || !isDigit(s, 0)) return undefined
      if (!/^\d{4}$/.test(s.slice(0, 4))) return undefined
      f.year = Number(s.slice(0, 4))
      return s.slice(4)
    }
    case 'month':
    case 'day':
    case 'hour':
    case 'minute':
      return twoDigits(chunk.kind, s, f)
    case 'second': {
      const got = getnum(s, true)
      if (!got) return undefined
      const [sec, after] = got
      if (sec >= 60) return { range: 'second', rest: after }
      f.second = sec
      // A fractional second the layout does not have is still accepted (format.go stdZeroSecond).
      if (
        next?.kind !== 'frac' &&
        after.length >= 2 &&
        (after.startsWith('.') || after.startsWith(',')) &&
        isDigit(after, 1)
      ) {
        let n = 2
        while (isDigit(after, n)) n++
        f.micros = Math.floor(Number(`0.${after.slice(1, n)}`) * 1e6)
        return after.slice(n)
      }
      return after
    }
    case 'frac': {
      if (s.length < chunk.digits + 1 || !(s.startsWith('.') || s.startsWith(','))) return undefined
      const digits = s.slice(1, chunk.digits + 1)
      if (!/^\d+$/.test(digits)) return undefined
      f.micros = Number(digits.padEnd(6, '0').slice(0, 6))
      return s.slice(chunk.digits + 1)
    }
    case 'tz':
      return timeZone(s, f)
    case 'literal':
      return s
  }
}

function twoDigits(kind: 'month' | 'day' | 'hour' | 'minute', s: string, f: Fields) {
  const got = getnum(s, kind !== 'hour')
  if (!got) return undefined
  const [n, after] = got
  if (kind === 'month' && (n <= 0 || n > 12)) return { range: 'month', rest: after }
  if (kind === 'hour' && n >= 24) return { range: 'hour', rest: after }
  if (kind === 'minute' && n >= 60) return { range: 'minute', rest: after }
  f[kind] = n
  return after
}

/** stdISO8601ColonTZ: "Z" or ±hh:mm. */
function timeZone(s: string, f: Fields): string | undefined | { range: string; rest: string } {
  if (s.startsWith('Z')) return s.slice(1)
  if (s.length < 6 || s[3] !== ':') return undefined
  const sign = s[0]
  const hours = getnum(s.slice(1, 3), true)
  const minutes = hours ? getnum(s.slice(4, 6), true) : undefined
  // Range before errBad, as the parse loop checks rangeErrString first.
  if ((hours?.[0] ?? 0) > 24) return { range: 'time zone offset hour', rest: s.slice(6) }
  if ((minutes?.[0] ?? 0) > 60) return { range: 'time zone offset minute', rest: s.slice(6) }
  if (!hours || !minutes || (sign !== '+' && sign !== '-')) return undefined
  f.offset = (sign === '-' ? -1 : 1) * (hours[0] * 3600 + minutes[0] * 60)
  return s.slice(6)
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** "2006-01-02T15:04:05" of an epoch second, in UTC. */
function utcSeconds(epochSeconds: number): string {
  const days = Math.floor(epochSeconds / 86_400)
  const [year, month, day] = civilFromDays(days)
  const inDay = epochSeconds - days * 86_400
  const time = `${pad(Math.floor(inDay / 3600))}:${pad(Math.floor(inDay / 60) % 60)}:${pad(inDay % 60)}`
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}`
}

/** How metav1.Time marshals: t.UTC().Format(time.RFC3339). */
export function formatRfc3339(time: ParsedTime): string {
  return `${utcSeconds(Math.floor(time.epochMs / 1000))}Z`
}

/** How metav1.MicroTime marshals: t.UTC().Format(RFC3339Micro). */
export function formatRfc3339Micro(time: ParsedTime): string {
  return `${utcSeconds(Math.floor(time.epochMs / 1000))}.${pad(time.micros, 6)}Z`
}
