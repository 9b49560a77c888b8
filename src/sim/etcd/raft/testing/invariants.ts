/**
 * Safety checkers for a Network, run after every step of a schedule. They keep history that
 * survives crashes, as the reference's I1-I5 table suggests (Raft thesis Figure 3.2 properties;
 * etcd-io/raft tla/etcdraft.tla invariants). Each check throws an Error naming the violation.
 */
import { entryAt, lastIndex } from '../log'
import type { RaftState } from '../raft-state'
import type { Entry, MemberId } from '../types'
import type { Network } from './network'

export interface History {
  /** I1 Election Safety: the one leader each term ever had. */
  leaderOf: Map<number, MemberId>
  /** I2 Leader Append-Only: the log a leader had at the last check, by 'id@term'. */
  leaderLog: Map<string, { offset: number; entries: Entry[] }>
  /** I3 Log Matching: for each 'index@term', the entry key and the previous entry's term. */
  entryKey: Map<string, string>
  checkedPrev: WeakMap<Entry, number>
  /** Committed entries: key and the term of the leader that first committed them. */
  committed: Map<number, { key: string; commitTerm: number }>
  maxCommitted: number
  /** I5 State Machine Safety: application hash after applying index n. */
  appHashAt: Map<number, number>
  lastTerm: Map<MemberId, number>
  lastCommit: Map<MemberId, number>
  checkedCommit: Map<MemberId, number>
  /** One vote per (member, term), kept across restarts: 'id@term' -> candidate. */
  votes: Map<string, MemberId>
  /** Linearizability: a ReadIndex must cover everything committed when it was requested. */
  readFloor: Map<string, number>
}

export function makeHistory(): History {
  return {
    leaderOf: new Map(),
    leaderLog: new Map(),
    entryKey: new Map(),
    checkedPrev: new WeakMap(),
    committed: new Map(),
    maxCommitted: 0,
    appHashAt: new Map(),
    lastTerm: new Map(),
    lastCommit: new Map(),
    checkedCommit: new Map(),
    votes: new Map(),
    readFloor: new Map(),
  }
}

function keyOf(e: Entry): string {
  return `${e.type}:${JSON.stringify(e.data)}`
}

/** Call when a linearizable read is requested: it must see everything committed so far. */
export function noteReadRequest(h: History, ctx: string): void {
  h.readFloor.set(ctx, h.maxCommitted)
}

/** Runs every check; throws on the first violation. */
export function checkInvariants(net: Network, h: History): void {
  for (const id of net.ids) {
    const r = net.members[id]?.raft
    if (r === undefined) continue
    checkMonotonic(h, r)
    checkLogMatching(h, r)
    if (r.role === 'leader') checkLeader(h, r)
  }
  for (const id of net.ids) {
    const r = net.members[id]?.raft
    if (r !== undefined) checkCommittedPrefix(h, r)
  }
  checkApplied(net, h)
  checkReads(net, h)
}

function checkMonotonic(h: History, r: RaftState): void {
  const t = h.lastTerm.get(r.id) ?? 0
  if (r.term < t) throw new Error(`${r.id}: term went back from ${t} to ${r.term}`)
  h.lastTerm.set(r.id, r.term)
  const c = h.lastCommit.get(r.id) ?? 0
  if (r.log.committed < c) throw new Error(`${r.id}: commit went back from ${c}`)
  h.lastCommit.set(r.id, r.log.committed)
  if (r.log.committed > lastIndex(r.log)) throw new Error(`${r.id}: commit beyond last index`)
  if (r.vote !== '') {
    const k = `${r.id}@${r.term}`
    const cast = h.votes.get(k)
    if (cast !== undefined && cast !== r.vote) {
      throw new Error(`${r.id} voted twice in term ${r.term}: ${cast} and ${r.vote}`)
    }
    h.votes.set(k, r.vote)
  }
}

