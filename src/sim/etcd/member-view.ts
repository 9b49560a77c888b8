import type { EtcdMemberState } from './member-state'
import { payloadOp, type EntryPayload } from './entry-payload'
import { TICK_MS } from './member-state'
import { lastIndex } from './raft/log'
import type { ConfChange, Entry, RaftRole } from './raft/types'

/** One log entry as the Raft view draws it. */
export interface LogEntryView {
  index: number
  term: number
  /** What it carries: "put /registry/pods/default/web", "(empty: new leader's entry)" ... */
  summary: string
  committed: boolean
}

/** One member as the Raft view and tests read it: cheap to build, JSON-able. */
export interface EtcdMemberView {
  id: string
  running: boolean
  removed: boolean
  role: RaftRole
  term: number
  vote: string
  leader: string
  commit: number
  applied: number
  lastIndex: number
  snapshotIndex: number
  voters: string[]
  /** The newest entries (at most `LOG_TAIL`). */
  log: LogEntryView[]
  /** Leader only: each follower's match and next index and replication state. */
  progress: Record<string, { match: number; next: number; state: string }>
  /** Election timer in ticks: campaigns when elapsed reaches timeout; ticks are 100 ms. */
  electionElapsed: number
  electionTimeout: number
  lastTickMs: number
  tickMs: number
  fsyncMs: number
  revision: number
  pendingRequests: number
  /** Why the process died, when it crashed (etcd's panic text). */
  crash?: string | undefined
}

export const LOG_TAIL = 12

function summarize(entry: Entry): string {
  if (entry.type === 'Empty') return "(empty: new leader's entry)"
  if (entry.type === 'ConfChange') {
    const cc = entry.data as ConfChange
    return `${cc.type} ${cc.nodeId}`
  }
  const op = payloadOp(entry.data as EntryPayload)
  if (op.op === 'compact') return `compact rev ${op.revision}`
  if (op.op !== 'txn') return op.op
  const write = op.success.find((o) => o.op !== 'get')
  return write ? `${write.op} ${write.key}` : 'txn'
}

export function memberView(state: EtcdMemberState): EtcdMemberView {
  const r = state.raft
  // A stopped member has no volatile state: no role, no known leader, no progress (what it
  // still has on disk is its term, vote and log).
  const alive = state.running
  const progress: EtcdMemberView['progress'] = {}
  if (alive && r.role === 'leader')
    for (const [id, pr] of r.progress)
      if (id !== r.id) progress[id] = { match: pr.match, next: pr.next, state: pr.state }
  const entries = r.log.entries
  return {
    id: state.id,
    running: state.running,
    removed: state.removed,
    role: alive ? r.role : 'follower',
    term: r.term,
    vote: r.vote,
    leader: alive ? r.lead : '',
    commit: r.log.committed,
    applied: r.log.applied,
    lastIndex: lastIndex(r.log),
    snapshotIndex: r.log.snapshot.metadata.index,
    voters: [...r.voters],
    log: entries.slice(Math.max(0, entries.length - LOG_TAIL)).map((e) => ({
      index: e.index,
      term: e.term,
      summary: summarize(e),
      committed: e.index <= r.log.committed,
    })),
    progress,
    electionElapsed: r.electionElapsed,
    electionTimeout: r.role === 'leader' ? r.config.electionTick : r.randomizedElectionTimeout,
    lastTickMs: state.lastTickMs,
    tickMs: TICK_MS,
    fsyncMs: state.fsyncMs,
    revision: state.mvcc.revision,
    pendingRequests: Object.keys(state.pending).length,
    ...(state.crash !== undefined ? { crash: state.crash } : {}),
  }
}

/** The cluster as a whole: who is a voter, the quorum, and how many failures it survives. */
export interface EtcdClusterView {
  members: EtcdMemberView[]
  voters: string[]
  /** N/2 + 1 (integer division), quorum/majority.go. */
  quorum: number
  /** Members that may fail while a quorum remains: N - quorum. */
  tolerates: number
  leader: string
}

export function clusterView(members: readonly EtcdMemberState[]): EtcdClusterView {
  const views = members.map(memberView)
  // The configuration of the member with the highest term (the leader's, when there is one).
  const reference = [...views].sort(
    (a, b) => Number(b.role === 'leader') - Number(a.role === 'leader') || b.term - a.term,
  )[0]
  const voters = reference?.voters ?? []
  const quorum = Math.floor(voters.length / 2) + 1
  const leaders = views.filter((v) => v.running && v.role === 'leader')
  const top = leaders.sort((a, b) => b.term - a.term)[0]
  return {
    members: views,
    voters,
    quorum,
    tolerates: voters.length - quorum,
    leader: top?.id ?? '',
  }
}
