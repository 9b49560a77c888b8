/* eslint-disable @typescript-eslint/prefer-for-of -- Raft entries, their ops and MVCC events are frozen (freezeShared), and V8's for-of over a frozen array allocates an iterator result per step (~9x slower than over a plain one); hot loops here index instead. */
/**
 * raftLog: the log as one in-memory array after a compaction point, plus the latest snapshot,
 * modelled on raft/log.go + raft/log_unstable.go + raft/storage.go MemoryStorage (etcd v3.5).
 * etcd splits stable (Storage) and unstable entries; here one array holds both and `stabled`
 * marks how far it has been handed out for persisting.
 */
import type { LogIndex, Term } from '../../core/brand'
import { asIndex, asTerm } from './types'
import type { Entry, Snapshot } from './types'
import { freezeShared } from '../../core/share-clone'

export interface RaftLog {
  /** Index of the entry just before entries[0] (MemoryStorage ents[0], the "dummy" entry). */
  offset: LogIndex
  /** Term of the entry at `offset`. */
  offsetTerm: Term
  /** Entries offset+1 .. lastIndex. Invariant: entries[i].index === offset + 1 + i. */
  entries: Entry[]
  /** Latest snapshot. Invariant: offset <= snapshot.metadata.index <= committed. */
  snapshot: Snapshot
  /** A snapshot received from the leader and not yet handed out in a Ready (unstable.snapshot). */
  pendingSnapshot?: Snapshot
  /** Last index handed out for persisting (unstable.offset - 1). */
  stabled: LogIndex
  /** Invariant: applied <= committed <= lastIndex; committed never decreases. */
  committed: LogIndex
  applied: LogIndex
}

export function createLog(snapshot: Snapshot, entries: Entry[]): RaftLog {
  const offset = snapshot.metadata.index
  const kept = entries.filter((e) => e.index > offset)
  return {
    offset,
    offsetTerm: snapshot.metadata.term,
    entries: kept,
    snapshot,
    stabled: asIndex(offset + kept.length),
    committed: offset,
    applied: offset,
  }
}

export function firstIndex(log: RaftLog): LogIndex {
  return asIndex(log.offset + 1)
}

export function lastIndex(log: RaftLog): LogIndex {
  return asIndex(log.offset + log.entries.length)
}

/** term(i); undefined when i is compacted or beyond the last index (ErrCompacted/ErrUnavailable). */
export function termAt(log: RaftLog, index: number): Term | undefined {
  if (index === log.offset) return log.offsetTerm
  if (index < log.offset || index > lastIndex(log)) return undefined
  return (log.entries[index - log.offset - 1] as Entry).term
}

export function lastTerm(log: RaftLog): Term {
  return termAt(log, lastIndex(log)) ?? asTerm(0)
}

export function entryAt(log: RaftLog, index: number): Entry | undefined {
  return log.entries[index - log.offset - 1]
}

export function matchTerm(log: RaftLog, index: number, term: number): boolean {
  return termAt(log, index) === term
}

/** Entries [lo, hi), at most `maxCount`; undefined if lo is compacted (raftLog.slice). */
export function sliceEntries(
  log: RaftLog,
  lo: number,
  hi: number,
  maxCount = Infinity,
): Entry[] | undefined {
  if (lo <= log.offset) return undefined
  const from = lo - log.offset - 1
  const to = Math.min(hi - log.offset - 1, from + maxCount)
  return log.entries.slice(from, Math.max(from, to))
}

// isUpToDate: "later term wins, else longer log", raft/log.go (etcd v3.5); Raft paper §5.4.1
export function isUpToDate(log: RaftLog, candLastIndex: number, candLastTerm: number): boolean {
  const myTerm = lastTerm(log)
  return candLastTerm > myTerm || (candLastTerm === myTerm && candLastIndex >= lastIndex(log))
}

// findConflict: first entry whose term differs from ours (0 if none), raft/log.go (etcd v3.5)
export function findConflict(log: RaftLog, ents: readonly Entry[]): number {
  // Indexed: a message's entries may be the shared frozen empty array (see makeMessage).
  for (let i = 0; i < ents.length; i++) {
    const e = ents[i] as Entry
    if (!matchTerm(log, e.index, e.term)) return e.index
  }
  return 0
}

