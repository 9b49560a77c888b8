import type { ActorContext, Behaviour, TimerBody } from '../runtime/actor'
import type { Envelope } from '../network/types'
import type { MessageBody } from '../runtime/messages'
import { nextInt } from '../core/rng'
import { drainReady, exitProcess } from './member-ready'
import { onClientRequest, onRequestTimeout, retryPending, ERR_NO_LEADER } from './member-requests'
import {
  DEFAULT_CATCHUP_ENTRIES,
  DEFAULT_SNAPSHOT_COUNT,
  ELECTION_TICKS,
  NO_LEADER_CANCEL_MS,
  TICK_MS,
  raftSeedOf,
  taggedPayload,
  type EtcdMemberState,
} from './member-state'
import { createMvcc, restoreMvcc, type MvccState } from './mvcc'
import { createRaft, step, tick } from './raft/raft'
import { reportSnapshot } from './raft/rawnode'
import { loadPersisted } from './raft/storage'
import { NONE } from './raft/types'

/**
 * An etcd member: a Raft core (./raft) with its WAL (`disk`) and the MVCC store it applies to,
 * serving the KV and Watch APIs to the API servers. Writes are Raft proposals answered when
 * applied; linearizable reads wait for ReadIndex; serializable reads are served locally.
 */
export const etcdMember: Behaviour<EtcdMemberState> = {
  start(ctx, state) {
    if (state.removed) {
      state.running = false
      return
    }
    state.crash = undefined
    try {
      boot(ctx, state)
      drainReady(ctx, state)
    } catch (error) {
      panicked(ctx, state, error)
    }
  },
  // try/catch written out in each handler: no closure per message or timer of a member.
  onMessage(ctx, state, envelope) {
    try {
      onMessage(ctx, state, envelope)
    } catch (error) {
      panicked(ctx, state, error)
    }
  },
  onTimer(ctx, state, timer) {
    try {
      onTimer(ctx, state, timer)
    } catch (error) {
      panicked(ctx, state, error)
    }
  },
}

/**
 * Raft panics where etcd's raft library panics (a commit index beyond a log that was wiped,
 * a committed entry to truncate): the etcd process exits, which is what a member whose data
 * directory was deleted does when the leader still remembers its old log.
 */
function panicked(ctx: ActorContext, state: EtcdMemberState, error: unknown): void {
  const text = error instanceof Error ? error.message : String(error)
  state.crash = `panic: ${text}`
  ctx.emit({ type: 'Narrated', actor: state.id, text: `${state.id} ${state.crash}` })
  exitProcess(ctx, state)
}

function onMessage(
  ctx: ActorContext,
  state: EtcdMemberState,
  envelope: Envelope<MessageBody>,
): void {
  const body = envelope.body
  switch (body.type) {
    case 'raft': {
      const tagged =
        body.message.type === 'MsgApp' ? taggedPayload(body.message.entries) : undefined
      if (tagged) state.replyTag = tagged
      step(state.raft, body.message)
      break
    }
    case 'etcd-request':
      onClientRequest(ctx, state, envelope, body)
      break
    case 'grpc-ping':
      ctx.send(envelope.from, { type: 'grpc-pong', seq: body.seq }, { label: 'keepalive ack' })
      return
    case 'etcd-watch-cancel':
      // The client's own watch only (watch ids are per member and stream).
      if (state.watches[body.watchId]?.client === envelope.from) delete state.watches[body.watchId]
      return
    default:
      return
  }
  drainReady(ctx, state)
}

function onTimer(ctx: ActorContext, state: EtcdMemberState, timer: TimerBody): void {
  switch (timer.name) {
    case 'raft-tick':
      tick(state.raft)
      state.lastTickMs = ctx.nowMs
      retryPending(ctx, state)
      monitorLeader(ctx, state)
      ctx.setTimer(TICK_MS, { name: 'raft-tick' })
      break
    case 'request-timeout':
      onRequestTimeout(ctx, state)
      break
    case 'ready':
      // The fsync returned: drainReady below takes what accumulated meanwhile (drainReady leaves
      // that to this timer while it is due, even for a message arriving in the same millisecond).
      if (state.readyTimerAtMs === ctx.nowMs) state.readyTimerAtMs = undefined
      break
    case 'snap-report':
      // The transport reports the snapshot as sent; if it was lost, the follower's rejection
      // of the next probe sends the leader back to snapshotting (raft/tracker, etcd v3.5).
      reportSnapshot(state.raft, timer.data as string, false)
      break
    default:
      return
  }
  drainReady(ctx, state)
}

/** (Re)starts from disk: Raft from the WAL, the store from the last snapshot plus replay. */
function boot(ctx: ActorContext, state: EtcdMemberState): void {
  const options = state.raftOptions
  state.raft = createRaft(
    {
      id: state.id,
      voters: state.bootVoters,
      rngSeed: raftSeedOf(state.rng),
      electionTick: ELECTION_TICKS,
      heartbeatTick: 1,
      ...(options.preVote !== undefined ? { preVote: options.preVote } : {}),
      ...(options.checkQuorum !== undefined ? { checkQuorum: options.checkQuorum } : {}),
      // etcdserver's snapshot policy (the raft core has none of its own): --snapshot-count and
      // SnapshotCatchUpEntries, v3.5 defaults unless a lesson sets them.
      snapshotThreshold: options.snapshotCount ?? DEFAULT_SNAPSHOT_COUNT,
      compactionKeep: options.catchUpEntries ?? DEFAULT_CATCHUP_ENTRIES,
    },
    loadPersisted(state.disk),
  )
  const snap = state.disk.snapshot
  state.mvcc = snap ? restoreMvcc(snap.data as MvccState) : createMvcc()
  state.watches = {}
  state.snapshotsInFlightUntilMs = undefined
  state.pending = {}
  state.readsWaiting = []
  state.readRound = undefined
  state.diskFreeAtMs = ctx.nowMs
  state.readyTimerAtMs = undefined
  state.requestTimerAtMs = undefined
  state.readyWaitingSinceMs = undefined
  state.replyTag = undefined
  state.noLeaderSinceMs = ctx.nowMs
  // --initial-election-tick-advance (default true): etcd fast-forwards ElectionTicks - 2 ticks on
  // boot so the first election comes sooner (server/etcdserver/server.go advanceTicks, v3.5).
  for (let i = 0; i < ELECTION_TICKS - 2; i++) tick(state.raft)
  state.lastTickMs = ctx.nowMs
  ctx.setTimer(1 + nextInt(state.rng, TICK_MS), { name: 'raft-tick' })
  const log = state.raft.log
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `${state.id} started at term ${state.raft.term}, commit ${log.committed}`,
  })
}

/**
 * monitorLeader (v3rpc/interceptor.go, etcd v3.5): streams that require a leader are cancelled
 * once the member has had none for three election timeouts, so clients go elsewhere.
 */
function monitorLeader(ctx: ActorContext, state: EtcdMemberState): void {
  if (state.raft.lead !== NONE) {
    state.noLeaderSinceMs = undefined
    return
  }
  state.noLeaderSinceMs ??= ctx.nowMs
  if (ctx.nowMs - state.noLeaderSinceMs < NO_LEADER_CANCEL_MS) return
  for (const [id, watch] of Object.entries(state.watches)) {
    ctx.send(
      watch.client,
      { type: 'etcd-watch-cancelled', watchId: Number(id), reason: ERR_NO_LEADER },
      { label: `watch cancelled: ${ERR_NO_LEADER}` },
    )
  }
  state.watches = {}
}
