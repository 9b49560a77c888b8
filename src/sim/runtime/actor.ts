import type { RngState } from '../core/rng'
import type { Envelope, SendOptions } from '../network/types'
import type { SimEventPayload } from '../events'
import type { MessageBody } from './messages'

/** The components the simulation runs; each is an actor with plain-data state. */
export type ComponentKind =
  | 'kubectl'
  | 'kube-apiserver'
  | 'etcd'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'kubelet'
  | 'container-runtime'
  | 'kube-proxy'
  | 'load-balancer'

/** Fields every actor state has. */
export interface ActorBase {
  id: string
  kind: ComponentKind
  /** The machine it runs on: "control-plane-1", "node-1", "laptop". */
  host: string
  running: boolean
  rng: RngState
}

/** A timer payload: plain data naming what to do when it fires. */
export interface TimerBody {
  name: string
  data?: unknown
}

/**
 * What an actor may do while handling one message or timer. It never touches another actor's
 * state: it only sends messages, sets timers on itself and records trace events.
 * Contract: called synchronously by the kernel; nothing happens "later" except through send
 * and setTimer.
 */
export interface ActorContext {
  readonly nowMs: number
  readonly self: string
  send(to: string, body: MessageBody, options: SendOptions): void
  setTimer(delayMs: number, timer: TimerBody): void
  /** Records `event` in the trace, which takes the object over: pass a fresh one, keep none. */
  emit(event: SimEventPayload): void
}

/** One actor kind's behaviour: pure functions over its state. */
export interface Behaviour<S extends ActorBase> {
  start(ctx: ActorContext, state: S): void
  onMessage(ctx: ActorContext, state: S, envelope: Envelope<MessageBody>): void
  onTimer(ctx: ActorContext, state: S, timer: TimerBody): void
  /** The process panicked (a handler threw `error`): last words, before its memory is gone. */
  onCrash?(ctx: ActorContext, state: S, error: string): void
}
