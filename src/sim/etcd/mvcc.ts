/* eslint-disable @typescript-eslint/prefer-for-of -- Raft entries, their ops and MVCC events are frozen (freezeShared), and V8's for-of over a frozen array allocates an iterator result per step (~9x slower than over a plain one); hot loops here index instead. */
import { freezeShared } from '../core/share-clone'
import { definePackedValue, storedValueOf, unpackValue, type PackedValue } from './value-pack'
import {
  createKvIndex,
  kvDelete,
  kvEntries,
  kvGet,
  kvHas,
  kvSet,
  maybeRebuild,
  restoreKvIndex,
  snapshotKvIndex,
  type KvIndex,
} from './kv-index'
/**
 * etcd's multi-version key-value store, as the API server sees it through the KV and Watch
 * APIs: one global revision that every write bumps, per-key create/mod revisions and version,
 * transactions with compare on mod_revision / create_revision, prefix ranges returned in key
 * order, watches from a revision, and compaction.
 * Source: etcd server/mvcc/kvstore.go, kvstore_txn.go, watchable_store.go (etcd v3.5)
 *
 * Invariant: revision strictly increases by one per write transaction that changes something.
 * Invariant: log holds every event with revision >= compactRevision, in revision order (the
 * compact revision's own changes stay: a watch may start there, see compact()).
 */
export interface KeyValue {
  key: string
  /** Its text; a long one may be held packed (value-pack.ts): read it, never reassign it. */
  value: string
  createRevision: number
  modRevision: number
  version: number
}

export interface MvccEvent {
  type: 'PUT' | 'DELETE'
  kv: KeyValue
  prevKv?: KeyValue
}

export interface MvccState {
  revision: number
  compactRevision: number
  /** The current KeyValue of each key (kv-index.ts: read it with kvGet, kvEntries). */
  kv: KvIndex
  log: MvccEvent[]
}

export type Compare =
  | { key: string; target: 'MOD'; result: 'EQUAL'; modRevision: number }
  | { key: string; target: 'CREATE'; result: 'EQUAL'; createRevision: number }
  /** Compare_VERSION: kube-apiserver's compactor compares compact_rev_key's version (compact.go). */
  | { key: string; target: 'VERSION'; result: 'EQUAL'; version: number }

export type RequestOp =
  | { op: 'put'; key: string; value: string }
  | { op: 'delete'; key: string }
  | { op: 'get'; key: string }

export interface TxnResult {
  succeeded: boolean
  revision: number
  /** For each `get` op of the branch taken, the kv (or undefined when absent). */
  gets: (KeyValue | undefined)[]
  events: MvccEvent[]
}

// ErrCompacted text: "mvcc: required revision has been compacted", server/mvcc/kvstore.go (etcd v3.5)
export const ERR_COMPACTED = 'mvcc: required revision has been compacted'

export function createMvcc(): MvccState {
  return { revision: 1, compactRevision: 0, kv: createKvIndex(), log: [] }
}

/** The end of the range covering every key with `prefix`, as clientv3.GetPrefixRangeEnd. */
export function prefixRangeEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
}

/** Current kvs in [key, rangeEnd) sorted by key, or the single key when rangeEnd is absent. */
export function range(state: MvccState, key: string, rangeEnd?: string): KeyValue[] {
  if (rangeEnd === undefined) {
    const kv = kvGet(state.kv, key)
    return kv ? [kv] : []
  }
  const out: KeyValue[] = []
  for (const [k, kv] of kvEntries(state.kv)) if (k >= key && k < rangeEnd) out.push(kv)
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

function compareHolds(state: MvccState, compare: Compare): boolean {
  const kv = kvGet(state.kv, compare.key)
  if (compare.target === 'MOD') return (kv?.modRevision ?? 0) === compare.modRevision
  if (compare.target === 'VERSION') return (kv?.version ?? 0) === compare.version
  return (kv?.createRevision ?? 0) === compare.createRevision
}

/**
 * Indexed loops, not every/filter with closures nor for-of: every write in the cluster is a txn
 * on 3 members, and its arrays are frozen (a Raft entry's), which for-of iterates with an
 * iterator result object per step.
 */
function allHold(state: MvccState, compares: readonly Compare[]): boolean {
  for (let i = 0; i < compares.length; i++)
    if (!compareHolds(state, compares[i] as Compare)) return false
  return true
}

/** Whether the branch changes anything: a put, or a delete of a key that exists. */
function hasWrite(state: MvccState, ops: readonly RequestOp[]): boolean {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as RequestOp
    if (op.op === 'put' || (op.op === 'delete' && kvHas(state.kv, op.key))) return true
  }
  return false
}

/** Whether two records hold the same value text (the same packed copy, mostly). */
function sameValue(a: KeyValue, b: KeyValue): boolean {
  const x = storedValueOf(a)
  const y = storedValueOf(b)
  if (x === y) return true
  if (typeof x === 'string' && typeof y === 'string') return false
  return unpackValue(x ?? '') === unpackValue(y ?? '')
}