/**
 * findConflictByTerm: the largest index <= `index` whose term is <= `term`, so that one probe
 * skips a whole term of divergent entries. raft/log.go (etcd v3.5).
 */
export function findConflictByTerm(log: RaftLog, index: number, term: number): LogIndex {
  if (index > lastIndex(log)) return asIndex(index)
  let i = index
  for (;;) {
    const t = termAt(log, i)
    if (t === undefined || t <= term) break
    i--
  }
  return asIndex(i)
}

/** Appends after truncating any conflicting suffix (unstable.truncateAndAppend). */
export function appendEntries(log: RaftLog, ents: readonly Entry[]): LogIndex {
  const first = ents[0]
  if (first === undefined) return lastIndex(log)
  // Invariant: never truncate committed entries (raftLog.append panics), raft/log.go (etcd v3.5)
  if (first.index - 1 < log.committed) {
    throw new Error(`after(${first.index - 1}) is out of range [committed(${log.committed})]`)
  }
  log.entries.length = first.index - log.offset - 1
  // An entry in the log never changes (a conflicting suffix is cut, not edited): frozen, the
  // log, the WAL and every checkpoint share it.
  for (const entry of ents) log.entries.push(freezeShared(entry))
  if (log.stabled > first.index - 1) log.stabled = asIndex(first.index - 1)
  return lastIndex(log)
}

/**
 * maybeAppend: the follower side of AppendEntries. If our entry at `index` has `logTerm`,
 * keep the matching prefix, replace from the first conflict, and commit up to
 * min(leaderCommit, last new index). raft/log.go (etcd v3.5); Raft paper Figure 2.
 */
export function maybeAppend(
  log: RaftLog,
  index: number,
  logTerm: number,
  leaderCommit: number,
  ents: readonly Entry[],
): LogIndex | undefined {
  if (!matchTerm(log, index, logTerm)) return undefined
  const lastNew = index + ents.length
  const ci = findConflict(log, ents)
  if (ci !== 0) {
    if (ci <= log.committed) throw new Error(`entry ${ci} conflict with committed entry`)
    appendEntries(log, ents.slice(ci - (index + 1)))
  }
  commitTo(log, Math.min(leaderCommit, lastNew))
  return asIndex(lastNew)
}

export function commitTo(log: RaftLog, toCommit: number): void {
  if (log.committed >= toCommit) return
  if (lastIndex(log) < toCommit) {
    throw new Error(`tocommit(${toCommit}) is out of range [lastIndex(${lastIndex(log)})]`)
  }
  log.committed = asIndex(toCommit)
}

/**
 * maybeCommit: the leader commits index n only if entry n is of its current term (Figure 8
 * rule), raft/log.go maybeCommit (etcd v3.5); Raft paper §5.4.2.
 */
export function maybeCommit(log: RaftLog, maxIndex: number, term: number): boolean {
  if (maxIndex > log.committed && termAt(log, maxIndex) === term) {
    commitTo(log, maxIndex)
    return true
  }
  return false
}

/** Committed entries not yet handed to the application (raftLog.nextEnts). */
export function nextCommittedEntries(log: RaftLog): Entry[] {
  const lo = Math.max(log.applied + 1, firstIndex(log))
  if (log.committed < lo) return []
  return sliceEntries(log, lo, log.committed + 1) ?? []
}

export function unstableEntries(log: RaftLog): Entry[] {
  return log.entries.slice(log.stabled - log.offset)
}

/** restore: replace the log by a snapshot from the leader (raftLog.restore). */
export function restoreSnapshot(log: RaftLog, snap: Snapshot): void {
  log.offset = snap.metadata.index
  log.offsetTerm = snap.metadata.term
  log.entries = []
  log.committed = snap.metadata.index
  log.snapshot = snap
  log.pendingSnapshot = snap
  log.stabled = snap.metadata.index
}

/** Drops entries up to `compactIndex` (MemoryStorage.Compact). Needs compactIndex <= applied. */
export function compactLog(log: RaftLog, compactIndex: number): void {
  if (compactIndex <= log.offset) return
  if (compactIndex > log.applied) throw new Error(`compact ${compactIndex} > applied`)
  const term = termAt(log, compactIndex) as Term
  log.entries = log.entries.slice(compactIndex - log.offset)
  log.offset = asIndex(compactIndex)
  log.offsetTerm = term
  if (log.stabled < log.offset) log.stabled = log.offset
}