/** I3: every (index, term) ever seen anywhere names one entry with one predecessor term. */
function checkLogMatching(h: History, r: RaftState): void {
  let prevTerm: number = r.log.offsetTerm
  for (const e of r.log.entries) {
    const seen = h.checkedPrev.get(e)
    if (seen !== prevTerm) {
      const k = `${e.index}@${e.term}`
      const v = `${keyOf(e)}|${prevTerm}`
      const known = h.entryKey.get(k)
      if (known !== undefined && known !== v) {
        throw new Error(`${r.id}: log matching violated at ${k}: ${known} vs ${v}`)
      }
      h.entryKey.set(k, v)
      h.checkedPrev.set(e, prevTerm)
    }
    prevTerm = e.term
  }
}

/** I1, I2, I4, and the leader's part of committed-entry bookkeeping. */
function checkLeader(h: History, r: RaftState): void {
  const owner = h.leaderOf.get(r.term)
  if (owner !== undefined && owner !== r.id) {
    throw new Error(`two leaders in term ${r.term}: ${owner} and ${r.id}`)
  }
  const lk = `${r.id}@${r.term}`
  const prev = h.leaderLog.get(lk)
  if (owner === undefined) {
    h.leaderOf.set(r.term, r.id)
    checkLeaderCompleteness(h, r)
  }
  if (prev !== undefined) {
    for (const old of prev.entries) {
      if (old.index <= r.log.offset) continue
      if (entryAt(r.log, old.index) !== old) {
        throw new Error(`leader ${lk} overwrote or deleted its entry ${old.index}`)
      }
    }
  }
  h.leaderLog.set(lk, { offset: r.log.offset, entries: r.log.entries.slice() })
  for (let i = h.maxCommitted + 1; i <= r.log.committed; i++) {
    const e = entryAt(r.log, i)
    if (e !== undefined) h.committed.set(i, { key: keyOf(e), commitTerm: r.term })
  }
  h.maxCommitted = Math.max(h.maxCommitted, r.log.committed)
}

/** I4: a new leader holds every entry committed in an earlier term. */
function checkLeaderCompleteness(h: History, r: RaftState): void {
  for (const [index, c] of h.committed) {
    if (c.commitTerm >= r.term || index <= r.log.offset) continue
    const e = entryAt(r.log, index)
    if (e === undefined || keyOf(e) !== c.key) {
      throw new Error(`leader ${r.id}@${r.term} lacks committed entry ${index}`)
    }
  }
}

/** Every member's committed entries agree with the committed history. */
function checkCommittedPrefix(h: History, r: RaftState): void {
  if (r.log.committed > h.maxCommitted) {
    throw new Error(`${r.id} committed ${r.log.committed} beyond any leader's commit`)
  }
  const from = Math.max(r.log.offset + 1, (h.checkedCommit.get(r.id) ?? 0) + 1)
  h.checkedCommit.set(r.id, r.log.committed)
  for (let i = from; i <= r.log.committed; i++) {
    const c = h.committed.get(i)
    const e = entryAt(r.log, i)
    if (c !== undefined && e !== undefined && keyOf(e) !== c.key) {
      throw new Error(`${r.id} committed a different entry at ${i}`)
    }
  }
}

/** I5: no two members reach index n with different application states. */
function checkApplied(net: Network, h: History): void {
  for (const ev of net.applied) {
    const known = h.appHashAt.get(ev.index)
    if (known !== undefined && known !== ev.hash) {
      throw new Error(`${ev.id} applied a different entry at ${ev.index}`)
    }
    h.appHashAt.set(ev.index, ev.hash)
    if (ev.index > h.maxCommitted) throw new Error(`${ev.id} applied uncommitted ${ev.index}`)
  }
  net.applied = []
}

/** Reads never see uncommitted state, and see the same state as everyone at that index. */
function checkReads(net: Network, h: History): void {
  for (const rd of net.reads) {
    if (rd.app.index > h.maxCommitted) throw new Error(`read saw uncommitted ${rd.app.index}`)
    if (rd.app.index < rd.index) throw new Error(`read ${rd.ctx} served before applying`)
    const floor = h.readFloor.get(rd.ctx) ?? 0
    if (rd.index < floor) throw new Error(`read ${rd.ctx} at ${rd.index} misses commit ${floor}`)
  }
  net.reads = []
}
