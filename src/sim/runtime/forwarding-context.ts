import type { ActorContext, TimerBody } from './actor'
import type { MessageBody } from './messages'
import type { SendOptions } from '../network/types'
import type { SimEventPayload } from '../events'

/**
 * An ActorContext that passes everything to `inner`: a filter in a handler chain subclasses it
 * and overrides what it watches (the API server's timeout filter and flow control watch `send`).
 * A class, not an object of closures: one is made per message a filtered handler takes.
 */
export class ForwardingContext implements ActorContext {
  protected readonly inner: ActorContext

  constructor(inner: ActorContext) {
    this.inner = inner
  }

  get nowMs(): number {
    return this.inner.nowMs
  }

  get self(): string {
    return this.inner.self
  }

  send(to: string, body: MessageBody, options: SendOptions): void {
    this.inner.send(to, body, options)
  }

  setTimer(delayMs: number, timer: TimerBody): void {
    this.inner.setTimer(delayMs, timer)
  }

  emit(event: SimEventPayload): void {
    this.inner.emit(event)
  }
}
