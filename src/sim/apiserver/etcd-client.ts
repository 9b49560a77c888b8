import type { FlowStep, ObjectRef } from '../network/types'
import type { ActorContext } from '../runtime/actor'
import { prefixRangeEnd } from '../etcd/mvcc'
import type { EtcdOp } from '../runtime/messages'
import type { ApiServerState, EtcdContinuation } from './state'

export interface EtcdCallOptions {
  label: string
  step?: FlowStep | undefined
  about?: ObjectRef | undefined
}

/** An etcd call on the wire: where it went and what it was, to retry or fail it on failover. */
export interface EtcdInFlight {
  endpoint: string
  op: EtcdOp
  options: EtcdCallOptions
}

/**
 * A Range over the keys under `keyPrefix` from `key` on, as the etcd3 store pages a list: at
 * most `limit` keys (0: all of them), at `revision` (0: etcd's current one).
 */
export function prefixRange(
  keyPrefix: string,
  key: string,
  limit: number,
  revision: number,
): EtcdOp {
  return {
    op: 'range',
    key,
    rangeEnd: prefixRangeEnd(keyPrefix),
    ...(limit > 0 ? { limit } : {}),
    ...(revision > 0 ? { revision } : {}),
  }
}

/** A watch of every key under `keyPrefix`, from `startRevision` on. */
export function prefixWatch(keyPrefix: string, startRevision: number): EtcdOp {
  return { op: 'watch', key: keyPrefix, rangeEnd: prefixRangeEnd(keyPrefix), startRevision }
}

/**
 * Sends one etcd request to the pinned endpoint and remembers what to do with the answer.
 * NB: clientv3 (v3.5) round-robins unary calls over healthy endpoints; we pin one healthy
 * endpoint, as older clients did, so that the map shows one API server ↔ etcd path at a time.
 */
export function callEtcd(
  ctx: ActorContext,
  state: ApiServerState,
  op: EtcdOp,
  continuation: EtcdContinuation,
  options: EtcdCallOptions,
): void {
  const requestId = state.nextEtcdRequestId++
  state.pendingEtcd[requestId] = continuation
  const endpoint = state.etcdPinned
  state.etcdInFlight[requestId] = { endpoint, op, options }
  ctx.send(endpoint, { type: 'etcd-request', requestId, op }, options)
}