/** The same change, field for field (KeyValues are values: which copy holds them does not matter). */
function sameKv(a: KeyValue | undefined, b: KeyValue | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return (
    a.key === b.key &&
    sameValue(a, b) &&
    a.createRevision === b.createRevision &&
    a.modRevision === b.modRevision &&
    a.version === b.version
  )
}

/** `made`, or the equal event another member made applying the same entry (one copy for all). */
function reused(made: MvccEvent, other: MvccEvent | undefined): MvccEvent {
  const same =
    other?.type === made.type && sameKv(other.kv, made.kv) && sameKv(other.prevKv, made.prevKv)
  return same ? other : made
}

/**
 * A put's KeyValue. A packed value (a Raft entry's, value-pack.ts) stays packed: the record's
 * `value` reads as its text, and it is frozen at once (freezing walks `value`, which would
 * unpack it for nothing).
 */
function makeKv(
  key: string,
  value: string | PackedValue,
  prev: KeyValue | undefined,
  revision: number,
): KeyValue {
  const createRevision = prev ? prev.createRevision : revision
  const version = prev ? prev.version + 1 : 1
  if (typeof value === 'string')
    return { key, value, createRevision, modRevision: revision, version }
  return new PackedKeyValue(key, value, createRevision, revision, version)
}

/**
 * A KeyValue that holds its value packed, frozen. Made by a constructor, not as a literal given
 * `packed` and `value` afterwards: V8 then keeps all its fields in the object (~60 bytes) rather
 * than moving the later ones to a second backing store (~96), and every write makes one, which
 * the history keeps until compaction. Reads, JSON and copies see the same fields in the same
 * order as a plain KeyValue's.
 */
class PackedKeyValue implements KeyValue {
  declare readonly key: string
  declare readonly value: string
  declare readonly createRevision: number
  declare readonly modRevision: number
  declare readonly version: number

  constructor(
    key: string,
    packed: PackedValue,
    createRevision: number,
    modRevision: number,
    version: number,
  ) {
    const fields = this as unknown as Record<string, unknown>
    fields['key'] = key
    definePackedValue(this, packed)
    fields['createRevision'] = createRevision
    fields['modRevision'] = modRevision
    fields['version'] = version
    Object.freeze(this)
  }
}

/** Puts `value` at `revision`: the event (or `shared`'s equal one), already in `state.kv`. */
function putKey(
  state: MvccState,
  key: string,
  value: string | PackedValue,
  prev: KeyValue | undefined,
  revision: number,
  shared: MvccEvent | undefined,
): MvccEvent {
  const kv = makeKv(key, value, prev, revision)
  const made: MvccEvent = prev ? { type: 'PUT', kv, prevKv: prev } : { type: 'PUT', kv }
  const event = reused(made, shared)
  kvSet(state.kv, key, event.kv)
  return event
}

/** Deletes an existing key at `revision`: the event (or `shared`'s equal one). */
function deleteKey(
  state: MvccState,
  key: string,
  prev: KeyValue,
  revision: number,
  shared: MvccEvent | undefined,
): MvccEvent {
  kvDelete(state.kv, key)
  const tombstone: KeyValue = {
    key,
    value: '',
    createRevision: 0,
    modRevision: revision,
    version: 0,
  }
  return reused({ type: 'DELETE', kv: tombstone, prevKv: prev }, shared)
}

/**
 * Applies a transaction atomically: all puts/deletes of the taken branch share one revision.
 * `shared`: the events another member made applying the same Raft entry; where this member's
 * change is the same (as it is, unless their stores diverged), it keeps those frozen objects
 * instead of its own copies, so N members hold one history, not N.
 */
export function txn(
  state: MvccState,
  compares: readonly Compare[],
  success: readonly RequestOp[],
  failure: readonly RequestOp[],
  shared: readonly MvccEvent[] = [],
): TxnResult {
  const succeeded = allHold(state, compares)
  const ops = succeeded ? success : failure
  const revision = hasWrite(state, ops) ? state.revision + 1 : state.revision
  const gets: (KeyValue | undefined)[] = []
  const events: MvccEvent[] = []
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as RequestOp
    const prev = kvGet(state.kv, op.key)
    if (op.op === 'get') {
      gets.push(prev)
    } else if (op.op === 'put') {
      events.push(putKey(state, op.key, op.value, prev, revision, shared[events.length]))
    } else if (prev) {
      events.push(deleteKey(state, op.key, prev, revision, shared[events.length]))
    }
  }
  if (revision !== state.revision) state.kv = maybeRebuild(state.kv, revision)
  state.revision = revision
  // KeyValues and events are never changed once written (a put makes a new KeyValue): frozen,
  // every checkpoint shares them instead of copying the store's history.
  for (const event of events) state.log.push(freezeShared(event))
  return { succeeded, revision, gets, events }
}

/**
 * One key's guarded write, `If(<target>(key) == rev).Then(Put(key, value) or Delete(key))`,
 * `.Else(Get(key))` when elseGet: the same outcome as txn() with those ops, without building
 * them (every kube-apiserver write is this txn; a Raft entry keeps it in fields, entry-payload.ts).
 */
