/* eslint-disable @typescript-eslint/prefer-for-of -- Raft entries, their ops and MVCC events are frozen (freezeShared), and V8's for-of over a frozen array allocates an iterator result per step (~9x slower than over a plain one); hot loops here index instead. */
import type { ActorContext } from '../runtime/actor'
import type { EtcdRequest } from '../runtime/messages'
import type { Envelope } from '../network/types'
import { executeKv, isReadOnly } from './kv-execute'
import {
  READ_INDEX_RETRY_MS,
  REQUEST_TIMEOUT_MS,
  type EtcdMemberState,
  type PendingRequest,
} from './member-state'
import { reply } from './member-reply'
import { eventsSince, ERR_COMPACTED, type RequestOp } from './mvcc'
import { notifyWatchers } from './kv-execute'
import { propose, readIndex } from './raft/rawnode'
import { utf8Length } from '../apiserver/decoding/utf8'
import { NONE } from './raft/types'
import { entryPayload, pendingId } from './entry-payload'

// ErrGRPCNoLeader, server/etcdserver/api/v3rpc/rpctypes/error.go (etcd v3.5). kube-apiserver's
// watches require a leader (clientv3.WithRequireLeader, k8s.io/apiserver storage/etcd3).
export const ERR_NO_LEADER = 'etcdserver: no leader'
// ErrTimeout and ErrTimeoutDueToConnectionLost, server/etcdserver/errors.go (etcd v3.5).
export const ERR_TIMEOUT = 'etcdserver: request timed out'
export const ERR_TIMEOUT_CONNECTION_LOST =
  'etcdserver: request timed out, possibly due to connection lost'

// ErrRequestTooLarge, server/etcdserver/errors.go; the limit is --max-request-bytes' default,
// 1.5 MiB (DefaultMaxRequestBytes, server/embed/config.go), checked on the marshalled request in
// processInternalRaftRequestOnce (server/etcdserver/v3_server.go, etcd v3.5). Here the request's
// size is its keys and values: kube-apiserver stores JSON here, protobuf in a real cluster.
export const ERR_REQUEST_TOO_LARGE = 'etcdserver: request is too large'
export const MAX_REQUEST_BYTES = 1_572_864

// A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4 bytes).
const MAX_UTF8_PER_UNIT = 3

/** Whether a write's keys and values exceed MAX_REQUEST_BYTES (exact UTF-8 only near the limit). */
function isTooLarge(op: EtcdRequest['op']): boolean {
  if (op.op !== 'txn') return false
  const units = utf16Units(op.success) + utf16Units(op.failure)
  if (units * MAX_UTF8_PER_UNIT <= MAX_REQUEST_BYTES) return false
  return utf8Bytes(op.success) + utf8Bytes(op.failure) > MAX_REQUEST_BYTES
}

// Indexed loops over each branch (no [success, failure] array per request, no for-of iterator).
function utf16Units(requests: readonly RequestOp[]): number {
  let units = 0
  for (let i = 0; i < requests.length; i++) {
    const request = requests[i] as RequestOp
    units += request.key.length
    if (request.op === 'put') units += request.value.length
  }
  return units
}

function utf8Bytes(requests: readonly RequestOp[]): number {
  let bytes = 0
  for (let i = 0; i < requests.length; i++) {
    const request = requests[i] as RequestOp
    bytes += utf8Length(request.key)
    if (request.op === 'put') bytes += utf8Length(request.value)
  }
  return bytes
}

/** A client's KV or Watch call arriving at this member (port 2379). */
export function onClientRequest(
  ctx: ActorContext,
  state: EtcdMemberState,
  envelope: Envelope,
  request: EtcdRequest,
): void {
  const op = request.op
  // The request as the member keeps it, built once (no spreads): every write and read in the
  // cluster arrives here. Until it is pending, it serves as the requester a reply goes to.
  const pending: PendingRequest = {
    client: envelope.from,
    requestId: request.requestId,
    op,
    step: envelope.step,
    about: envelope.about,
    kind: isReadOnly(op) ? 'read' : 'propose',
    proposed: false,
    seq: 0,
    startedMs: ctx.nowMs,
  }
  if (op.op === 'watch') return createWatch(ctx, state, pending, op)
  if (isTooLarge(op)) return reply(ctx, pending, { ok: false, error: ERR_REQUEST_TOO_LARGE }, 0)
  if (op.op === 'range' && op.serializable === true)
    return reply(ctx, pending, executeKv(state.mvcc, op).result, 0)
  pending.seq = state.nextRequestSeq++
  const id = pendingId(state.id, pending.seq)
  state.pending[id] = pending
  if (state.requestTimerAtMs === undefined)
    armRequestTimer(ctx, state, ctx.nowMs + REQUEST_TIMEOUT_MS)
  if (pending.kind === 'propose') return tryPropose(state, pending)
  state.readsWaiting.push(id)
  if (state.readRound === undefined) startReadRound(ctx, state)
}

