import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EtcdOp } from '../runtime/messages'
import { applyPayload, entryPayload, payloadOp, type KeyTxnEntry } from './entry-payload'
import { executeKv } from './kv-execute'
import { createMvcc, type Compare, type MvccState, type RequestOp } from './mvcc'
import { freezeShared } from '../core/share-clone'
import { forgetAnchors, storedValueOf } from './value-pack'
import { kvEntries } from './kv-index'

// A Raft entry keeps one key's guarded write in fields (entry-payload.ts): it must be the very
// txn the client sent, and applying it must do exactly what the txn does.
const KEYS = ['/registry/pods/default/a', '/registry/pods/default/b']
const key = fc.constantFrom(...KEYS)
const rev = fc.integer({ min: 0, max: 6 })
const compare: fc.Arbitrary<Compare> = fc.oneof(
  fc.record({
    key,
    target: fc.constant('MOD' as const),
    result: fc.constant('EQUAL' as const),
    modRevision: rev,
  }),
  fc.record({
    key,
    target: fc.constant('CREATE' as const),
    result: fc.constant('EQUAL' as const),
    createRevision: rev,
  }),
)
const request: fc.Arbitrary<RequestOp> = fc.oneof(
  fc.record({ op: fc.constant('put' as const), key, value: fc.constantFrom('1', '2') }),
  fc.record({ op: fc.constant('delete' as const), key }),
  fc.record({ op: fc.constant('get' as const), key }),
)
const anyTxn: fc.Arbitrary<EtcdOp> = fc.record({
  op: fc.constant('txn' as const),
  compares: fc.array(compare, { maxLength: 2 }),
  success: fc.array(request, { maxLength: 2 }),
  failure: fc.array(request, { maxLength: 2 }),
})
// kube-apiserver's shape (create, update, delete of one key), the one kept in fields.
// Long values a key's write packs against an earlier one (value-pack.ts): applied, they must
// read exactly as executeKv's plain strings.
const long = (name: string, phase: string) =>
  JSON.stringify({
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    pad: 'x'.repeat(300),
    phase,
  })
const keyWrite: fc.Arbitrary<EtcdOp> = fc
  .tuple(
    compare,
    fc.boolean(),
    fc.constantFrom('1', '2', long('a', 'Pending'), long('b', 'Running'), long('a', 'Running')),
    fc.boolean(),
  )
  .map(([c, put, value, elseGet]) => ({
    op: 'txn',
    compares: [c],
    success: [put ? { op: 'put', key: c.key, value } : { op: 'delete', key: c.key }],
    failure: elseGet ? [{ op: 'get', key: c.key }] : [],
  }))
const txnOp = fc.oneof(anyTxn, keyWrite)
const view = (s: MvccState) => ({ revision: s.revision, kv: [...kvEntries(s.kv)], log: s.log })

