/**
 * The application-facing API, modelled on raft/rawnode.go (etcd v3.5): Propose,
 * ProposeConfChange, ApplyConfChange, ReadIndex, Campaign, TransferLeader, ReportSnapshot,
 * ReportUnreachable; plus etcdserver's snapshot trigger and a serializable read.
 * Every function mutates the given state in place and returns a typed result; none does I/O.
 */
import type { LogIndex } from '../../core/brand'
import { compactLog, lastIndex, termAt } from './log'
import { makeProgress } from './progress'
import type { RaftState } from './raft-state'
import { step } from './raft'
import { bcastAppend, maybeCommit, maybeSendAppend } from './replicate'
import { asIndex, asTerm, makeMessage, NONE } from './types'
import type { ConfChange, ConfState, MemberId, RaftResult, Snapshot } from './types'

/** propose: append `data` (leader) or forward it (follower with a leader); else dropped. */
export function propose(r: RaftState, data: unknown): RaftResult {
  const entries = [{ index: asIndex(0), term: asTerm(0), type: 'Normal' as const, data }]
  const err = step(r, makeMessage({ type: 'MsgProp', from: r.id, entries }))
  if (err !== undefined) return { ok: false, error: err }
  return r.role === 'leader' ? { ok: true, index: lastIndex(r.log) } : { ok: true }
}

/**
 * proposeConfChange: one change at a time. NB: etcd turns a conf change proposed while another
 * is unapplied into an empty entry and reports nothing; the leader here refuses it up front
 * with ErrConfChangePending so the caller can say why.
 */
export function proposeConfChange(r: RaftState, cc: ConfChange): RaftResult {
  if (r.role === 'leader' && r.pendingConfIndex > r.log.applied) {
    return { ok: false, error: 'ErrConfChangePending' }
  }
  const entries = [{ index: asIndex(0), term: asTerm(0), type: 'ConfChange' as const, data: cc }]
  const err = step(r, makeMessage({ type: 'MsgProp', from: r.id, entries }))
  if (err !== undefined) return { ok: false, error: err }
  return r.role === 'leader' ? { ok: true, index: lastIndex(r.log) } : { ok: true }
}

/**
 * applyConfChange: called by the application when it applies a ConfChange entry (changes take
 * effect when applied, not when appended). A new voter starts recently active so CheckQuorum
 * does not count it as lost. raft/raft.go applyConfChange + switchToConfig (etcd v3.5).
 */
export function applyConfChange(r: RaftState, cc: ConfChange): ConfState {
  const voters = new Set(r.voters)
  if (cc.type === 'AddNode') voters.add(cc.nodeId)
  else voters.delete(cc.nodeId)
  r.voters = [...voters].sort()
  if (cc.type === 'AddNode' && !r.progress.has(cc.nodeId)) {
    // initProgress: Next = lastIndex, RecentActive = true, raft/confchange/confchange.go (etcd v3.5)
    const pr = makeProgress(Math.max(lastIndex(r.log), 1), r.config.maxInflightMsgs)
    pr.recentActive = true
    r.progress.set(cc.nodeId, pr)
  }
  if (cc.type === 'RemoveNode') r.progress.delete(cc.nodeId)
  const cs = { voters: [...r.voters] }
  if (r.role !== 'leader' || !r.voters.includes(r.id)) return cs
  if (maybeCommit(r)) bcastAppend(r)
  else for (const id of r.progress.keys()) if (id !== r.id) maybeSendAppend(r, id, false)
  if (r.leadTransferee !== NONE && !r.voters.includes(r.leadTransferee)) r.leadTransferee = NONE
  return cs
}

/**
 * readIndex: request a linearizable read; the answer arrives as a ReadState in a later Ready,
 * to be served once applied >= its index. Dropped when no leader is known.
 */
export function readIndex(r: RaftState, requestCtx: string): RaftResult {
  if (r.role === 'candidate' || r.role === 'pre-candidate') {
    return { ok: false, error: 'ErrReadIndexDropped' }
  }
  const entries = [
    { index: asIndex(0), term: asTerm(0), type: 'Normal' as const, data: requestCtx },
  ]
  const err = step(r, makeMessage({ type: 'MsgReadIndex', entries }))
  return err === undefined ? { ok: true } : { ok: false, error: err }
}

/**
 * serializableReadIndex: a local read (etcd's Serializable range) sees the state machine at the
 * applied index; it may be stale, and on a partitioned member arbitrarily so.
 */
export function serializableReadIndex(r: RaftState): LogIndex {
  return r.log.applied
}

/** campaign: start an election now (MsgHup; with PreVote on, a pre-election first). */
export function campaign(r: RaftState): void {
  step(r, makeMessage({ type: 'MsgHup', from: r.id }))
}

/** timeoutNow: campaign at once, skipping PreVote and the lease, as on MsgTimeoutNow. */
export function timeoutNow(r: RaftState): void {
  step(r, makeMessage({ type: 'MsgTimeoutNow', from: r.lead }))
}

/** transferLeader: ask the leader (directly or forwarded) to hand leadership to `transferee`. */
export function transferLeader(r: RaftState, transferee: MemberId): void {
  step(r, makeMessage({ type: 'MsgTransferLeader', from: transferee }))
}

/** reportSnapshot: the transport's verdict on a MsgSnap (RawNode.ReportSnapshot). */
export function reportSnapshot(r: RaftState, id: MemberId, failed: boolean): void {
  step(r, makeMessage({ type: 'MsgSnapStatus', from: id, reject: failed }))
}

/** reportUnreachable: a send to `id` failed (RawNode.ReportUnreachable). */
export function reportUnreachable(r: RaftState, id: MemberId): void {
  step(r, makeMessage({ type: 'MsgUnreachable', from: id }))
}

/**
 * shouldSnapshot: etcdserver's trigger, appliedi - snapi > SnapshotCount
 * (server/etcdserver/server.go triggerSnapshot, etcd v3.5); never when snapshotThreshold is 0.
 */
export function shouldSnapshot(r: RaftState): boolean {
  const threshold = r.config.snapshotThreshold
  return threshold > 0 && r.log.applied - r.log.snapshot.metadata.index > threshold
}

/**
 * createSnapshot: take a snapshot of the application state `data` at the applied index, then
 * compact the log keeping compactionKeep entries behind it for slow followers
 * (compacti = appliedi - SnapshotCatchUpEntries, server/etcdserver/server.go snapshot, etcd v3.5),
 * unless `compact` is false (etcdserver pauses it while a snapshot is in flight).
 * The caller persists the returned snapshot.
 */
export function createSnapshot(r: RaftState, data: unknown, compact = true): Snapshot {
  const index = r.log.applied
  const snap: Snapshot = {
    metadata: {
      index,
      term: termAt(r.log, index) ?? asTerm(0),
      confState: { voters: [...r.voters] },
    },
    data,
  }
  if (index > r.log.snapshot.metadata.index) r.log.snapshot = snap
  if (compact) compactLog(r.log, index - r.config.compactionKeep)
  return snap
}
