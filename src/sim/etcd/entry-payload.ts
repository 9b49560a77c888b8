import type { FlowStep, ObjectRef } from '../network/types'
import type { EtcdOp, EtcdResult } from '../runtime/messages'
import { executeKv } from './kv-execute'
import { keyTxn, type KeyTxn, type MvccEvent, type MvccState } from './mvcc'
import { packValue } from './value-pack'
import { KeyTxnLogEntry } from './key-txn-entry'
import { asIndex, asTerm, type MemberId } from './raft/types'
import { freezeShared } from '../core/share-clone'
import { boundedIntern } from '../core/bounded-intern'

/**
 * What a proposed Raft entry carries. etcd's entry holds the request marshalled once (an
 * InternalRaftRequest: header ID and the TxnRequest, as bytes), and a member keeps up to
 * --snapshot-count (100,000) entries in memory, so the entry here is one flat record too rather
 * than the client's request objects (a txn is ~10 of them: the op, three branch arrays, a compare,
 * a put, a get, a string id). Every kube-apiserver write is one key's guarded txn
 * (storage/etcd3/store.go, v1.32: Create, GuaranteedUpdate and Delete), kept here in fields
 * (mvcc.ts KeyTxn) that share the key and value strings with the MVCC store, in the log entry
 * itself (key-txn-entry.ts: one object per entry, not an entry wrapping its payload); any other
 * op (the compactor's, bootstrap's) is kept as sent.
 */
export type EntryPayload = KeyTxnEntry | OpEntry

interface EntryTags {
  /** The member that proposed it and the request's number there: whose pending request it answers. */
  proposer: MemberId
  seq: number
  /** Request-flow tags, for the Raft messages and watch events it animates as. */
  step: FlowStep | undefined
  about: ObjectRef | undefined
}

export interface KeyTxnEntry extends EntryTags, KeyTxn {
  op: undefined
}

export interface OpEntry extends EntryTags {
  op: EtcdOp
}

/** The id a member files a pending request under (member-requests.ts). */
export const pendingId = (proposer: MemberId, seq: number): string => `${proposer}#${seq}`

// Object refs of recently written objects, one frozen copy each: a node's Lease is renewed every
// 10 s and a Pod written ~5 times as it starts, and each request brought its own equal ref, one
// per Raft entry (up to --snapshot-count entries are kept). Only identity depends on it, never a
// value, so it lives outside the sim state (core/bounded-intern.ts).
const MAX_INTERNED_REFS = 16_384
const internedRef = boundedIntern<ObjectRef>(MAX_INTERNED_REFS, 'etcd/entry-payload.ts internedRef')

/** `about`, or an equal ref (same members, same order) an earlier entry carries. */
function sharedRef(about: ObjectRef | undefined): ObjectRef | undefined {
  if (about === undefined || Object.isFrozen(about)) return about
  const ref = internedRef(refKey(about), about)
  // Kept: frozen now, as the entries that will carry it are.
  return ref === about ? freezeShared(about) : ref
}

/**
 * One text per ref, different for refs that differ in a member or in their order: each member
 * name and string value written after its length (a proposal's ref is ~3 short strings; this
 * builds one string, not an array per member and their JSON).
 */
function refKey(about: ObjectRef): string {
  let key = ''
  for (const name in about) {
    const value: unknown = (about as unknown as Record<string, unknown>)[name]
    key += `${String(name.length)}:${name}`
    key += typeof value === 'string' ? `${String(value.length)}:${value}` : `(${String(value)})`
  }
  return key
}

/**
 * The entry payload of a request this member proposes: when it is one key's write, a proposal
 * the leader stamps into its log entry as one object (key-txn-entry.ts).
 */
export function entryPayload(
  proposer: MemberId,
  seq: number,
  op: EtcdOp,
  step: FlowStep | undefined,
  about: ObjectRef | undefined,
): EntryPayload {
  const t = asKeyTxn(op)
  if (t === undefined) return { proposer, seq, step, about, op }
  // A packed value (value-pack.ts): the entry, the MVCC store and its history share this copy.
  const value = t.value === undefined ? undefined : packValue(t.key, t.value)
  return new KeyTxnLogEntry(
    asIndex(0),
    asTerm(0),
    { proposer, seq, step, about: sharedRef(about) },
    t,
    value,
  )
}

/** The txn as KeyTxn fields, when it is `If(one compare on key).Then(put|delete key).Else(get key?)`. */
function asKeyTxn(op: EtcdOp): KeyTxn | undefined {
  if (op.op !== 'txn' || op.compares.length !== 1 || op.success.length !== 1) return undefined
  if (op.failure.length > 1) return undefined
  const compare = op.compares[0]
  const write = op.success[0]
  const get = op.failure[0]
  if (compare === undefined || write === undefined || write.op === 'get') return undefined
  if (compare.key !== write.key) return undefined
  if (get !== undefined && (get.op !== 'get' || get.key !== write.key)) return undefined
  if (compare.target === 'VERSION') return undefined
  const rev = compare.target === 'MOD' ? compare.modRevision : compare.createRevision
  const value = write.op === 'put' ? write.value : undefined
  return { key: write.key, target: compare.target, rev, value, elseGet: get !== undefined }
}

/** The op as the client sent it (views and tests; applying does not need it built). */
export function payloadOp(p: EntryPayload): EtcdOp {
  if (p.op !== undefined) return p.op
  const { key } = p
  return {
    op: 'txn',
    compares: [
      p.target === 'MOD'
        ? { key, target: 'MOD', result: 'EQUAL', modRevision: p.rev }
        : { key, target: 'CREATE', result: 'EQUAL', createRevision: p.rev },
    ],
    success: [p.value === undefined ? { op: 'delete', key } : { op: 'put', key, value: p.value }],
    failure: p.elseGet ? [{ op: 'get', key }] : [],
  }
}

/**
 * The events the first member to apply an entry made, by the entry's (frozen, shared) payload:
 * the other members reuse the equal ones (mvcc.ts txn). Only object identity depends on it,
 * never a value, so it is no state: a checkpoint or a restart without it makes the same run.
 */
const firstApplied = new WeakMap<EntryPayload, MvccEvent[]>()

/** Applies a committed entry's write to a member's store (every member, in log order). */
export function applyPayload(
  mvcc: MvccState,
  p: EntryPayload,
): { result: EtcdResult; events: MvccEvent[] } {
  const shared = firstApplied.get(p)
  let out: { result: EtcdResult; events: MvccEvent[] }
  if (p.op !== undefined) {
    out = executeKv(mvcc, p.op, shared)
  } else {
    const t = keyTxn(mvcc, p, shared)
    const result = { ok: true as const, revision: t.revision, succeeded: t.succeeded, gets: t.gets }
    out = { result, events: t.events }
  }
  if (out.events.length > 0 && shared === undefined && Object.isFrozen(p))
    firstApplied.set(p, out.events)
  return out
}