function createWatch(
  ctx: ActorContext,
  state: EtcdMemberState,
  requester: Parameters<typeof reply>[1],
  op: Extract<EtcdRequest['op'], { op: 'watch' }>,
): void {
  if (state.raft.lead === NONE) return reply(ctx, requester, { ok: false, error: ERR_NO_LEADER }, 0)
  const missed = eventsSince(state.mvcc, op.startRevision - 1, op.key)
  if (missed === ERR_COMPACTED) return reply(ctx, requester, { ok: false, error: ERR_COMPACTED }, 0)
  const watchId = state.nextWatchId++
  state.watches[watchId] = { client: requester.client, key: op.key, rangeEnd: op.rangeEnd }
  reply(ctx, requester, { ok: true, revision: state.mvcc.revision, watchId }, 0)
  notifyWatchers(ctx, { [watchId]: state.watches[watchId] }, missed, requester, 0)
}

/**
 * Hands a waiting write to Raft as a proposal (a follower forwards it to the leader). Without a
 * leader Raft refuses it; etcd's proposal then blocks until there is one or the request times
 * out, so this runs again on every tick.
 */
function tryPropose(state: EtcdMemberState, pending: PendingRequest): void {
  if (pending.proposed) return
  const { seq, op, step, about } = pending
  pending.proposed = propose(
    state.raft,
    entryPayload(state.id, seq, op, step, about, state.mvcc),
  ).ok
}

/** The next round of the read loop takes every read waiting now, with one ReadIndex. */
export function startReadRound(ctx: ActorContext, state: EtcdMemberState): void {
  if (state.readsWaiting.length === 0) return
  state.readRound = {
    key: `${state.id}/read-${state.nextReadRound++}`,
    reads: state.readsWaiting,
    lastAskMs: -Infinity,
    attempts: 0,
  }
  state.readsWaiting = []
  askReadIndex(ctx, state)
}

/**
 * requestCurrentIndex (v3_server.go, v3.5): the round's ReadIndex, asked again every 500 ms
 * while unanswered (no leader refuses it). A round whose reads have all timed out is dropped
 * for the next one.
 */
function askReadIndex(ctx: ActorContext, state: EtcdMemberState): void {
  const round = state.readRound
  if (round === undefined) return startReadRound(ctx, state)
  if (round.index !== undefined) return
  if (!round.reads.some((id) => state.pending[id] !== undefined)) {
    state.readRound = undefined
    return startReadRound(ctx, state)
  }
  if (ctx.nowMs - round.lastAskMs < READ_INDEX_RETRY_MS) return
  round.lastAskMs = ctx.nowMs
  round.attempts++
  readIndex(state.raft, `${round.key}@${round.attempts}`)
}

export function retryPending(ctx: ActorContext, state: EtcdMemberState): void {
  for (const pending of Object.values(state.pending))
    if (pending.kind === 'propose') tryPropose(state, pending)
  askReadIndex(ctx, state)
}

function armRequestTimer(ctx: ActorContext, state: EtcdMemberState, atMs: number): void {
  state.requestTimerAtMs = atMs
  ctx.setTimer(atMs - ctx.nowMs, { name: 'request-timeout' })
}

/**
 * The request-timeout timer: every request pending for ReqTimeout is answered with etcd's
 * timeout error, in arrival order; the timer is armed again for the oldest one left.
 */
export function onRequestTimeout(ctx: ActorContext, state: EtcdMemberState): void {
  if (state.requestTimerAtMs !== ctx.nowMs) return
  state.requestTimerAtMs = undefined
  let next = Infinity
  for (const [id, pending] of Object.entries(state.pending)) {
    const deadlineMs = pending.startedMs + REQUEST_TIMEOUT_MS
    if (deadlineMs > ctx.nowMs) {
      next = Math.min(next, deadlineMs)
      continue
    }
    delete state.pending[id]
    // parseProposeCtxErr (etcd v3.5): a leader that cannot reach a quorum says "connection lost".
    const error = state.raft.role === 'leader' ? ERR_TIMEOUT_CONNECTION_LOST : ERR_TIMEOUT
    reply(ctx, pending, { ok: false, error }, 0)
  }
  if (next !== Infinity) armRequestTimer(ctx, state, next)
}
