/* eslint-disable @typescript-eslint/prefer-for-of -- Raft entries, their ops and MVCC events are frozen (freezeShared), and V8's for-of over a frozen array allocates an iterator result per step (~9x slower than over a plain one); hot loops here index instead. */
import type { ActorContext } from '../runtime/actor'
import type { EtcdOp, EtcdResult } from '../runtime/messages'
import type { FlowStep, ObjectRef } from '../network/types'
import type { EtcdWatch } from './member-state'
import { compact, range, txn, type MvccEvent, type MvccState, type RequestOp } from './mvcc'
import { rangeAt } from './range-at'

/**
 * Executes one KV operation against a member's applied store. Reads run here once they are
 * allowed to (serializable at once, linearizable after ReadIndex); writes run here when their
 * Raft entry is applied, on every member, in log order (entry-payload.ts applyPayload).
 * `shared`: the events another member made applying the same entry (mvcc.ts txn).
 */
export function executeKv(
  mvcc: MvccState,
  op: EtcdOp,
  shared?: readonly MvccEvent[],
): { result: EtcdResult; events: MvccEvent[] } {
  switch (op.op) {
    case 'range': {
      const read =
        op.revision === undefined
          ? range(mvcc, op.key, op.rangeEnd)
          : rangeAt(mvcc, op.key, op.rangeEnd, op.revision)
      if (!Array.isArray(read)) return { result: { ok: false, error: read.error }, events: [] }
      const limited = op.limit !== undefined && op.limit > 0 && read.length > op.limit
      const kvs = limited ? read.slice(0, op.limit) : read
      return {
        result: {
          ok: true,
          // A read at a past revision answers with the store's current revision in its header.
          revision: mvcc.revision,
          kvs: op.countOnly ? [] : kvs,
          count: read.length,
          ...(limited ? { more: true } : {}),
        },
        events: [],
      }
    }
    case 'txn': {
      const outcome = txn(mvcc, op.compares, op.success, op.failure, shared)
      return {
        result: {
          ok: true,
          revision: outcome.revision,
          succeeded: outcome.succeeded,
          gets: outcome.gets,
        },
        events: outcome.events,
      }
    }
    case 'compact': {
      const error = compact(mvcc, op.revision)
      if (error !== undefined) return { result: { ok: false, error }, events: [] }
      return { result: { ok: true, revision: mvcc.revision, kvs: [], count: 0 }, events: [] }
    }
    case 'watch':
      throw new Error('watch is not a KV operation')
  }
}

/** A txn whose branches only read: etcd serves it like a range (isTxnReadonly, v3_server.go). */
export function isReadOnly(op: EtcdOp): boolean {
  if (op.op === 'range') return true
  if (op.op !== 'txn') return false
  return onlyGets(op.success) && onlyGets(op.failure)
}

function onlyGets(ops: readonly RequestOp[]): boolean {
  // Indexed: a Raft entry's op arrays are frozen, and for-of makes an iterator result per step.
  for (let i = 0; i < ops.length; i++) if (ops[i]?.op !== 'get') return false
  return true
}

function inWatch(watch: EtcdWatch, key: string): boolean {
  return key >= watch.key && key < watch.rangeEnd
}

/** Sends each watch on this member the events under its range. */
export function notifyWatchers(
  ctx: ActorContext,
  watches: Record<number, EtcdWatch>,
  events: readonly MvccEvent[],
  tag: { step?: FlowStep | undefined; about?: ObjectRef | undefined },
  delayMs: number,
): void {
  if (events.length === 0) return
  // for-in visits integer keys in ascending order, as Object.entries does, without an array of
  // pairs per applied entry; `relevant` is made only for a watch that gets something.
  for (const id in watches) {
    const watch = watches[id] as EtcdWatch
    let relevant: MvccEvent[] | undefined
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as MvccEvent
      if (inWatch(watch, e.kv.key)) (relevant ??= []).push(e)
    }
    if (relevant === undefined) continue
    const first = relevant[0] as MvccEvent
    ctx.send(
      watch.client,
      { type: 'etcd-watch-events', watchId: Number(id), events: relevant },
      {
        label: `watch ${first.type} ${first.kv.key}`,
        step: tag.step,
        about: tag.about,
        extraDelayMs: delayMs,
      },
    )
  }
}

/** The label an etcd response carries on the map. */
export function responseLabel(op: EtcdOp, result: EtcdResult): string {
  if (!result.ok) return `error: ${result.error}`
  switch (op.op) {
    case 'txn':
      return `TxnResponse rev ${result.revision}`
    case 'range':
      return 'RangeResponse'
    case 'watch':
      return 'WatchCreated'
    case 'compact':
      return 'CompactResponse'
  }
}
