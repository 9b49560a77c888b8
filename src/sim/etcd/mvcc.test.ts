import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ERR_COMPACTED,
  ERR_FUTURE_REV,
  compact,
  createMvcc,
  eventsSince,
  prefixRangeEnd,
  range,
  txn,
} from './mvcc'
import { rangeAt } from './range-at'

const put = (key: string, value: string) => ({ op: 'put' as const, key, value })

describe('mvcc', () => {
  it('bumps one revision per write transaction and tracks create/mod revision and version', () => {
    const store = createMvcc()
    txn(store, [], [put('/registry/pods/default/a', '1')], [])
    const second = txn(store, [], [put('/registry/pods/default/a', '2')], [])
    expect(second.revision).toBe(3)
    expect(range(store, '/registry/pods/default/a')).toEqual([
      {
        key: '/registry/pods/default/a',
        value: '2',
        createRevision: 2,
        modRevision: 3,
        version: 2,
      },
    ])
  })

  it('create-if-absent fails on an existing key and returns the current value', () => {
    const store = createMvcc()
    const key = '/registry/pods/default/a'
    const create = () =>
      txn(
        store,
        [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
        [put(key, 'x')],
        [{ op: 'get', key }],
      )
    expect(create().succeeded).toBe(true)
    const again = create()
    expect(again.succeeded).toBe(false)
    expect(again.gets[0]?.value).toBe('x')
    expect(store.revision).toBe(2)
  })

  it('ranges a prefix in key order', () => {
    const store = createMvcc()
    txn(
      store,
      [],
      [put('/registry/pods/b/x', ''), put('/registry/pods/a/y', ''), put('/registry/podsx', '')],
      [],
    )
    const prefix = '/registry/pods/'
    expect(range(store, prefix, prefixRangeEnd(prefix)).map((kv) => kv.key)).toEqual([
      '/registry/pods/a/y',
      '/registry/pods/b/x',
    ])
  })

  it('replays events after any revision in order, and refuses compacted history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }),
        (keys) => {
          const store = createMvcc()
          for (const k of keys) {
            txn(store, [], k === 4 ? [{ op: 'delete', key: '/k/0' }] : [put(`/k/${k}`, 'v')], [])
          }
          const all = eventsSince(store, 0, '/k/')
          if (all === ERR_COMPACTED) throw new Error('unexpected compaction')
          const revisions = all.map((e) => e.kv.modRevision)
          expect(revisions).toEqual([...revisions].sort((a, b) => a - b))
          expect(new Set(revisions).size).toBe(revisions.length)
          compact(store, store.revision)
          expect(eventsSince(store, store.revision - 2, '/k/')).toBe(ERR_COMPACTED)
        },
      ),
    )
  })

  it('compares a key’s version (0 when absent), as the API server compactor’s CAS does', () => {
    const store = createMvcc()
    const cas = (version: number) =>
      txn(
        store,
        [{ key: 'compact_rev_key', target: 'VERSION', result: 'EQUAL', version }],
        [put('compact_rev_key', String(version))],
        [{ op: 'get', key: 'compact_rev_key' }],
      )
    expect(cas(0).succeeded).toBe(true)
    expect(cas(0)).toMatchObject({ succeeded: false, gets: [{ version: 1, value: '0' }] })
    expect(cas(1).succeeded).toBe(true)
    expect(range(store, 'compact_rev_key')[0]?.version).toBe(2)
  })

  it('compaction keeps the latest revision of each key and reads from the compact revision on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (keys, at) => {
          const store = createMvcc()
          for (const k of keys)
            txn(store, [], k === 5 ? [{ op: 'delete', key: '/k/0' }] : [put(`/k/${k}`, 'v')], [])
          fc.pre(store.revision >= 2)
          const revision = 2 + Math.floor(at * (store.revision - 2))
          const before = rangeAt(store, '/k/', '/k0', revision)
          const latest = range(store, '/k/', '/k0')
          const after = eventsSince(store, revision, '/k/')
          expect(compact(store, revision)).toBeUndefined()
          expect(range(store, '/k/', '/k0')).toEqual(latest)
          expect(rangeAt(store, '/k/', '/k0', revision)).toEqual(before)
          expect(eventsSince(store, revision, '/k/')).toEqual(after)
          expect(store.log.every((e) => e.kv.modRevision >= revision)).toBe(true)
          expect(eventsSince(store, revision - 2, '/k/')).toBe(ERR_COMPACTED)
          expect(rangeAt(store, '/k/', '/k0', revision - 1)).toEqual({ error: ERR_COMPACTED })
          expect(compact(store, revision)).toBe(ERR_COMPACTED)
          expect(compact(store, store.revision + 1)).toBe(ERR_FUTURE_REV)
        },
      ),
    )
  })

  it('a watch from any revision at or after the compact revision gets exactly the history from there (etcd refuses only minRev < compactRev)', () => {
    const write = fc.oneof(
      fc.record({ put: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ del: fc.integer({ min: 0, max: 3 }) }),
    )
    fc.assert(
      fc.property(
        fc.array(fc.array(write, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (txns, at, from) => {
          const store = createMvcc()
          const history = createMvcc()
          for (const ops of txns) {
            const requests = ops.map((w) =>
              'put' in w ? put(`/k/${w.put}`, 'v') : { op: 'delete' as const, key: `/k/${w.del}` },
            )
            txn(store, [], requests, [])
            txn(history, [], requests, [])
          }
          fc.pre(store.revision >= 2)
          const compactRev = 2 + Math.floor(at * (store.revision - 2))
          expect(compact(store, compactRev)).toBeUndefined()
          // Any start from the compact revision itself to one past the current revision.
          const startRev = compactRev + Math.floor(from * (store.revision + 1 - compactRev))
          const full = eventsSince(history, startRev - 1, '/k/')
          expect(eventsSince(store, startRev - 1, '/k/')).toEqual(full)
          expect(eventsSince(store, compactRev - 2, '/k/')).toBe(ERR_COMPACTED)
          expect(rangeAt(store, '/k/', '/k0', compactRev)).toEqual(
            rangeAt(history, '/k/', '/k0', compactRev),
          )
        },
      ),
    )
  })

  it('serves a watch from exactly the compact revision, with that revision’s delete', () => {
    const store = createMvcc()
    txn(store, [], [put('/k/a', '1')], []) // rev 2
    txn(store, [], [put('/k/a', '2')], []) // rev 3
    const del = txn(store, [], [{ op: 'delete', key: '/k/a' }], []) // rev 4
    txn(store, [], [put('/k/b', '1')], []) // rev 5
    expect(compact(store, del.revision)).toBeUndefined()
    const fromCompact = eventsSince(store, del.revision - 1, '/k/')
    expect(fromCompact).not.toBe(ERR_COMPACTED)
    expect(
      (fromCompact as { type: string; kv: { key: string } }[]).map((e) => [e.type, e.kv.key]),
    ).toEqual([
      ['DELETE', '/k/a'],
      ['PUT', '/k/b'],
    ])
    expect(eventsSince(store, del.revision - 2, '/k/')).toBe(ERR_COMPACTED)
  })
})
