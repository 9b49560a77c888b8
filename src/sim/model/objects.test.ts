import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deepCopy, sameCanonicalJson, sameValue } from './objects'

const roundTrip = (value: unknown): unknown =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown)

const outcome = (f: () => unknown): { value: unknown } | { error: string } => {
  try {
    return { value: f() }
  } catch (error) {
    return { error: (error as Error).constructor.name }
  }
}

describe('deepCopy', () => {
  it('is exactly the JSON round trip, whatever the value', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withDate: true,
          withSparseArray: true,
          withTypedArray: true,
          withNullPrototype: true,
          withObjectString: true,
          withBigInt: true,
        }),
        (value) => {
          expect(outcome(() => deepCopy(value))).toStrictEqual(outcome(() => roundTrip(value)))
        },
      ),
      { numRuns: 2_000 },
    )
  })

  it('keeps the cases the round trip is known for', () => {
    const value = {
      gone: undefined,
      fn: () => 1,
      nan: NaN,
      negativeZero: -0,
      list: [undefined, Infinity, -0, { toJSON: () => 'as JSON' }],
      ['__proto__']: { kept: true },
      '2': 'integer keys first',
    }
    Object.defineProperty(value, '__proto__', { value: { kept: true }, enumerable: true })
    const copy = deepCopy(value)
    expect(copy).toStrictEqual(roundTrip(value))
    expect(Object.keys(copy)).toEqual(['2', 'nan', 'negativeZero', 'list', '__proto__'])
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
  })

  it('copies: nothing in the copy is shared with the original', () => {
    const original = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } }
    const copy = deepCopy(original)
    copy.spec.containers[0]!.ports[0]!.containerPort = 81
    expect(original.spec.containers[0]!.ports[0]!.containerPort).toBe(80)
  })
})

describe('sameValue', () => {
  // BigInt is left out: JSON.stringify throws on it, and sameValue answers true for one
  // reference compared with itself without looking inside.
  const anything = fc.anything({
    withBoxedValues: true,
    withMap: true,
    withDate: true,
    withSparseArray: true,
    withNullPrototype: true,
    withObjectString: true,
  })
  it('is equal JSON text once keys are sorted, whatever the values', () => {
    fc.assert(
      fc.property(anything, anything, (a, b) => {
        expect(sameValue(a, b)).toBe(sameCanonicalJson(a, b))
      }),
      { numRuns: 2_000 },
    )
  })

  it('agrees on values that differ only a little, or only in key order', () => {
    fc.assert(
      fc.property(anything, fc.boolean(), (a, reorder) => {
        const copy = reorder ? reordered(a) : deepCopy(a)
        expect(sameValue(a, copy)).toBe(sameCanonicalJson(a, copy))
        expect(sameValue({ x: a, y: [a] }, { y: [copy], x: copy })).toBe(
          sameCanonicalJson({ x: a, y: [a] }, { y: [copy], x: copy }),
        )
      }),
      { numRuns: 1_000 },
    )
  })

  it('counts a field set to undefined as absent, and NaN as null', () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(sameValue([undefined, NaN], [null, null])).toBe(true)
    expect(sameValue({ a: { b: 1, c: 2 } }, { a: { c: 2, b: 1 } })).toBe(true)
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false)
    expect(sameValue({ a: 1 }, { a: 1, b: null })).toBe(false)
  })
})

/** The same data with every object's keys in reverse order (plain data only). */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered)
  if (value === null || typeof value !== 'object') return value
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([k, v]) => [k, reordered(v)]),
  )
}
