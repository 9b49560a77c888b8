import { pushEvent } from '../core/event-queue'
import { isLost, scheduleDelivery } from '../network/network'
import type { Envelope, SendOptions } from '../network/types'
import type { KernelState, QueueItem, TraceSink } from './kernel'
import type { SimEventPayload } from '../events'
import type { MessageBody } from './messages'

/** Puts a message on the simulated network: traced now, delivered (or lost) when it arrives. */
export function sendMessage(
  kernel: KernelState,
  sink: TraceSink,
  from: string,
  to: string,
  body: MessageBody,
  options: SendOptions,
): void {
  const id = kernel.nextMessageId++
  const departMs = kernel.nowMs + (options.extraDelayMs ?? 0)
  const deliverAtMs = scheduleDelivery(kernel.network, kernel.netRng, from, to, departMs)
  const envelope: Envelope<MessageBody> = {
    id,
    from,
    to,
    sentAtMs: kernel.nowMs,
    deliverAtMs,
    label: options.label,
    body,
  }
  // One object per optional field set, no spreads: every message in the cluster comes through here.
  const sent: Extract<SimEventPayload, { type: 'MessageSent' }> = {
    type: 'MessageSent',
    id,
    from,
    to,
    label: options.label,
    deliverAtMs,
  }
  if (options.step !== undefined) envelope.step = sent.step = options.step
  if (options.about !== undefined) envelope.about = sent.about = options.about
  if (options.detail !== undefined) sent.detail = options.detail
  sink.record(sent, kernel.nowMs)
  const item: Extract<QueueItem, { type: 'deliver' }> = { type: 'deliver', envelope }
  if (isLost(kernel.network, kernel.netRng, from, to)) item.lost = true
  pushEvent(kernel.queue, deliverAtMs, item)
}
