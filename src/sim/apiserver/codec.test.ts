import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../model/objects'
import { encodeObject, jsonLengthWithRv } from './codec'

// An answer's bytes are counted from the stored text's length: it must be the encoded answer's.
describe('jsonLengthWithRv', () => {
  it('is the length of the object with its resourceVersion, encoded', () => {
    const metadata = fc.record(
      {
        name: fc.string(),
        namespace: fc.option(fc.string(), { nil: undefined }),
        resourceVersion: fc.option(fc.string(), { nil: undefined }),
        labels: fc.dictionary(fc.string(), fc.string()),
      },
      { requiredKeys: [] },
    )
    const object = fc.record(
      { kind: fc.string(), metadata, spec: fc.jsonValue() },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(object, fc.nat(), (value, revision) => {
        const stored = value as KubeObject
        const answer = {
          ...stored,
          metadata: { ...stored.metadata, resourceVersion: String(revision) },
        }
        const length = jsonLengthWithRv(encodeObject(stored).length, stored, revision)
        expect(length).toBe(JSON.stringify(answer).length)
      }),
      { numRuns: 500 },
    )
  })
})
