/**
 * Wire and storage types of the Raft core, named as etcd-io/raft names them (raftpb/raft.proto,
 * etcd v3.5). Everything here is plain data: structuredClone(state) is a perfect checkpoint.
 */
import type { LogIndex, Term } from '../../core/brand'

/** A member id such as 'etcd-1'. */
export type MemberId = string

// None = 0: the "no node" id, raft/raft.go (etcd v3.5). Ids are strings here, so '' plays it.
export const NONE: MemberId = ''

export const asTerm = (n: number): Term => n as Term
export const asIndex = (n: number): LogIndex => n as LogIndex

// StateType (StateFollower, StatePreCandidate, StateCandidate, StateLeader): raft/raft.go (etcd v3.5)
export type RaftRole = 'follower' | 'pre-candidate' | 'candidate' | 'leader'

// MessageType: raft/raftpb/raft.proto (etcd v3.5). MsgStorage* (async storage) are not modelled.
export type MessageType =
  | 'MsgHup'
  | 'MsgBeat'
  | 'MsgProp'
  | 'MsgApp'
  | 'MsgAppResp'
  | 'MsgVote'
  | 'MsgVoteResp'
  | 'MsgSnap'
  | 'MsgHeartbeat'
  | 'MsgHeartbeatResp'
  | 'MsgUnreachable'
  | 'MsgSnapStatus'
  | 'MsgCheckQuorum'
  | 'MsgTransferLeader'
  | 'MsgTimeoutNow'
  | 'MsgReadIndex'
  | 'MsgReadIndexResp'
  | 'MsgPreVote'
  | 'MsgPreVoteResp'

/**
 * EntryType: EntryNormal / EntryConfChange, raft/raftpb/raft.proto (etcd v3.5). 'Empty' marks an
 * EntryNormal with no data (the leader's no-op, or a refused conf change).
 */
export type EntryType = 'Normal' | 'ConfChange' | 'Empty'

/** One log entry. `data` is opaque to Raft (any JSON-able value). Entries are never mutated. */
export interface Entry {
  readonly index: LogIndex
  readonly term: Term
  readonly type: EntryType
  readonly data: unknown
}

/**
 * Entry data that is its own log entry: stamped with an index and term it returns one object that
 * is both the entry and its data (`entry.data === entry`) instead of an entry wrapping it. A
 * member keeps up to --snapshot-count (100,000) entries; etcd's key-txn payloads
 * (etcd/entry-payload.ts) are one object each this way, not two.
 */
export interface SelfStampingData {
  stampEntry(index: LogIndex, term: Term): Entry
}

function isSelfStamping(data: unknown): data is SelfStampingData {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as Partial<SelfStampingData>).stampEntry === 'function'
  )
}

/** The entry the leader appends for `data` at `index` in `term` (raft.appendEntry's stamping). */
export function makeEntry(index: LogIndex, term: Term, type: EntryType, data: unknown): Entry {
  if (type === 'Normal' && isSelfStamping(data)) return data.stampEntry(index, term)
  return { index, term, type, data }
}

// ConfChangeType AddNode/RemoveNode (ConfChange V1): raft/raftpb/raft.proto (etcd v3.5)
export interface ConfChange {
  type: 'AddNode' | 'RemoveNode'
  nodeId: MemberId
}

/** ConfState: the voters a snapshot was taken with, raft/raftpb/raft.proto (etcd v3.5). */
export interface ConfState {
  voters: MemberId[]
}

export interface SnapshotMetadata {
  index: LogIndex
  term: Term
  confState: ConfState
}

/** Snapshot: the application's state at `metadata.index`; `data` is opaque to Raft. */
export interface Snapshot {
  metadata: SnapshotMetadata
  data: unknown
}

/** HardState: what must be on disk before messages go out, raft/raftpb/raft.proto (etcd v3.5). */
export interface HardState {
  term: Term
  vote: MemberId
  commit: LogIndex
}

/** SoftState: volatile, for display and for the application's leader tracking. */
export interface SoftState {
  leader: MemberId
  role: RaftRole
}

/** ReadState: a linearizable read may be served once applied >= index (raft/read_only.go). */
export interface ReadState {
  index: LogIndex
  requestCtx: string
}

