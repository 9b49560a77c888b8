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
/** How many values deep a stored value's text is: 0 whole, 1 packed, 2 packed on a packed one. */
const depth = (stored: string | PackedValue): number =>
  typeof stored === 'string' ? 0 : 1 + depth(stored.a)

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

  it('packs a key written often against its own earlier value, never more than two deep', () => {
    // A node's Lease: renewed every 10 s, only its renewTime changes.
    const lease = (node: string, uid: string, renewTime: string) =>
      JSON.stringify({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: node,
          namespace: 'kube-node-lease',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid }],
          uid: `${uid.slice(0, 30)}000000`,
          creationTimestamp: '2025-01-01T00:00:01Z',
        },
        spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime },
      })
    const key = '/registry/leases/kube-node-lease/node-7'
    packValue('/registry/leases/kube-node-lease/node-1', lease('node-1', 'a'.repeat(36), 'T0'))
    let stored: string | PackedValue | undefined
    const depths: number[] = []
    const own: number[] = []
    for (let version = 1; version <= 20; version++) {
      const text = lease('node-7', 'b'.repeat(36), `2025-01-01T00:01:${String(version + 10)}.5Z`)
      stored = packValue(key, text, stored === undefined ? undefined : { stored, version })
      expect(unpackValue(stored)).toBe(text)
      expect(packedLength(stored)).toBe(text.length)
      depths.push(depth(stored))
      own.push(typeof stored === 'object' ? stored.l.length : stored.length)
    }
    // From KEY_BASE_VERSION (8) writes on, against the key's own base (a value packed against
    // a sibling): only the renewTime differs.
    expect(depths.slice(8)).toEqual(Array<number>(12).fill(2))
    expect(Math.max(...own.slice(8))).toBeLessThan(8)
  })

  it('reads back every text of a key packed against its own earlier values', () => {
    const word = fc.oneof(fc.constantFrom(':', ',', 'status', ''), fc.string({ maxLength: 8 }))
    let chained = 0
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 30, maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(), word), { minLength: 1, maxLength: 30 }),
        (base, edits) => {
          forgetAnchors()
          const pad = 'y'.repeat(PACK_MIN_CHARS)
          let words = base
          let stored: string | PackedValue | undefined
          edits.forEach(([at, put], i) => {
            words = words.map((w, k) => (k === at % words.length ? put : w))
            const text = `${pad}"${words.join('"')}`
            const previous = stored === undefined ? undefined : { stored, version: i + 1 }
            stored = packValue(DIR + 'k', text, previous)
            expect(unpackValue(stored)).toBe(text)
            expect(packedLength(stored)).toBe(text.length)
            expect(depth(stored)).toBeLessThanOrEqual(2)
            chained += Number(depth(stored) === 2)
          })
        },
      ),
      { numRuns: 200 },
    )
    expect(chained).toBeGreaterThan(100)
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
