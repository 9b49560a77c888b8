/**
 * The state of one Raft member (etcd's `raft` struct, raft/raft.go, etcd v3.5) as plain data,
 * plus the few helpers every role shares. No classes, no closures: structuredClone(state) is a
 * checkpoint and restoring it resumes the member exactly, random draws included.
 */
import { nextInt } from '../../core/rng'
import type { RngState } from '../../core/rng'
import type { LogIndex, Term } from '../../core/brand'
import type { RaftLog } from './log'
import type { Progress } from './progress'
import type { ReadOnlyState } from './read-only'
import type {
  HardState,
  MemberId,
  Message,
  RaftEvent,
  RaftEventType,
  RaftRole,
  ReadState,
  SoftState,
} from './types'

export interface RaftConfig {
  id: MemberId
  /** Initial voters (etcd's bootstrap peers); a snapshot's ConfState overrides it on restart. */
  voters: MemberId[]
  // ElectionTick = 10: etcdserver ElectionTicks() = ElectionMs/TickMs, server/embed/config.go (etcd v3.5)
  electionTick: number
  // HeartbeatTick = 1: server/etcdserver/raft.go raftConfig (etcd v3.5)
  heartbeatTick: number
  // PreVote = true: default since v3.5, server/embed/config.go (etcd v3.5)
  preVote: boolean
  // CheckQuorum = true: hard-coded in server/etcdserver/raft.go raftConfig (etcd v3.5)
  checkQuorum: boolean
  rngSeed: number
  // MaxInflightMsgs = 512 (maxInflightMsgs = 4096 / 8): server/etcdserver/raft.go (etcd v3.5)
  maxInflightMsgs: number
  /**
   * Entries per MsgApp. NB: etcd limits bytes (MaxSizePerMsg = 1 MiB, server/etcdserver/raft.go);
   * entries here have no byte size, so we count entries.
   */
  maxEntriesPerMsg: number
  /**
   * Applied entries since the last snapshot before shouldSnapshot() says yes; 0 = never.
   * SnapshotCount: DefaultSnapshotCount = 100000, server/etcdserver/server.go (etcd v3.5).
   */
  snapshotThreshold: number
  // SnapshotCatchUpEntries = 5000 kept behind a snapshot: server/etcdserver/server.go (etcd v3.5)
  compactionKeep: number
}

export type RaftConfigInput = Pick<RaftConfig, 'id' | 'voters' | 'rngSeed'> & Partial<RaftConfig>

export const DEFAULT_CONFIG: Omit<RaftConfig, 'id' | 'voters' | 'rngSeed'> = {
  electionTick: 10,
  heartbeatTick: 1,
  preVote: true,
  checkQuorum: true,
  maxInflightMsgs: 512,
  maxEntriesPerMsg: 64,
  snapshotThreshold: 0,
  compactionKeep: 5000,
}

export interface RaftState {
  config: RaftConfig
  id: MemberId
  /** Invariant: never decreases, also across restarts (it is in HardState). */
  term: Term
  /** Invariant: at most one vote per term; kept across restarts. */
  vote: MemberId
  lead: MemberId
  role: RaftRole
  log: RaftLog
  /** Current voters, sorted. */
  voters: MemberId[]
  /** Leader-only view of each voter (the leader's own entry included), tracker.ProgressTracker. */
  progress: Map<MemberId, Progress>
  /** Votes received in the current (pre-)campaign. */
  votes: Record<MemberId, boolean>
  msgs: Message[]
  readStates: ReadState[]
  readOnly: ReadOnlyState
  /** MsgReadIndex held until the leader commits an entry of its own term (etcd v3.5). */
  pendingReadIndexMessages: Message[]
  /** Ticks since the last election timeout reset (or, for a leader, since the last CheckQuorum). */
  electionElapsed: number
  heartbeatElapsed: number
  /** Ticks; uniform in [electionTick, 2*electionTick), re-drawn on every reset. */
  randomizedElectionTimeout: number
  leadTransferee: MemberId
  /** Invariant: a new conf change is refused while pendingConfIndex > applied. */
  pendingConfIndex: LogIndex
  rng: RngState
  prevSoftState: SoftState
  prevHardState: HardState
  /** Narration for the next Ready. */
  events: RaftEvent[]
}

/** Records one of etcd's log lines as an event. */
export function logEvent(r: RaftState, type: RaftEventType, text: string): void {
  r.events.push({ type, text })
}

/**
 * send: stamps `from`, and the term on everything except local proposals and reads; vote
 * traffic must carry its own term. raft/raft.go send (etcd v3.5).
 */
export function send(r: RaftState, m: Message): void {
  const isVoteTraffic =
    m.type === 'MsgVote' ||
    m.type === 'MsgVoteResp' ||
    m.type === 'MsgPreVote' ||
    m.type === 'MsgPreVoteResp'
  if (isVoteTraffic) {
    if (m.term === 0) throw new Error(`term should be set when sending ${m.type}`)
  } else if (m.type !== 'MsgProp' && m.type !== 'MsgReadIndex') {
    m.term = r.term
  }
  m.from = r.id
  r.msgs.push(m)
}

// promotable: a voter with no snapshot waiting to be persisted, raft/raft.go (etcd v3.5)
export function promotable(r: RaftState): boolean {
  return r.voters.includes(r.id) && r.log.pendingSnapshot === undefined
}

// electionTimeout + rand(electionTimeout): resetRandomizedElectionTimeout, raft/raft.go (etcd v3.5)
export function resetRandomizedElectionTimeout(r: RaftState): void {
  const et = r.config.electionTick
  r.randomizedElectionTimeout = et + nextInt(r.rng, et)
}

// pastElectionTimeout: electionElapsed >= randomizedElectionTimeout, raft/raft.go (etcd v3.5)
export function pastElectionTimeout(r: RaftState): boolean {
  return r.electionElapsed >= r.randomizedElectionTimeout
}

export function softState(r: RaftState): SoftState {
  return { leader: r.lead, role: r.role }
}

export function hardState(r: RaftState): HardState {
  return { term: r.term, vote: r.vote, commit: r.log.committed }
}
