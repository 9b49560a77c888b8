/**
 * The leader's replication machinery: appendEntry, sendAppend, heartbeats and the commit rule,
 * modelled on raft/raft.go (etcd v3.5).
 */
import { committedIndex } from './quorum'
import { addInflight, becomeSnapshot, isPaused, maybeUpdate, optimisticUpdate } from './progress'
import {
  appendEntries,
  lastIndex,
  maybeCommit as logMaybeCommit,
  sliceEntries,
  termAt,
} from './log'
import { lastPendingRequestCtx } from './read-only'
import { send } from './raft-state'
import type { RaftState } from './raft-state'
import { asIndex, makeEntry, makeMessage } from './types'
import type { Entry, MemberId } from './types'

/** maybeCommit: advance commit to the quorum-acked index if it is of the current term. */
export function maybeCommit(r: RaftState): boolean {
  const mci = committedIndex(r.voters, (id) => r.progress.get(id)?.match ?? 0)
  return logMaybeCommit(r.log, mci, r.term)
}

/** appendEntry: stamp term and index, append, self-ack, try to commit (raft.appendEntry). */
export function appendEntry(r: RaftState, ents: readonly Omit<Entry, 'index' | 'term'>[]): void {
  const li = lastIndex(r.log)
  const stamped = ents.map((e, i) => makeEntry(asIndex(li + 1 + i), r.term, e.type, e.data))
  const last = appendEntries(r.log, stamped)
  const self = r.progress.get(r.id)
  if (self !== undefined) maybeUpdate(self, last)
  maybeCommit(r)
}

/**
 * maybeSendAppend: send the entries from `next` on (or an empty probe if sendIfEmpty); if they
 * are compacted, send the snapshot instead (only to a recently active follower).
 * raft/raft.go maybeSendAppend (etcd v3.5).
 */
export function maybeSendAppend(r: RaftState, to: MemberId, sendIfEmpty: boolean): boolean {
  const pr = r.progress.get(to)
  if (pr === undefined || isPaused(pr)) return false
  const prevIndex = asIndex(pr.next - 1)
  const prevTerm = termAt(r.log, prevIndex)
  const ents = sliceEntries(r.log, pr.next, lastIndex(r.log) + 1, r.config.maxEntriesPerMsg)
  if (ents?.length === 0 && !sendIfEmpty) return false
  if (prevTerm === undefined || ents === undefined) {
    if (!pr.recentActive) return false
    const snapshot = r.log.snapshot
    becomeSnapshot(pr, snapshot.metadata.index)
    send(r, makeMessage({ type: 'MsgSnap', to, snapshot }))
    return true
  }
  const last = ents[ents.length - 1]
  if (last !== undefined) {
    if (pr.state === 'replicate') {
      optimisticUpdate(pr, last.index)
      addInflight(pr, last.index)
    } else if (pr.state === 'probe') {
      pr.probeSent = true
    }
  }
  send(
    r,
    makeMessage({
      type: 'MsgApp',
      to,
      index: prevIndex,
      logTerm: prevTerm,
      entries: ents,
      commit: r.log.committed,
    }),
  )
  return true
}

export function sendAppend(r: RaftState, to: MemberId): void {
  maybeSendAppend(r, to, true)
}

export function bcastAppend(r: RaftState): void {
  for (const id of r.progress.keys()) if (id !== r.id) sendAppend(r, id)
}

/**
 * sendHeartbeat: commit = min(match, committed), because the follower may not have the
 * leader's committed entries yet. raft/raft.go sendHeartbeat (etcd v3.5).
 */
export function sendHeartbeat(r: RaftState, to: MemberId, context: string): void {
  const pr = r.progress.get(to)
  const commit = Math.min(pr?.match ?? 0, r.log.committed)
  send(r, makeMessage({ type: 'MsgHeartbeat', to, commit: asIndex(commit), context }))
}

export function bcastHeartbeatWithCtx(r: RaftState, context: string): void {
  for (const id of r.progress.keys()) if (id !== r.id) sendHeartbeat(r, id, context)
}

/** bcastHeartbeat: piggy-backs the newest pending read context, raft/raft.go (etcd v3.5). */
export function bcastHeartbeat(r: RaftState): void {
  bcastHeartbeatWithCtx(r, lastPendingRequestCtx(r.readOnly))
}
