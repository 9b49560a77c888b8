import { describe, expect, it } from 'vitest'
import type { EtcdOp } from '../runtime/messages'
import { applyPayload, entryPayload, payloadOp, type EntryPayload } from './entry-payload'
import { createMvcc } from './mvcc'
import { asIndex, asTerm, makeEntry, type Entry } from './raft/types'
import { forgetAnchors, storedValueOf } from './value-pack'

// One kube-apiserver write is one object in the Raft log, both the entry and its data
// (key-txn-entry.ts). A reader must get what it got from an entry wrapping a plain payload:
// `{ index, term, type, data: { proposer, seq, step, about, op, key, target, rev, value, elseGet } }`.
const KEY = '/registry/pods/default/web-1'
const pod = (name: string, phase: string) =>
  JSON.stringify({ kind: 'Pod', metadata: { name }, pad: 'x'.repeat(300), phase })

const write = (value: string | undefined, elseGet: boolean, modRevision = 0): EtcdOp => ({
  op: 'txn',
  compares: [{ key: KEY, target: 'MOD', result: 'EQUAL', modRevision }],
  success: [value === undefined ? { op: 'delete', key: KEY } : { op: 'put', key: KEY, value }],
  failure: elseGet ? [{ op: 'get', key: KEY }] : [],
})

/** The entry as it was before: a wrapper around a plain payload. */
function plainEntry(index: number, term: number, seq: number, op: EtcdOp, value?: string) {
  const about = { kind: 'Pod', namespace: 'default', name: 'web-1' }
  const elseGet = op.op === 'txn' && op.failure.length > 0
  const data = { proposer: 'etcd-2', seq, step: 3, about, op: undefined, key: KEY }
  return {
    index,
    term,
    type: 'Normal',
    data: { ...data, target: 'MOD', rev: 0, value, elseGet },
  }
}

const cases: [string, string | undefined, boolean][] = [
  ['a packed put', pod('web-1', 'Running'), true],
  ['a short put', '{"kind":"Pod"}', false],
  ['a delete', undefined, true],
]

describe('a key write as its Raft entry: one object, read as entry and payload', () => {
  it.each(cases)('%s reads as the entry wrapping its payload did', (_, value, elseGet) => {
    forgetAnchors()
    entryPayload('etcd-2', 1, write(pod('web-0', 'Running'), true), 3, undefined)
    const op = write(value, elseGet)
    const about = { kind: 'Pod', namespace: 'default', name: 'web-1' }
    const proposal = entryPayload('etcd-2', 9, op, 3, about)
    const entry = makeEntry(asIndex(12), asTerm(4), 'Normal', proposal)
    const plain = plainEntry(12, 4, 9, op, value)
    expect(entry).not.toBe(proposal)
    expect([entry.index, entry.term, entry.type]).toEqual([12, 4, 'Normal'])
    const data = entry.data as EntryPayload
    expect(data).toBe(entry)
    for (const [field, expected] of Object.entries(plain.data))
      expect((data as unknown as Record<string, unknown>)[field]).toEqual(expected)
    expect(payloadOp(data)).toEqual(op)
    expect(JSON.stringify(entry)).toBe(JSON.stringify(plain))
    expect(Object.isFrozen(entry)).toBe(true)
    // The packed copy is the proposal's: the entry and the store share it.
    expect(storedValueOf(data as { value?: string })).toBe(
      storedValueOf(proposal as { value?: string }),
    )
  })

  it('applies as the proposal would, and so does a structuredClone of it', () => {
    forgetAnchors()
    const created = entryPayload('etcd-1', 1, write(pod('web-1', 'Pending'), false), 3, undefined)
    const updated = entryPayload('etcd-1', 2, write(pod('web-1', 'Running'), true, 2), 3, undefined)
    const entries = [created, updated].map((p, i) =>
      makeEntry(asIndex(i + 1), asTerm(1), 'Normal', p),
    )
    const byProposal = createMvcc()
    const byEntry = createMvcc()
    const byClone = createMvcc()
    ;[created, updated].forEach((p, i) => {
      const entry = entries[i] as Entry
      const clone = structuredClone(entry)
      expect(clone.data).toBe(clone)
      const want = applyPayload(byProposal, p)
      expect(applyPayload(byEntry, entry.data as EntryPayload)).toEqual(want)
      expect(applyPayload(byClone, clone.data as EntryPayload)).toEqual(want)
    })
    expect(byEntry).toEqual(byProposal)
    expect(byClone).toEqual(byProposal)
  })

  it('leaves any other data wrapped', () => {
    const op: EtcdOp = { op: 'compact', revision: 9 }
    const payload = entryPayload('etcd-1', 1, op, undefined, undefined)
    const entry = makeEntry(asIndex(3), asTerm(2), 'Normal', payload)
    expect(entry).toEqual({ index: 3, term: 2, type: 'Normal', data: payload })
    expect(makeEntry(asIndex(4), asTerm(2), 'Empty', null)).toEqual({
      index: 4,
      term: 2,
      type: 'Empty',
      data: null,
    })
  })
})
