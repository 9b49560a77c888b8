import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  definePackedValue,
  forgetAnchors,
  packedLength,
  packValue,
  PACK_MIN_CHARS,
  storedValueOf,
  unpackValue,
  type PackedValue,
} from './value-pack'
import { packedEquals } from './value-stretch'

// A Pod of a ReplicaSet as the API server stores it (codec.ts encodeObject), and a sibling.
const pod = (name: string, uid: string, node: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'web-0-fb59759c-',
      namespace: 'default',
      labels: { app: 'web-0', 'pod-template-hash': 'fb59759c' },
      name,
      uid,
      creationTimestamp: '2025-01-01T00:01:03Z',
    },
    spec: {
      containers: [{ image: 'nginx:1.27', name: 'web', imagePullPolicy: 'IfNotPresent' }],
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      nodeName: node,
    },
    status: { phase: 'Running', podIP: '10.244.1.2', qosClass: 'Burstable' },
  })
const DIR = '/registry/pods/default/'

beforeEach(() => {
  forgetAnchors()
})

describe('value-pack: a stored value kept as a diff against a sibling', () => {
  it('reads back every text exactly, whatever was packed before it', () => {
    // JSON-like texts: words between quotes. Each variant is a few edits away from the base
    // (a word replaced, inserted or dropped, characters cut anywhere, quotes too): packed
    // against anchors that share much, little or nothing with it.
    const word = fc.oneof(
      fc.constantFrom(':', ',', ':{', '},', 'apiVersion', 'metadata', 'é', '\u{1F600}', ''),
      fc.string({ maxLength: 12 }),
    )
    const words = fc.array(word, { minLength: 20, maxLength: 120 })
    const edit = fc.tuple(fc.nat(), fc.constantFrom('word', 'insert', 'drop', 'chars'), word)
    let packedSeen = 0
    fc.assert(
      fc.property(
        words,
        fc.array(fc.array(edit, { maxLength: 4 }), { maxLength: 8 }),
        (base, variants) => {
          forgetAnchors()
          const pad = 'x'.repeat(PACK_MIN_CHARS)
          const texts = [
            base,
            ...variants.map((edits) =>
              edits.reduce((w, [at, kind, put]) => {
                const i = at % (w.length + 1)
                if (kind === 'word') return w.map((x, k) => (k === i ? put : x))
                if (kind === 'insert') return [...w.slice(0, i), put, ...w.slice(i)]
                if (kind === 'drop') return [...w.slice(0, i), ...w.slice(i + 1)]
                const joined = w.join('"')
                const c = at % (joined.length + 1)
                return (joined.slice(0, c) + put + joined.slice(c + 3)).split('"')
              }, base),
            ),
          ].map((w) => `${pad}"${w.join('"')}`)
          for (const t of texts) {
            const stored = packValue(DIR + 'p', t)
            expect(unpackValue(stored)).toBe(t)
            expect(packedLength(stored)).toBe(t.length)
            expect(packedEquals(stored, t)).toBe(true)
            expect(packedEquals(stored, `${t}"`)).toBe(false)
            expect(packedEquals(stored, t.slice(0, -1))).toBe(false)
            const at = t.length - 1 - (texts.indexOf(t) % 40)
            const changed = `${t.slice(0, at)}${t[at] === 'x' ? 'y' : 'x'}${t.slice(at + 1)}`
            expect(packedEquals(stored, changed)).toBe(false)
            if (typeof stored === 'object') packedSeen++
          }
        },
      ),
      { numRuns: 300 },
    )
    expect(packedSeen).toBeGreaterThan(50)
  })

  it('keeps a sibling Pod as its own few hundred characters, not its whole text', () => {
    const first = pod('web-0-fb59759c-nzz65', '6ba80d7f-1f77-4f3f-b383-40c2dc871016', 'node-117')
    const second = pod('web-0-fb59759c-q2x7d', '0c1e8a55-9d3b-4c61-a0f1-7d2b9e4f5a10', 'node-3')
    expect(first.length).toBeGreaterThan(PACK_MIN_CHARS)
    // The first of its directory has nothing to pack against: it stays whole, as the anchor.
    expect(packValue(DIR + 'a', first)).toBe(first)
    const packed = packValue(DIR + 'b', second) as PackedValue
    expect(typeof packed).toBe('object')
    expect(packed.a).toBe(first)
    // Its own text: what differs from the sibling's name, uid and node (a replaced word keeps
    // the start and end of at least 5 characters it shares with the one it replaces).
    expect(packed.l).toBe('q2x7d0c1e8a55-9d3b-4c61-a0f1-7d2b9e4f5a103')
    expect(unpackValue(packed)).toBe(second)
    // Another directory (another resource or namespace) has anchors of its own.
    expect(packValue('/registry/events/default/e1', second)).toBe(second)
  })

  it("packs a Lease renewal against its own earlier value, not a sibling's", () => {
    // Node Leases as stored: siblings differ in the name (three times) and two uids, ~31% of the
    // text, so no sibling serves (GOOD_OWN_SHARE is 25%); a renewal differs in renewTime only.
    const lease = (node: string, ownerUid: string, uid: string, renewTime: string) =>
      JSON.stringify({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: node,
          namespace: 'kube-node-lease',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: ownerUid }],
          uid,
          creationTimestamp: '2025-01-01T00:00:01Z',
        },
        spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime },
      })
    const leases = '/registry/leases/kube-node-lease/'
    const uids = (n: number): [string, string] => [
      `1c460302-71c1-4f24-bf86-dd1f9152b6e${String(n)}`,
      `1bf9c4ec-65f9-4a24-ab43-6f5172a392e${String(n)}`,
    ]
    const first = lease('node-1', ...uids(1), '2025-01-01T00:00:11.317000Z')
    packValue(leases + 'node-1', first)
    // Nine siblings renew in between: the directory's 8 anchors are theirs now.
    for (let n = 2; n <= 9; n++)
      packValue(
        leases + `node-${String(n)}`,
        lease(`node-${String(n)}`, ...uids(n), '2025-01-01T00:00:12.004000Z'),
      )
    const renewed = lease('node-1', ...uids(1), '2025-01-01T00:00:21.402000Z')
    const packed = packValue(leases + 'node-1', renewed) as PackedValue
    expect(packed.a).toBe(first)
    // Its own text: the one stretch that changed, the renewTime's digits from "21" to "402".
    expect(packed.l).toBe('21.402')
    expect(packed.o.length).toBe(6)
    expect(unpackValue(packed)).toBe(renewed)
  })

  it('leaves short values as they are', () => {
    const short = 'x'.repeat(PACK_MIN_CHARS - 1)
    expect(packValue(DIR + 'a', short)).toBe(short)
    expect(packValue(DIR + 'b', short)).toBe(short)
  })

  it('gives a record a value that reads, serialises and clones as the text', () => {
    const first = pod('a', 'u1', 'n1')
    const second = pod('b', 'u2', 'n2')
    packValue(DIR + 'a', first)
    const packed = packValue(DIR + 'b', second) as PackedValue
    const record = { key: DIR + 'b' } as { key: string; value: string; version: number }
    definePackedValue(record, packed)
    record.version = 1
    Object.freeze(record)
    const plain = { key: DIR + 'b', value: second, version: 1 }
    expect(record.value).toBe(second)
    expect(Object.keys(record)).toEqual(Object.keys(plain))
    expect(JSON.stringify(record)).toBe(JSON.stringify(plain))
    expect(structuredClone(record)).toEqual(plain)
    expect({ ...record }).toEqual(plain)
    expect(storedValueOf(record)).toBe(packed)
    expect(storedValueOf(plain)).toBe(second)
  })
})