/**
 * Message: raftpb.Message, flattened. Local messages (MsgHup, MsgBeat, MsgProp, MsgReadIndex
 * from the application) carry term 0. `context` is '' when absent; it carries the read request
 * context on heartbeats and 'CampaignTransfer' on a forced vote.
 */
export interface Message {
  type: MessageType
  from: MemberId
  to: MemberId
  term: Term
  logTerm: Term
  index: LogIndex
  entries: Entry[]
  commit: LogIndex
  reject: boolean
  rejectHint: LogIndex
  context: string
  snapshot?: Snapshot
}

/** The read request context a MsgReadIndex carries in its one entry ('' if none). */
export function requestCtxOf(m: Message): string {
  const data = m.entries[0]?.data
  return typeof data === 'string' ? data : ''
}

/**
 * The entries of a message that carries none: one shared frozen array, as Go's nil slice is one
 * value (MsgAppResp, heartbeats and votes are most messages). Nothing appends to a message's
 * entries; freezing makes a mistake throw instead of corrupting every other message.
 */
const NO_ENTRIES = Object.freeze([]) as readonly Entry[] as Entry[]

/** A message with every field not given set to its zero value, as a Go struct literal would. */
export function makeMessage(fields: Partial<Message> & Pick<Message, 'type'>): Message {
  // Field by field rather than a spread over defaults: one object of one shape per message (a
  // spread after literal fields takes V8's slow generic copy). Keys keep the spread's order.
  const m: Message = {
    from: fields.from ?? NONE,
    to: fields.to ?? NONE,
    term: fields.term ?? asTerm(0),
    logTerm: fields.logTerm ?? asTerm(0),
    index: fields.index ?? asIndex(0),
    entries: fields.entries ?? NO_ENTRIES,
    commit: fields.commit ?? asIndex(0),
    reject: fields.reject ?? false,
    rejectHint: fields.rejectHint ?? asIndex(0),
    context: fields.context ?? '',
    type: fields.type,
  }
  if (fields.snapshot !== undefined) m.snapshot = fields.snapshot
  return m
}

/**
 * Errors returned to the proposer. ErrProposalDropped is etcd's (raft/raft.go, etcd v3.5); the
 * others name cases etcd drops silently or handles in etcdserver, so the UI can explain them.
 */
export type RaftError =
  'ErrProposalDropped' | 'ErrConfChangePending' | 'ErrReadIndexDropped' | 'ErrNotLeader'

export type RaftResult = { ok: true; index?: LogIndex } | { ok: false; error: RaftError }

/**
 * Ready: everything the caller must do, in order: persist entriesToPersist, hardState and
 * snapshot; send messages; apply snapshot then committedEntries; call advance(state, ready).
 * raft/node.go Ready (etcd v3.5).
 */
/**
 * What happened, for narration: `text` is etcd's own log line (raft/raft.go, etcd v3.5) with
 * member names for ids, so an SRE recognises it ("etcd-1 became leader at term 5").
 */
export interface RaftEvent {
  type: RaftEventType
  text: string
}

export type RaftEventType =
  | 'BecameFollower'
  | 'BecamePreCandidate'
  | 'BecameCandidate'
  | 'BecameLeader'
  | 'StartedElection'
  | 'ReceivedVote'
  | 'ReceivedVoteRejection'
  | 'CastVote'
  | 'RejectedVote'
  | 'IgnoredVoteInLease'
  | 'ReceivedHigherTerm'
  | 'IgnoredLowerTerm'
  | 'SteppedDownNoQuorum'
  | 'DroppedProposal'
  | 'RestoredSnapshot'
  | 'TransferringLeadership'
  | 'ReceivedTimeoutNow'

export interface Ready {
  softState: SoftState
  /** Narration since the last Ready (not part of etcd's Ready; its logger prints these). */
  events: RaftEvent[]
  hardState?: HardState
  readStates: ReadState[]
  entriesToPersist: Entry[]
  snapshot?: Snapshot
  committedEntries: Entry[]
  messages: Message[]
  mustSync: boolean
}

/** What a restart reads back from disk: etcd's WAL (HardState + entries) and snap files. */
export interface PersistedState {
  hardState: HardState
  entries: Entry[]
  snapshot?: Snapshot
}
