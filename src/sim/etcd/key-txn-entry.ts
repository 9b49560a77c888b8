import type { LogIndex, Term } from '../core/brand'
import type { FlowStep, ObjectRef } from '../network/types'
import type { KeyTxn } from './mvcc'
import type { Entry, MemberId } from './raft/types'
import { definePackedValue, storedValueOf, type PackedValue } from './value-pack'

/** Who proposed an entry and what it animates as (entry-payload.ts EntryTags). */
interface Tags {
  readonly proposer: MemberId
  readonly seq: number
  readonly step: FlowStep | undefined
  readonly about: ObjectRef | undefined
}

type Guard = Pick<KeyTxn, 'key' | 'target' | 'rev' | 'elseGet'>

/** `entry.data` of a KeyTxnLogEntry: the entry itself. */
function selfOf<T>(this: T): T {
  return this
}
const DATA: PropertyDescriptor = { get: selfOf, enumerable: true }

/**
 * One key's guarded write (every kube-apiserver write, entry-payload.ts) as its Raft log entry:
 * one frozen object that is both the entry (index, term, type) and its data (`data` reads as the
 * entry itself), where an entry wrapping its payload took two, and a member keeps up to
 * --snapshot-count (100,000) entries (DefaultSnapshotCount, server/etcdserver/server.go, etcd
 * v3.5). The three members' logs, their WALs and every checkpoint share it.
 *
 * A proposal is one at index 0, term 0; the leader stamps it (raft/types.ts makeEntry), which
 * makes the entry with the same fields. What a reader gets is what a plain entry
 * `{ index, term, type, data: payload }` gave: `entry.data` has the payload's fields (`op` reads
 * undefined: it is the prototype's, one slot less per entry); copies and structuredClone keep
 * `data` (an enumerable getter, like the packed `value`: value-pack.ts definePackedValue), and
 * JSON is the wrapped entry's text (toJSON).
 * Made by a constructor field by field, so V8 keeps every field in the object (120 bytes).
 */
export class KeyTxnLogEntry implements Entry, Tags, Guard {
  declare readonly index: LogIndex
  declare readonly term: Term
  declare readonly type: 'Normal'
  declare readonly data: this
  declare readonly proposer: MemberId
  declare readonly seq: number
  declare readonly step: FlowStep | undefined
  declare readonly about: ObjectRef | undefined
  declare readonly op: undefined
  declare readonly key: string
  declare readonly target: KeyTxn['target']
  declare readonly rev: number
  declare readonly value: string | undefined
  declare readonly elseGet: boolean

  constructor(
    index: LogIndex,
    term: Term,
    tags: Tags,
    t: Guard,
    stored: string | PackedValue | undefined,
  ) {
    // `this.field =`, not through an alias: V8 sizes the object by the constructor's own
    // assignments, and with fewer it spilled two fields into a second store (~144 bytes, not 120).
    this.index = index
    this.term = term
    this.type = 'Normal'
    Object.defineProperty(this, 'data', DATA)
    this.proposer = tags.proposer
    this.seq = tags.seq
    this.step = tags.step
    this.about = tags.about
    this.key = t.key
    this.target = t.target
    this.rev = t.rev
    // A packed value (value-pack.ts) is shared with the MVCC store, not read out.
    if (typeof stored === 'object') definePackedValue(this, stored)
    else (this as { value: string | undefined }).value = stored
    this.elseGet = t.elseGet
    Object.freeze(this)
  }

  /** The JSON of an entry wrapping its payload, as before (`data` itself would be a cycle). */
  toJSON(): Pick<Entry, 'index' | 'term' | 'type'> & { data: Tags & Guard & { op: undefined } } {
    const { index, term, type, proposer, seq, step, about, op, key, target, rev, elseGet } = this
    const data = { proposer, seq, step, about, op, key, target, rev, value: this.value, elseGet }
    return { index, term, type, data }
  }

  /** The entry at `index` in `term` (raft/types.ts SelfStampingData): the same write. */
  stampEntry(index: LogIndex, term: Term): KeyTxnLogEntry {
    return new KeyTxnLogEntry(index, term, this, this, storedValueOf(this))
  }
}

Object.defineProperty(KeyTxnLogEntry.prototype, 'op', { value: undefined })
