import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../model/objects'
import { definePackedValue, forgetAnchors, packValue, type PackedValue } from '../etcd/value-pack'
import {
  decodeObject,
  encodeObject,
  jsonLengthWithRv,
  knownEncoding,
  noteOwnWrite,
  storedTextIs,
  takeOwnWrite,
} from './codec'

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
    const kv = (key: string, value: string) => ({
      key: `/registry/configmaps/default/${key}`,
      value,
    })
    noteOwnWrite('/registry/configmaps/default/a', '{"kind":"ConfigMap"}')
    expect(takeOwnWrite(kv('a', '{"kind": "ConfigMap"}'))).toBe(false)
    expect(takeOwnWrite(kv('b', '{"kind":"ConfigMap"}'))).toBe(false)
    expect(takeOwnWrite(kv('a', '{"kind":"ConfigMap"}'))).toBe(true)
    expect(takeOwnWrite(kv('a', '{"kind":"ConfigMap"}'))).toBe(false)
  })

  it('is compared with a packed value as etcd holds it', () => {
    forgetAnchors()
    const key = '/registry/configmaps/default/lease-like'
    const text = (at: string) =>
      encodeObject({ kind: 'ConfigMap', metadata: { name: 'x'.repeat(300) }, data: { at } })
    packValue(key, text('2025-01-01T00:00:11.317000Z'))
    const written = text('2025-01-01T00:00:21.402000Z')
    const packed = packValue(key, written) as PackedValue
    expect(typeof packed).toBe('object')
    const kv = { key } as { key: string; value: string }
    definePackedValue(kv, packed)
    noteOwnWrite(key, text('2025-01-01T00:00:21.402001Z'))
    expect(takeOwnWrite(kv)).toBe(false)
    noteOwnWrite(key, written)
    expect(takeOwnWrite(kv)).toBe(true)
    const object = decodeObject({ value: written, modRevision: 7 })
    knownEncoding(object, kv)
    expect(storedTextIs(object, written)).toBe(true)
    expect(storedTextIs(object, `${written} `)).toBe(false)
    expect(storedTextIs(object, text('2025-01-01T00:00:21.402001Z'))).toBe(false)
    // An object with no known encoding is encoded to compare.
    expect(storedTextIs(decodeObject({ value: written, modRevision: 7 }), written)).toBe(true)
  })
})
