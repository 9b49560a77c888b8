import type { FlowStep } from '../network/types'
import type { ActorContext } from '../runtime/actor'
import type { EtcdOp } from '../runtime/messages'
import type { ApiServerState, EtcdContinuation } from './state'

export interface EtcdCallOptions {
  label: string
  step?: FlowStep | undefined
  about?: { kind: string; namespace?: string; name: string } | undefined
}

/** Sends one etcd request to the current endpoint and remembers what to do with the answer. */
export function callEtcd(
  ctx: ActorContext,
  state: ApiServerState,
  op: EtcdOp,
  continuation: EtcdContinuation,
  options: EtcdCallOptions,
): void {
  const requestId = state.nextEtcdRequestId++
  state.pendingEtcd[requestId] = continuation
  const endpoint = state.etcdEndpoints[state.etcdIndex % state.etcdEndpoints.length] ?? 'etcd-1'
  ctx.send(endpoint, { type: 'etcd-request', requestId, op }, options)
}
