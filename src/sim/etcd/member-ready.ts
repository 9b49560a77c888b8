import type { ActorContext } from '../runtime/actor'
import { notifyWatchers } from './kv-execute'
import { applyPayload, pendingId, type EntryPayload } from './entry-payload'
import { reply } from './member-reply'
import { ELECTION_MS, TICK_MS, taggedPayload, type EtcdMemberState } from './member-state'
import { restoreMvcc, snapshotMvcc, type MvccState } from './mvcc'
import { advance, hasReady, takeReady } from './raft/ready'
import { applyConfChange, createSnapshot, shouldSnapshot } from './raft/rawnode'
import { persistReady, persistSnapshot } from './raft/storage'
import type { ConfChange, Entry, Message, Ready } from './raft/types'
import { raftDetail, raftLabel } from './raft-labels'
import { serveReadyReads } from './member-reads'
import { compactSnapshotStore } from './snapshot-compaction'

// After sending a MsgSnap, the peer transport reports whether it got through this much later
// (etcd's snapshot sender reports on completion; ReportSnapshot, rafthttp/snapshot_sender.go).
export const SNAPSHOT_REPORT_MS = 1_000
// A sent snapshot stays "in flight" this much longer, "to block log compaction" while the
// follower catches up: releaseDelayAfterSnapshot, server/etcdserver/server.go (etcd v3.5).
export const RELEASE_DELAY_AFTER_SNAPSHOT_MS = 30_000

/**
 * Runs the Ready loop until Raft is quiet, in etcd's order: persist (the WAL fsync), send,
 * apply, advance. While an fsync is under way the loop is blocked, as etcd's raftNode is: Raft
 * keeps stepping messages and proposals, and the next Ready takes all of them at once, in one
 * fsync (this batching is what gives etcd its write throughput). A slow disk therefore delays
 * everything behind it, so a leader on a slow disk sends its heartbeats late, the failure etcd
 * warns about ("leader failed to send out heartbeat on time").
 */
export function drainReady(ctx: ActorContext, state: EtcdMemberState): void {
  while (!state.removed && hasReady(state.raft)) {
    if (ctx.nowMs < state.diskFreeAtMs || state.readyTimerAtMs === ctx.nowMs)
      return waitForDisk(ctx, state)
    const rd = takeReady(state.raft)
    for (const event of rd.events) ctx.emit({ type: 'Narrated', actor: state.id, text: event.text })
    const synced = rd.mustSync ? ctx.nowMs + state.fsyncMs : ctx.nowMs
    state.diskFreeAtMs = synced
    persistReady(state.disk, rd)
    // etcd's leader writes its WAL in parallel with sending (raft thesis §10.2.1); a follower
    // must not acknowledge before its fsync returns.
    const sendAt = state.raft.role === 'leader' ? ctx.nowMs : synced
    if (hasHeartbeat(rd.messages)) warnLateHeartbeat(ctx, state)
    state.readyWaitingSinceMs = undefined
    for (const m of rd.messages) sendRaft(ctx, state, m, sendAt - ctx.nowMs)
    const removed = applyReady(ctx, state, rd, synced - ctx.nowMs)
    advance(state.raft, rd)
    if (removed) return
    serveReadyReads(ctx, state, rd.readStates, synced - ctx.nowMs)
    if (shouldSnapshot(state.raft)) takeSnapshot(ctx, state)
  }
}

/**
 * EtcdServer.snapshot (server/etcdserver/server.go, etcd v3.5): save the snapshot, then compact
 * the Raft log, except while a snapshot is in flight to a follower ("skip compaction since there
 * is an inflight snapshot"): the follower needs the entries right after it to catch up. This is
 * the Raft log's compaction only; the MVCC compaction the API server asks for is never paused.
 */
function takeSnapshot(ctx: ActorContext, state: EtcdMemberState): void {
  const inflight = ctx.nowMs < (state.snapshotsInFlightUntilMs ?? -Infinity)
  if (inflight)
    ctx.emit({
      type: 'Narrated',
      actor: state.id,
      text: `${state.id}: skip compaction since there is an inflight snapshot`,
    })
  persistSnapshot(state.disk, createSnapshot(state.raft, snapshotMvcc(state.mvcc), !inflight))
}

function hasHeartbeat(messages: readonly Message[]): boolean {
  for (const m of messages) if (m.type === 'MsgHeartbeat') return true
  return false
}

/**
 * The disk is busy: take the next Ready when the fsync returns (one timer at a time). Until that
 * timer has fired, work arriving in the very millisecond the fsync returns waits for it too, so
 * the timer always finds the Ready it was set for (no timer fires into nothing).
 */
