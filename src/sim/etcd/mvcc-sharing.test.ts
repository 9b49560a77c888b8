import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMvcc, txn, type MvccEvent, type MvccState, type RequestOp } from './mvcc'
import { kvEntries } from './kv-index'

// Members apply the same Raft entries; a member reuses the frozen events another member made for
// the same entry (txn's `shared`). Sharing must never change what a member's store holds.
const KEYS = ['/registry/pods/default/a', '/registry/pods/default/b', '/registry/leases/n1']
const op = fc.oneof(
  fc.record({
    op: fc.constant('put' as const),
    key: fc.constantFrom(...KEYS),
    value: fc.constantFrom('1', '2', '3'),
  }),
  fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...KEYS) }),
)
const entries = fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { maxLength: 30 })

function apply(store: MvccState, ops: readonly RequestOp[], shared?: MvccEvent[]): MvccEvent[] {
  return txn(store, [], ops, [], shared).events
}

const view = (store: MvccState) => ({
  revision: store.revision,
  kv: [...kvEntries(store.kv)],
  log: store.log,
})

describe('mvcc: members share one history', () => {
  it('a member that reuses another member’s events holds exactly what it would alone', () => {
    fc.assert(
      fc.property(entries, fc.array(op, { maxLength: 4 }), (log, divergence) => {
        const first = createMvcc()
        const sharing = createMvcc()
        const alone = createMvcc()
        // A member whose store diverged (it applied other writes first) must not take the
        // first member's events where its own change differs.
        const diverged = createMvcc()
        const divergedAlone = createMvcc()
        if (divergence.length > 0) {
          apply(diverged, divergence)
          apply(divergedAlone, divergence)
        }
        for (const ops of log) {
          const made = apply(first, ops)
          const reused = apply(sharing, ops, made)
          apply(alone, ops)
          apply(diverged, ops, made)
          apply(divergedAlone, ops)
          // Same history: the very same (frozen) objects, not copies.
          reused.forEach((event, i) => expect(event).toBe(made[i]))
          for (const event of made) expect(Object.isFrozen(event)).toBe(true)
        }
        expect(view(sharing)).toEqual(view(alone))
        expect(view(diverged)).toEqual(view(divergedAlone))
        expect(view(first)).toEqual(view(alone))
      }),
      { numRuns: 200 },
    )
  })
})