export interface KeyTxn {
  key: string
  target: 'CREATE' | 'MOD'
  rev: number
  /** The value to put; undefined: delete the key. */
  value: string | undefined
  elseGet: boolean
}

export function keyTxn(state: MvccState, t: KeyTxn, shared?: readonly MvccEvent[]): TxnResult {
  const prev = kvGet(state.kv, t.key)
  const succeeded = ((t.target === 'MOD' ? prev?.modRevision : prev?.createRevision) ?? 0) === t.rev
  // The entry's value as it holds it: a packed one is kept packed, not read out.
  const value = storedValueOf(t)
  if (!succeeded || (value === undefined && prev === undefined))
    return {
      succeeded,
      revision: state.revision,
      gets: !succeeded && t.elseGet ? [prev] : [],
      events: [],
    }
  const revision = state.revision + 1
  const event =
    value === undefined
      ? deleteKey(state, t.key, prev as KeyValue, revision, shared?.[0])
      : putKey(state, t.key, value, prev, revision, shared?.[0])
  state.revision = revision
  state.kv = maybeRebuild(state.kv, revision)
  state.log.push(freezeShared(event))
  return { succeeded, revision, gets: [], events: [event] }
}

/**
 * Events with revision > `afterRevision` under `prefix` (a watch from `afterRevision + 1`), or
 * ERR_COMPACTED when that start is below the compact revision: etcd refuses only
 * `minRev < compactRev` (watcherGroup.chooseAll, server/mvcc/watcher_group.go, etcd v3.5), so a
 * watch from the compact revision itself is served, from that revision's events on.
 */
export function eventsSince(
  state: MvccState,
  afterRevision: number,
  prefix: string,
): MvccEvent[] | typeof ERR_COMPACTED {
  if (afterRevision + 1 < state.compactRevision) return ERR_COMPACTED
  const first = firstIndexAfter(state.log, afterRevision)
  const out: MvccEvent[] = []
  for (let i = first; i < state.log.length; i++) {
    const event = state.log[i] as MvccEvent
    if (event.kv.key.startsWith(prefix)) out.push(event)
  }
  return out
}

function firstIndexAfter(log: readonly MvccEvent[], revision: number): number {
  let lo = 0
  let hi = log.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((log[mid] as MvccEvent).kv.modRevision <= revision) lo = mid + 1
    else hi = mid
  }
  return lo
}

// ErrFutureRev: "mvcc: required revision is a future revision", server/mvcc/kvstore.go (etcd v3.5)
export const ERR_FUTURE_REV = 'mvcc: required revision is a future revision'

/**
 * Compaction (kube-apiserver asks for it every 5 minutes, apiserver/compactor.ts): every
 * revision below `revision` that a later one superseded is gone; the latest of each key at or
 * below it stays (keyIndex.compact keeps "the largest one"; since v3.5.16, the etcd kubeadm
 * v1.32 installs, also a tombstone at exactly `revision`: "keep tombstone if revision ==
 * compactAtRev", server/mvcc/key_index.go doCompact's `tomb >= atRev`). So the compact revision's own changes stay in the backend and a
 * watch from it replays them (syncWatchers ranges the backend from minRev, watchable_store.go);
 * here the log keeps every event from `revision` on, and `kv` the latest of each key. Reads at
 * `revision` on still work and older ones answer ErrCompacted. A revision at or below the last
 * compaction is ErrCompacted, one past the current revision ErrFutureRev.
 * Source: server/mvcc/kvstore.go updateCompactRev, kvstore_compaction.go scheduleCompaction (etcd v3.5)
 */
export function compact(
  state: MvccState,
  revision: number,
): undefined | typeof ERR_COMPACTED | typeof ERR_FUTURE_REV {
  if (revision <= state.compactRevision) return ERR_COMPACTED
  if (revision > state.revision) return ERR_FUTURE_REV
  dropHistoryBelow(state, revision)
  state.compactRevision = revision
  return undefined
}

/** Cuts the logged events below `revision` (those at it stay, see compact). */
export function dropHistoryBelow(state: MvccState, revision: number): void {
  state.log.splice(0, firstIndexAfter(state.log, revision - 1))
}

/**
 * The store as a Raft snapshot holds it (etcd's backend at the snapshot index): a frozen copy
 * whose KeyValues and events are the live store's (frozen already), so checkpoints share it
 * instead of copying every key's entry of it each time.
 */
export function snapshotMvcc(state: MvccState): MvccState {
  return Object.freeze({
    revision: state.revision,
    compactRevision: state.compactRevision,
    kv: snapshotKvIndex(state.kv),
    log: Object.freeze(state.log.slice()) as MvccEvent[],
  })
}

/** A live store from a snapshot's copy (restart, or a snapshot from the leader). */
export function restoreMvcc(snapshot: MvccState): MvccState {
  return {
    revision: snapshot.revision,
    compactRevision: snapshot.compactRevision,
    kv: restoreKvIndex(snapshot.kv),
    log: snapshot.log.slice(),
  }
}
