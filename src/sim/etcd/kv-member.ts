import type { ActorBase, ActorContext, Behaviour } from '../runtime/actor'
import type { EtcdRequest, EtcdResult } from '../runtime/messages'
import type { Envelope } from '../network/types'
import {
  compact,
  createMvcc,
  eventsSince,
  range,
  txn,
  ERR_COMPACTED,
  type MvccEvent,
  type MvccState,
} from './mvcc'

/**
 * A single etcd member serving the KV and Watch APIs over its MVCC store. A write is answered
 * only after its WAL entry is fsynced, so disk latency is on every write's path, which is why
 * the course says etcd wants fast SSDs. The Raft-replicated cluster keeps this request protocol.
 */
export interface EtcdWatch {
  client: string
  key: string
  rangeEnd: string
  /** Step label of the request that created the watch's latest notification. */
}

export interface EtcdMemberState extends ActorBase {
  kind: 'etcd'
  mvcc: MvccState
  watches: Record<number, EtcdWatch>
  nextWatchId: number
  /** WAL fsync latency; etcd's guidance is p99 under 10 ms on SSDs. */
  fsyncMs: number
}

// A healthy NVMe/SSD WAL fsync takes a couple of milliseconds.
const DEFAULT_FSYNC_MS = 2

export function createEtcdMemberState(
  id: string,
  host: string,
  rng: ActorBase['rng'],
): EtcdMemberState {
  return {
    id,
    kind: 'etcd',
    host,
    running: false,
    rng,
    mvcc: createMvcc(),
    watches: {},
    nextWatchId: 1,
    fsyncMs: DEFAULT_FSYNC_MS,
  }
}

function inWatch(watch: EtcdWatch, key: string): boolean {
  return key >= watch.key && key < watch.rangeEnd
}

function notifyWatchers(
  ctx: ActorContext,
  state: EtcdMemberState,
  events: MvccEvent[],
  envelope: Envelope,
  delayMs: number,
): void {
  for (const [id, watch] of Object.entries(state.watches)) {
    const relevant = events.filter((e) => inWatch(watch, e.kv.key))
    if (relevant.length === 0) continue
    const first = relevant[0] as MvccEvent
    ctx.send(
      watch.client,
      { type: 'etcd-watch-events', watchId: Number(id), events: relevant },
      {
        label: `watch ${first.type} ${first.kv.key}`,
        step: envelope.step,
        about: envelope.about,
        extraDelayMs: delayMs,
      },
    )
  }
}

function execute(
  ctx: ActorContext,
  state: EtcdMemberState,
  envelope: Envelope,
  request: EtcdRequest,
): { result: EtcdResult; delayMs: number } {
  const op = request.op
  switch (op.op) {
    case 'range': {
      const kvs = range(state.mvcc, op.key, op.rangeEnd)
      return {
        result: {
          ok: true,
          revision: state.mvcc.revision,
          kvs: op.countOnly ? [] : kvs,
          count: kvs.length,
        },
        delayMs: 0,
      }
    }
    case 'txn': {
      const outcome = txn(state.mvcc, op.compares, op.success, op.failure)
      const wrote = outcome.events.length > 0
      if (wrote) notifyWatchers(ctx, state, outcome.events, envelope, state.fsyncMs)
      return {
        result: {
          ok: true,
          revision: outcome.revision,
          succeeded: outcome.succeeded,
          gets: outcome.gets,
        },
        delayMs: wrote ? state.fsyncMs : 0,
      }
    }
    case 'watch': {
      const watchId = state.nextWatchId++
      const watch: EtcdWatch = { client: envelope.from, key: op.key, rangeEnd: op.rangeEnd }
      state.watches[watchId] = watch
      const missed = eventsSince(state.mvcc, op.startRevision - 1, op.key)
      if (missed === ERR_COMPACTED)
        return { result: { ok: false, error: ERR_COMPACTED }, delayMs: 0 }
      if (missed.length > 0) notifyWatchers(ctx, state, missed, envelope, 0)
      return { result: { ok: true, revision: state.mvcc.revision, watchId }, delayMs: 0 }
    }
    case 'compact':
      compact(state.mvcc, op.revision)
      return { result: { ok: true, revision: state.mvcc.revision, kvs: [], count: 0 }, delayMs: 0 }
  }
}

export const etcdMember: Behaviour<EtcdMemberState> = {
  start(_ctx, state) {
    // Watches are connections: a restarted member has none until clients re-watch.
    state.watches = {}
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type !== 'etcd-request') return
    const { result, delayMs } = execute(ctx, state, envelope, body)
    const label =
      body.op.op === 'txn'
        ? `TxnResponse rev ${state.mvcc.revision}`
        : body.op.op === 'range'
          ? 'RangeResponse'
          : body.op.op === 'watch'
            ? 'WatchCreated'
            : 'CompactResponse'
    ctx.send(
      envelope.from,
      { type: 'etcd-response', requestId: body.requestId, result },
      { label, step: envelope.step, about: envelope.about, extraDelayMs: delayMs },
    )
  },
  onTimer() {
    // The single member has no timers; Raft members tick.
  },
}
