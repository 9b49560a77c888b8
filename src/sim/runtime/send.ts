import { pushEvent } from '../core/event-queue'
import { isLost, scheduleDelivery } from '../network/network'
import type { Envelope, SendOptions } from '../network/types'
import type { KernelState, QueueItem, TraceSink } from './kernel'
import type { SimEvent } from '../events'
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
  // Every message in the cluster comes through here: each object is one literal of one shape,
  // optional fields present even when undefined (adding one later would allocate a property
  // store and change the shape), no spreads.
  const envelope: Envelope<MessageBody> = {
    id,
    from,
    to,
    sentAtMs: kernel.nowMs,
    deliverAtMs,
    label: options.label,
    step: options.step,
    about: options.about,
    body,
  }
  // The event is the trace entry itself (the sink takes it over), atMs and seq included.
  const sent: Extract<SimEvent, { type: 'MessageSent' }> = {
    type: 'MessageSent',
    id,
    from,
    to,
    label: options.label,
    step: options.step,
    about: options.about,
    deliverAtMs,
    detail: options.detail,
    atMs: kernel.nowMs,
    seq: 0,
  }
  sink.record(sent, kernel.nowMs)
  const item: Extract<QueueItem, { type: 'deliver' }> = {
    type: 'deliver',
    envelope,
    atMs: deliverAtMs,
    seq: 0,
  }
  if (isLost(kernel.network, kernel.netRng, from, to)) item.lost = true
  pushEvent(kernel.queue, deliverAtMs, item)
}
