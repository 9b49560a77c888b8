import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deepCopy } from './objects'

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
