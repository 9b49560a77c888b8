import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatRfc3339,
  formatRfc3339Micro,
  isCanonicalTime,
  parseGoTime,
  RFC3339,
  RFC3339_MICRO,
} from './go-time'
import { jsonSyntaxError, scannerError } from './json-syntax'
import { isValidJson } from './json-valid'
import { unmarshal } from './unmarshalers'

// The decoder's short cuts must answer exactly what the long way answers.

/** What the time unmarshaler made of a value before the short cut: parse, then format in UTC. */
function parsedAndFormatted(layout: string, value: string): string | undefined {
  const parsed = parseGoTime(layout, value)
  if (typeof parsed === 'string') return undefined
  return layout === RFC3339 ? formatRfc3339(parsed) : formatRfc3339Micro(parsed)
}

// Times of the shape Go writes, with every field drawn over and past its range.
const timeShaped = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 999_999 }),
  )
  .map(([y, mo, d, h, mi, s, us]) => {
    const p = (n: number, w = 2) => String(n).padStart(w, '0')
    const seconds = `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}`
    return { plain: `${seconds}Z`, micro: `${seconds}.${p(us, 6)}Z` }
  })

describe('canonical times', () => {
  it('a time Go formats is canonical, and parsing and formatting it gives it back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }),
        fc.integer({ min: 0, max: 999 }),
        (epochMs, extraMicros) => {
          const time = { epochMs, micros: (((epochMs % 1000) + 1000) % 1000) * 1000 + extraMicros }
          const plain = formatRfc3339(time)
          const micro = formatRfc3339Micro(time)
          expect(isCanonicalTime(RFC3339, plain)).toBe(true)
          expect(isCanonicalTime(RFC3339_MICRO, micro)).toBe(true)
          expect(parsedAndFormatted(RFC3339, plain)).toBe(plain)
          expect(parsedAndFormatted(RFC3339_MICRO, micro)).toBe(micro)
        },
      ),
    )
  })

  it('a value is canonical only when the long way gives it back unchanged', () => {
    fc.assert(
      fc.property(timeShaped, ({ plain, micro }) => {
        for (const [layout, value] of [
          [RFC3339, plain],
          [RFC3339_MICRO, micro],
        ] as const) {
          expect(isCanonicalTime(layout, value)).toBe(parsedAndFormatted(layout, value) === value)
        }
      }),
    )
  })

  it('other spellings of a time (offsets, fractions, lower case) go the long way', () => {
    for (const value of [
      '2024-01-02T03:04:05+00:00',
      '2024-01-02T03:04:05.5Z',
      '2024-01-02t03:04:05Z',
      '2024-01-02T03:04:05z',
      ' 2024-01-02T03:04:05Z',
    ])
      expect(isCanonicalTime(RFC3339, value)).toBe(false)
    expect(isCanonicalTime(RFC3339_MICRO, '2024-01-02T03:04:05.12345Z')).toBe(false)
    expect(isCanonicalTime(RFC3339_MICRO, '2024-01-02T03:04:05Z')).toBe(false)
  })

  it('the unmarshaler answers the same with and without the short cut', () => {
    fc.assert(
      fc.property(timeShaped, ({ plain, micro }) => {
        const expected = (layout: string, value: string) =>
          parsedAndFormatted(layout, value) ?? 'error'
        const got = (kind: 'time' | 'microtime', value: string) => {
          const result = unmarshal(kind, JSON.stringify(value))
          return 'value' in result ? result.value : 'error'
        }
        expect(got('time', plain)).toBe(expected(RFC3339, plain))
        expect(got('microtime', micro)).toBe(expected(RFC3339_MICRO, micro))
      }),
    )
  })
})

// JSON texts, and texts near JSON: a valid text with one character changed, dropped or added.
const nearJson = fc
  .tuple(
    fc.json(),
    fc.nat(),
    fc.constantFrom('', ' ', '{', '}', '[', ']', ',', ':', '"', '\\', '-', '0', '.', 'e', 'x'),
    fc.constantFrom('replace', 'drop', 'insert', 'keep'),
  )
  .map(([text, at, char, how]) => {
    const i = text.length === 0 ? 0 : at % text.length
    if (how === 'keep') return text
    if (how === 'drop') return text.slice(0, i) + text.slice(i + 1)
    if (how === 'insert') return text.slice(0, i) + char + text.slice(i)
    return text.slice(0, i) + char + text.slice(i + 1)
  })

describe("JSON syntax: the quick check says yes exactly when Go's scanner does", () => {
  /** [quick check's yes, the error jsonSyntaxError gives]: the scanner's own answer. */
  const verdicts = (text: string) => [isValidJson(text), jsonSyntaxError(text)]
  const scanned = (text: string) => [scannerError(text) === undefined, scannerError(text)]

  it('on JSON texts and texts one edit away from one', () => {
    fc.assert(
      fc.property(nearJson, (text) => {
        expect(verdicts(text)).toEqual(scanned(text))
      }),
      { numRuns: 2_000 },
    )
  })

  it('on strings holding any characters (controls, lone surrogates, non-ASCII)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (inner) => {
        const text = `{"a":"${inner}"}`
        expect(verdicts(text)).toEqual(scanned(text))
      }),
    )
  })

  it('on JSON spread out with white space, and on texts of JSON characters', () => {
    const spaced = fc
      .tuple(fc.json(), fc.constantFrom(' ', '\n', '\r\n', '\t', '\f', '\u00a0'))
      .map(([text, space]) => text.replace(/([,:[\]{}])/g, `${space}$1${space}`))
    const chars = fc.constantFrom(...'{}[]:,"\\ tfn0123456789-+.eEaru'.split(''))
    const jumbled = fc.array(chars, { maxLength: 12 }).map((a) => a.join(''))
    fc.assert(
      fc.property(fc.oneof(spaced, jumbled), (text) => {
        expect(verdicts(text)).toEqual(scanned(text))
      }),
      { numRuns: 5_000 },
    )
  })

  it("nests up to the scanner's limit, and no deeper", () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
    expect(verdicts(nested(10_000))).toEqual([true, undefined])
    expect(verdicts(nested(10_001))).toEqual([false, "invalid character '[' exceeded max depth"])
    expect(scanned(nested(10_001))).toEqual(verdicts(nested(10_001)))
  })
})
