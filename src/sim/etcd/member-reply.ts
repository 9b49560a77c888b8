import type { ActorContext } from '../runtime/actor'
import type { EtcdResult } from '../runtime/messages'
import { responseLabel } from './kv-execute'
import type { PendingRequest } from './member-state'

type Requester = Pick<PendingRequest, 'client' | 'requestId' | 'op' | 'step' | 'about'>

/** Answers a client with the request's tags, so the response animates as part of its step. */
export function reply(
  ctx: ActorContext,
  pending: Requester,
  result: EtcdResult,
  delayMs: number,
): void {
  ctx.send(
    pending.client,
    { type: 'etcd-response', requestId: pending.requestId, result },
    {
      label: responseLabel(pending.op, result),
      step: pending.step,
      about: pending.about,
      extraDelayMs: Math.max(0, delayMs),
    },
  )
}
