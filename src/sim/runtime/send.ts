import { pushEvent } from '../core/event-queue'
import { isLost, scheduleDelivery } from '../network/network'
import type { Envelope, SendOptions } from '../network/types'
import type { KernelState, TraceSink } from './kernel'
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
  if (options.step !== undefined) envelope.step = options.step
  if (options.about !== undefined) envelope.about = options.about
  sink.record(
    {
      type: 'MessageSent',
      id,
      from,
      to,
      label: options.label,
      deliverAtMs,
      ...(options.step !== undefined ? { step: options.step } : {}),
      ...(options.about !== undefined ? { about: options.about } : {}),
      ...(options.detail !== undefined ? { detail: options.detail } : {}),
    },
    kernel.nowMs,
  )
  const lost = isLost(kernel.network, kernel.netRng, from, to)
  pushEvent(kernel.queue, deliverAtMs, { type: 'deliver', envelope, ...(lost ? { lost } : {}) })
}
