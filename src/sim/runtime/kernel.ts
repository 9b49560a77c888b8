import {
  createEventQueue,
  peekEvent,
  popEvent,
  pushEvent,
  type EventQueueState,
} from '../core/event-queue'
import type { RngState } from '../core/rng'
import type { SimEvent, SimEventPayload } from '../events'
import { canReach, isLost, scheduleDelivery, type NetworkState } from '../network/network'
import type { Envelope, SendOptions } from '../network/types'
import type { ActorBase, ActorContext, Behaviour, TimerBody } from './actor'
import type { MessageBody } from './messages'

export type QueueItem =
  | { type: 'deliver'; envelope: Envelope<MessageBody>; lost?: true }
  | { type: 'timer'; actor: string; incarnation: number; timer: TimerBody }

/** Actor state plus the incarnation that makes timers of a stopped actor fire into nothing. */
export type KernelActor = ActorBase & { incarnation: number }

/**
 * Everything that determines the future of a run, as plain data: structuredClone of this is a
 * checkpoint. Invariant: nowMs never decreases; every queued item is due at or after nowMs.
 */
export interface KernelState<A extends KernelActor = KernelActor> {
  nowMs: number
  queue: EventQueueState<QueueItem>
  network: NetworkState
  netRng: RngState
  actors: Record<string, A>
  nextMessageId: number
  /** Queue items processed so far (messages delivered and timers fired): the bench's event count. */
  processedEvents: number
}

/** Where trace events go; the Simulation owns the trace, outside the checkpointed state. */
export interface TraceSink {
  record(event: SimEventPayload, atMs: number): void
}

export type BehaviourTable = Record<string, Behaviour<ActorBase>>

export function createKernelState<A extends KernelActor>(
  network: NetworkState,
  netRng: RngState,
): KernelState<A> {
  return {
    nowMs: 0,
    queue: createEventQueue(),
    network,
    netRng,
    actors: {},
    nextMessageId: 1,
    processedEvents: 0,
  }
}

function makeContext(kernel: KernelState, actor: KernelActor, sink: TraceSink): ActorContext {
  return {
    nowMs: kernel.nowMs,
    self: actor.id,
    send: (to: string, body: MessageBody, options: SendOptions) => {
      sendMessage(kernel, sink, actor.id, to, body, options)
    },
    setTimer: (delayMs: number, timer: TimerBody) => {
      pushEvent(kernel.queue, kernel.nowMs + Math.max(0, Math.round(delayMs)), {
        type: 'timer',
        actor: actor.id,
        incarnation: actor.incarnation,
        timer,
      })
    },
    emit: (event: SimEventPayload) => {
      sink.record(event, kernel.nowMs)
    },
  }
}

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

function dropReasonOf(
  kernel: KernelState,
  envelope: Envelope<MessageBody>,
  lost: boolean,
): string | undefined {
  const target = kernel.actors[envelope.to]
  if (!target) return 'no such component'
  if (!target.running) return `${envelope.to} is not running`
  if (!canReach(kernel.network, envelope.from, envelope.to)) return 'network partition'
  if (kernel.network.droppedMessages[envelope.id]) return 'dropped by you'
  if (lost) return 'packet loss'
  return undefined
}

function deliver(
  kernel: KernelState,
  behaviours: BehaviourTable,
  sink: TraceSink,
  envelope: Envelope<MessageBody>,
  lost: boolean,
): void {
  const target = kernel.actors[envelope.to]
  const dropReason = dropReasonOf(kernel, envelope, lost)
  if (dropReason !== undefined || !target) {
    // A request to a process that is not running: its host refuses the connection (RST).
    if (
      target &&
      !target.running &&
      envelope.body.type === 'http-request' &&
      canReach(kernel.network, envelope.from, envelope.to)
    )
      sendMessage(
        kernel,
        sink,
        envelope.to,
        envelope.from,
        { type: 'connection-reset', requestId: envelope.body.requestId },
        { label: 'TCP RST (connection refused)' },
      )
    sink.record(
      {
        type: 'MessageDropped',
        id: envelope.id,
        from: envelope.from,
        to: envelope.to,
        reason: dropReason ?? '',
      },
      kernel.nowMs,
    )
    return
  }
  behaviourOf(behaviours, target).onMessage(makeContext(kernel, target, sink), target, envelope)
}

function behaviourOf(behaviours: BehaviourTable, actor: ActorBase): Behaviour<ActorBase> {
  const behaviour = behaviours[actor.kind]
  if (!behaviour) throw new Error(`no behaviour registered for ${actor.kind}`)
  return behaviour
}

/** Time of the next queued item, or undefined when nothing is scheduled. */
export function nextEventAtMs(kernel: KernelState): number | undefined {
  return peekEvent(kernel.queue)?.atMs
}

/** Processes the next queued item; returns false when the queue is empty. */
export function processNext(
  kernel: KernelState,
  behaviours: BehaviourTable,
  sink: TraceSink,
): boolean {
  const entry = popEvent(kernel.queue)
  if (!entry) return false
  kernel.nowMs = Math.max(kernel.nowMs, entry.atMs)
  kernel.processedEvents++
  const item = entry.item
  if (item.type === 'deliver') {
    deliver(kernel, behaviours, sink, item.envelope, item.lost === true)
    return true
  }
  const actor = kernel.actors[item.actor]
  if (actor?.running && actor.incarnation === item.incarnation) {
    behaviourOf(behaviours, actor).onTimer(makeContext(kernel, actor, sink), actor, item.timer)
  }
  return true
}

/** Starts (or restarts) an actor: a new incarnation, so timers of the old one are ignored. */
export function startActor(
  kernel: KernelState,
  behaviours: BehaviourTable,
  sink: TraceSink,
  id: string,
): void {
  const actor = kernel.actors[id]
  if (!actor) return
  actor.running = true
  actor.incarnation++
  behaviourOf(behaviours, actor).start(makeContext(kernel, actor, sink), actor)
}

/** Runs an action on an actor from outside (a user command), with a context at the current time. */
export function withActorContext(
  kernel: KernelState,
  sink: TraceSink,
  id: string,
  fn: (ctx: ActorContext) => void,
): void {
  const actor = kernel.actors[id]
  if (actor) fn(makeContext(kernel, actor, sink))
}

export type { SimEvent }