describe('entry payload: one flat record per Raft entry', () => {
  it('keeps the txn as sent and applies it as executeKv would', () => {
    fc.assert(
      fc.property(fc.array(txnOp, { maxLength: 25 }), (ops) => {
        const byPayload = createMvcc()
        const byOp = createMvcc()
        const sharing = createMvcc()
        ops.forEach((op, i) => {
          const payload = freezeShared(entryPayload('etcd-1', i, op, 3, undefined))
          expect(payloadOp(payload)).toEqual(op)
          const applied = applyPayload(byPayload, payload)
          expect(applied).toEqual(executeKv(byOp, op))
          // A second member applying the same frozen entry reuses the first one's events.
          const second = applyPayload(sharing, payload)
          second.events.forEach((e, j) => expect(e).toBe(applied.events[j]))
        })
        expect(view(byPayload)).toEqual(view(byOp))
        expect(view(sharing)).toEqual(view(byOp))
      }),
      { numRuns: 300 },
    )
  })

  it('keeps a kube-apiserver write as one object sharing the value string', () => {
    const value = '{"kind":"Pod"}'
    const op: EtcdOp = {
      op: 'txn',
      compares: [{ key: KEYS[0] as string, target: 'MOD', result: 'EQUAL', modRevision: 4 }],
      success: [{ op: 'put', key: KEYS[0] as string, value }],
      failure: [{ op: 'get', key: KEYS[0] as string }],
    }
    const payload = entryPayload('etcd-2', 7, op, 3, { kind: 'Pod', name: 'a' })
    expect(payload.op).toBeUndefined()
    // Its only objects: the ref, and `data`, the entry itself (key-txn-entry.ts).
    const objects = Object.values(payload).filter((v) => typeof v === 'object' && v !== null)
    expect(objects).toEqual([payload, { kind: 'Pod', name: 'a' }])
    expect(objects[0]).toBe(payload)
    expect(payload).toMatchObject({ proposer: 'etcd-2', seq: 7, value, rev: 4 })
  })

  it('lays a packed entry and KeyValue out as plain ones: same fields, order, JSON', () => {
    forgetAnchors()
    const first = long('a', 'Pending')
    const second = long('b', 'Pending')
    const write = (value: string): EtcdOp => ({
      op: 'txn',
      compares: [{ key: KEYS[1] as string, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
      success: [{ op: 'put', key: KEYS[1] as string, value }],
      failure: [],
    })
    entryPayload('etcd-1', 1, write(first), 3, undefined)
    const payload = entryPayload('etcd-1', 2, write(second), 3, { kind: 'Pod', name: 'b' })
    expect(typeof storedValueOf(payload as KeyTxnEntry)).toBe('object')
    // A proposal: the entry at index 0, term 0, whose data is itself (key-txn-entry.ts).
    const plain = {
      index: 0,
      term: 0,
      type: 'Normal',
      data: payload,
      proposer: 'etcd-1',
      seq: 2,
      step: 3,
      about: { kind: 'Pod', name: 'b' },
      key: KEYS[1],
      target: 'CREATE',
      rev: 0,
      value: second,
      elseGet: false,
    }
    expect(Object.keys(payload)).toEqual(Object.keys(plain))
    expect({ ...payload }).toEqual(plain)
    const { index, term, type, data: _, ...fields } = plain
    const wrapped = { index, term, type, data: { ...fields, op: undefined } }
    expect(JSON.stringify(payload)).toBe(JSON.stringify(wrapped))
    expect(Object.isFrozen(payload)).toBe(true)
    const mvcc = createMvcc()
    const kv = applyPayload(mvcc, payload).events[0]?.kv
    expect(storedValueOf(kv ?? {})).toBe(storedValueOf(payload as KeyTxnEntry))
    const plainKv = { key: KEYS[1], value: second, createRevision: 2, modRevision: 2, version: 1 }
    expect(Object.keys(kv ?? {})).toEqual(Object.keys(plainKv))
    expect(JSON.stringify(kv)).toBe(JSON.stringify(plainKv))
    expect(structuredClone(kv)).toStrictEqual(plainKv)
  })

  it('gives equal object refs of entries one frozen copy', () => {
    const op = (value: string): EtcdOp => ({
      op: 'txn',
      compares: [{ key: KEYS[0] as string, target: 'MOD', result: 'EQUAL', modRevision: 1 }],
      success: [{ op: 'put', key: KEYS[0] as string, value }],
      failure: [],
    })
    const a = entryPayload('etcd-1', 1, op('1'), 3, { kind: 'Lease', namespace: 'n', name: 'x' })
    const b = entryPayload('etcd-1', 2, op('2'), 3, { kind: 'Lease', namespace: 'n', name: 'x' })
    const c = entryPayload('etcd-1', 3, op('3'), 3, { kind: 'Lease', namespace: 'n', name: 'y' })
    expect(b.about).toBe(a.about)
    expect(Object.isFrozen(a.about)).toBe(true)
    expect(c.about).toEqual({ kind: 'Lease', namespace: 'n', name: 'y' })
    expect(c.about).not.toBe(a.about)
  })

  it('keeps any other op as sent', () => {
    const op: EtcdOp = { op: 'compact', revision: 9 }
    expect(entryPayload('etcd-1', 1, op, undefined, undefined).op).toBe(op)
  })
})
