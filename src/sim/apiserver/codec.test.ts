import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../model/objects'
import { decodeObject, encodeObject, jsonLengthWithRv, noteOwnWrite, takeOwnWrite } from './codec'

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

// An answer's bytes are counted from the stored text's length: it must be the encoded answer's.
describe('jsonLengthWithRv', () => {
  it('is the length of the object with its resourceVersion, encoded', () => {
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

// What the watch events take from a text this server wrote, instead of encoding the decoded object.
describe("an object decoded from encodeObject's own text", () => {
  it('encodes back to that text, and its answer is as long as jsonLengthWithRv says', () => {
    fc.assert(
      fc.property(object, fc.nat(), (value, revision) => {
        const json = encodeObject(value as KubeObject)
        const decoded = decodeObject({ value: json, modRevision: revision })
        expect(encodeObject(decoded)).toBe(json)
        expect(JSON.stringify(decoded).length).toBe(
          jsonLengthWithRv(json.length, decoded, revision),
        )
      }),
      { numRuns: 500 },
    )
  })

  it('is only trusted for the very text written at that key, once', () => {
    noteOwnWrite('/registry/configmaps/default/a', '{"kind":"ConfigMap"}')
    expect(takeOwnWrite('/registry/configmaps/default/a', '{"kind": "ConfigMap"}')).toBe(false)
    expect(takeOwnWrite('/registry/configmaps/default/b', '{"kind":"ConfigMap"}')).toBe(false)
    expect(takeOwnWrite('/registry/configmaps/default/a', '{"kind":"ConfigMap"}')).toBe(true)
    expect(takeOwnWrite('/registry/configmaps/default/a', '{"kind":"ConfigMap"}')).toBe(false)
  })
})
