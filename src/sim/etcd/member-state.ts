/* eslint-disable @typescript-eslint/prefer-for-of -- Raft entries, their ops and MVCC events are frozen (freezeShared), and V8's for-of over a frozen array allocates an iterator result per step (~9x slower than over a plain one); hot loops here index instead. */
import type { ActorBase } from '../runtime/actor'
import type { EtcdOp } from '../runtime/messages'
import type { FlowStep, ObjectRef } from '../network/types'
import { nextInt } from '../core/rng'
import { createMvcc, type MvccState } from './mvcc'
import { createRaft } from './raft/raft'
import type { RaftState } from './raft/raft-state'
import { makeStorage, type MemoryStorage } from './raft/storage'
import type { EntryPayload } from './entry-payload'
import type { MemberId } from './raft/types'

// --heartbeat-interval 100 ms: etcd's TickMs default, server/embed/config.go (etcd v3.5).
export const TICK_MS = 100
// --election-timeout 1000 ms = ElectionTicks 10 × TickMs, server/embed/config.go (etcd v3.5).
export const ELECTION_TICKS = 10
export const ELECTION_MS = ELECTION_TICKS * TICK_MS
// ReqTimeout() = 5 s + 2 × election timeout, server/config/config.go (etcd v3.5): 7 s by default.
export const REQUEST_TIMEOUT_MS = 5_000 + 2 * ELECTION_MS
// readIndexRetryTime = 500 ms: a ReadIndex without an answer is asked again, v3_server.go (v3.5).
export const READ_INDEX_RETRY_MS = 500
// maxNoLeaderCnt = 3: watch streams that require a leader are cancelled after 3 election
// timeouts without one, monitorLeader in server/etcdserver/api/v3rpc/interceptor.go (etcd v3.5).
export const NO_LEADER_CANCEL_MS = 3 * ELECTION_MS
// A healthy NVMe/SSD WAL fsync takes a couple of milliseconds; etcd asks for p99 under 10 ms.
export const DEFAULT_FSYNC_MS = 2
// --snapshot-count 100,000 in v3.5 (DefaultSnapshotCount, server/etcdserver/server.go).
export const DEFAULT_SNAPSHOT_COUNT = 100_000
// --snapshot-catchup-entries 5,000 (SnapshotCatchUpEntries, server/etcdserver/server.go).
export const DEFAULT_CATCHUP_ENTRIES = 5_000

/** Raft switches a lesson may turn off to show what they prevent. */
export interface EtcdRaftOptions {
  preVote?: boolean
  checkQuorum?: boolean
  snapshotCount?: number
  catchUpEntries?: number
}

/** A client request the member is still working on: a proposal or a linearizable read. */
export interface PendingRequest {
  client: string
  requestId: number
  op: EtcdOp
  kind: 'propose' | 'read'
  step?: FlowStep | undefined
  about?: ObjectRef | undefined
  /** propose: raft took it (appended here or forwarded to the leader). */
  proposed: boolean
  /** Its number on this member (pendingId), once it waits here; its entry carries it. */
  seq: number
  startedMs: number
}

/**
 * One round of etcd's linearizableReadLoop (server/etcdserver/v3_server.go, v3.5): a single
 * ReadIndex in flight per member serves every read that arrived before it was asked; reads that
 * arrive meanwhile wait for the next round (readNotifier is swapped when a round starts).
 */
export interface ReadRound {
  /** The request context of this round's ReadIndex (before the "@attempt" suffix). */
  key: string
  /** Ids in `pending` of the reads this round serves. */
  reads: string[]
  /** The leader's commit index when it confirmed leadership: served once applied reaches it. */
  index?: number
  lastAskMs: number
  attempts: number
}

export interface EtcdWatch {
  client: string
  key: string
  rangeEnd: string
}

export interface EtcdMemberState extends ActorBase {
  kind: 'etcd'
  raftOptions: EtcdRaftOptions
  /** Volatile Raft state; rebuilt from `disk` on every start. */
  raft: RaftState
  /** The WAL and snap files: survive a stop, lost on a wipe. */
  disk: MemoryStorage
  /** The applied key-value store (etcd's bbolt backend), rebuilt by replay on start. */
  mvcc: MvccState
  /** Voters this member boots with when its disk holds none (the --initial-cluster). */
  bootVoters: MemberId[]
  watches: Record<number, EtcdWatch>
  /** Until when a snapshot sent to a follower counts as in flight (inflightSnapshots > 0). */
  snapshotsInFlightUntilMs?: number | undefined
  nextWatchId: number
  pending: Record<string, PendingRequest>
  /** Linearizable reads waiting for the next ReadIndex round, and the round in flight. */
  readsWaiting: string[]
  readRound?: ReadRound | undefined
  nextReadRound: number
  nextRequestSeq: number
  /** WAL fsync latency: a slow disk makes every Ready that must sync wait this long. */
  fsyncMs: number
  /** The raft loop is blocked on fsync until then: later messages wait for the disk. */
  diskFreeAtMs: number
  lastTickMs: number
  noLeaderSinceMs?: number | undefined
  /** Entry tags (step, object) of the last MsgApp stepped in, for the reply's animation. */
  replyTag?: { step?: FlowStep | undefined; about?: ObjectRef | undefined } | undefined
  /** Applied its own removal: stopped for good, as etcdserver stops a removed member. */
  removed: boolean
  lastSlowWarningMs?: number | undefined
  /** When Raft first had a Ready the busy disk made wait, and when the wake-up timer is set. */
  readyWaitingSinceMs?: number | undefined
  readyTimerAtMs?: number | undefined
  /**
   * When the one request-timeout timer fires (undefined: none armed). One timer serves every
   * pending request, as the API server's deadline timer does: arming one per request left
   * thousands of timers in the queue, nearly all firing after their request was answered.
   */
  requestTimerAtMs?: number | undefined
  /** Why the process died last, e.g. raft's panic on a log that was lost. */
  crash?: string | undefined
}

/** The first entry that carries a request-flow step: what a Raft message animates as. */
export function taggedPayload(entries: readonly { data: unknown }[]): EntryPayload | undefined {
  // Indexed: entries are often frozen (a message without entries shares one frozen array), and
  // for-of over a frozen array makes an iterator result per step; every Raft message asks this.
  for (let i = 0; i < entries.length; i++) {
    const payload = entries[i]?.data as EntryPayload | null | undefined
    if (payload?.step !== undefined) return payload
  }
  return undefined
}

export function raftSeedOf(rng: ActorBase['rng']): number {
  return nextInt(rng, 2 ** 31)
}

export function createEtcdMemberState(
  id: string,
  host: string,
  voters: MemberId[],
  rng: ActorBase['rng'],
  raftOptions: EtcdRaftOptions = {},
): EtcdMemberState {
  return {
    id,
    kind: 'etcd',
    host,
    running: false,
    rng,
    raftOptions,
    raft: createRaft({ id, voters, rngSeed: 1 }),
    disk: makeStorage(),
    mvcc: createMvcc(),
    bootVoters: voters,
    watches: {},
    nextWatchId: 1,
    pending: {},
    readsWaiting: [],
    nextReadRound: 1,
    nextRequestSeq: 1,
    fsyncMs: DEFAULT_FSYNC_MS,
    diskFreeAtMs: 0,
    lastTickMs: 0,
    removed: false,
  }
}
