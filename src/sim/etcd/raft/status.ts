/**
 * getStatus: a readable, JSON-able view of one member for the UI and for tests, modelled on
 * raft/status.go (etcd v3.5) with the log and election timer added for drawing.
 */
import type { LogIndex, Term } from '../../core/brand'
import { lastIndex } from './log'
import type { ProgressState } from './progress'
import type { RaftState } from './raft-state'
import type { EntryType, MemberId, RaftRole } from './types'

export interface ProgressStatus {
  match: LogIndex
  next: LogIndex
  state: ProgressState
  recentActive: boolean
  inflight: number
}

export interface RaftStatus {
  id: MemberId
  role: RaftRole
  term: Term
  vote: MemberId
  leader: MemberId
  commit: LogIndex
  applied: LogIndex
  lastIndex: LogIndex
  /** Index of the first entry still in the log (snapshot index + 1 after compaction). */
  firstIndex: LogIndex
  snapshotIndex: LogIndex
  log: { index: LogIndex; term: Term; type: EntryType; data: unknown }[]
  voters: MemberId[]
  /** Leader only: one entry per follower (the leader itself excluded). */
  progress: Record<MemberId, ProgressStatus>
  /**
   * Ticks. A follower or candidate campaigns when electionElapsed reaches
   * randomizedElectionTimeout (draw the arc from these); a leader counts electionElapsed to
   * electionTick, its CheckQuorum interval.
   */
  electionElapsed: number
  randomizedElectionTimeout: number
  leadTransferee: MemberId
}

/** Pure; does not change state. */
export function getStatus(r: RaftState): RaftStatus {
  const progress: Record<MemberId, ProgressStatus> = {}
  if (r.role === 'leader') {
    for (const [id, pr] of r.progress) {
      if (id === r.id) continue
      progress[id] = {
        match: pr.match,
        next: pr.next,
        state: pr.state,
        recentActive: pr.recentActive,
        inflight: pr.inflights.length,
      }
    }
  }
  return {
    id: r.id,
    role: r.role,
    term: r.term,
    vote: r.vote,
    leader: r.lead,
    commit: r.log.committed,
    applied: r.log.applied,
    lastIndex: lastIndex(r.log),
    firstIndex: (r.log.offset + 1) as LogIndex,
    snapshotIndex: r.log.snapshot.metadata.index,
    log: r.log.entries.map((e) => ({ index: e.index, term: e.term, type: e.type, data: e.data })),
    voters: [...r.voters],
    progress,
    electionElapsed: r.electionElapsed,
    randomizedElectionTimeout: r.randomizedElectionTimeout,
    leadTransferee: r.leadTransferee,
  }
}