function waitForDisk(ctx: ActorContext, state: EtcdMemberState): void {
  state.readyWaitingSinceMs ??= ctx.nowMs
  if (state.readyTimerAtMs !== undefined && state.readyTimerAtMs >= state.diskFreeAtMs) return
  // Whole milliseconds, rounded up, so the timer never fires before the disk is free.
  const delayMs = Math.ceil(state.diskFreeAtMs - ctx.nowMs)
  state.readyTimerAtMs = ctx.nowMs + delayMs
  ctx.setTimer(delayMs, { name: 'ready' })
}

/**
 * etcd's warning when the raft loop was blocked past two heartbeat intervals (etcdserver
 * raft.go, v3.5): the classic sign of a slow disk under the leader. Once per election timeout.
 */
function warnLateHeartbeat(ctx: ActorContext, state: EtcdMemberState): void {
  const lateBy = ctx.nowMs - (state.readyWaitingSinceMs ?? ctx.nowMs)
  if (lateBy <= 2 * TICK_MS || ctx.nowMs - (state.lastSlowWarningMs ?? -Infinity) < ELECTION_MS)
    return
  state.lastSlowWarningMs = ctx.nowMs
  ctx.emit({
    type: 'Narrated',
    actor: state.id,
    text: `leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk (${lateBy} ms late)`,
  })
}

/** The etcd process exits: its clients' connections are reset by the host. */
export function exitProcess(ctx: ActorContext, state: EtcdMemberState): void {
  state.running = false
  const clients = new Set([
    ...Object.values(state.watches).map((w) => w.client),
    ...Object.values(state.pending).map((p) => p.client),
  ])
  for (const client of clients)
    ctx.send(client, { type: 'connection-reset' }, { label: 'TCP RST (etcd exited)' })
}

function sendRaft(ctx: ActorContext, state: EtcdMemberState, m: Message, delayMs: number): void {
  const payload = taggedPayload(m.entries)
  const tag =
    payload ?? (m.type === 'MsgAppResp' && !m.reject ? state.replyTag : undefined) ?? undefined
  if (m.type === 'MsgAppResp') state.replyTag = undefined
  ctx.send(
    m.to,
    { type: 'raft', message: m },
    {
      label: raftLabel(m),
      step: tag?.step,
      about: tag?.about,
      extraDelayMs: Math.max(0, delayMs),
      detail: raftDetail(m),
    },
  )
  if (m.type !== 'MsgSnap') return
  ctx.setTimer(SNAPSHOT_REPORT_MS, { name: 'snap-report', data: m.to })
  // sendMergedSnap: inflightSnapshots stays raised until the send completes plus the delay.
  state.snapshotsInFlightUntilMs = Math.max(
    state.snapshotsInFlightUntilMs ?? -Infinity,
    ctx.nowMs + SNAPSHOT_REPORT_MS + RELEASE_DELAY_AFTER_SNAPSHOT_MS,
  )
}

/** Applies the Ready's snapshot and entries; true when the member applied its own removal. */
function applyReady(
  ctx: ActorContext,
  state: EtcdMemberState,
  rd: Ready,
  delayMs: number,
): boolean {
  if (rd.snapshot !== undefined) {
    state.mvcc = restoreMvcc(rd.snapshot.data as MvccState)
    ctx.emit({
      type: 'Narrated',
      actor: state.id,
      text: `${state.id} restored the store from a snapshot at index ${rd.snapshot.metadata.index}`,
    })
  }
  for (const entry of rd.committedEntries) applyEntry(ctx, state, entry, delayMs)
  return state.removed
}

function applyEntry(
  ctx: ActorContext,
  state: EtcdMemberState,
  entry: Entry,
  delayMs: number,
): void {
  if (entry.type === 'ConfChange') {
    const cc = entry.data as ConfChange
    applyConfChange(state.raft, cc)
    ctx.emit({
      type: 'Narrated',
      actor: state.id,
      text: `${state.id} applied conf change ${cc.type} ${cc.nodeId} at index ${entry.index}`,
    })
    if (cc.type === 'RemoveNode' && cc.nodeId === state.id) {
      // etcdserver stops a member that applied its own removal ("the member has been
      // permanently removed from the cluster"), server/etcdserver/server.go (etcd v3.5).
      state.removed = true
      exitProcess(ctx, state)
    }
    return
  }
  if (entry.type !== 'Normal') return
  const payload = entry.data as EntryPayload
  const { result, events } = applyPayload(state.mvcc, payload)
  if (payload.op?.op === 'compact' && result.ok) compactSnapshotStore(state, payload.op.revision)
  notifyWatchers(ctx, state.watches, events, payload, delayMs)
  // Only the proposer has the request waiting (its ids start with its own name).
  if (payload.proposer !== state.id) return
  const id = pendingId(payload.proposer, payload.seq)
  const pending = state.pending[id]
  if (pending === undefined) return
  delete state.pending[id]
  reply(ctx, pending, result, delayMs)
}
