import {
  createEventQueue,
  peekEventAtMs,
  popEvent,
  pushEvent,
  type EventQueueState,
  type Queued,
} from '../core/event-queue'
import { maybeRetryAfter } from './retry-after'
import type { RngState } from '../core/rng'
import type { SimEvent, SimEventPayload } from '../events'
import { canReach, isHostDown, type NetworkState } from '../network/network'
import type { Envelope, SendOptions } from '../network/types'
import type { ActorBase, ActorContext, Behaviour, TimerBody } from './actor'
import { transportFailures } from './api-client'
import { refuseConnection, resetClientConnections } from './connections'
import { sendMessage } from './send'
import type { HttpRequest, MessageBody } from './messages'

export { resetClientConnections, sendMessage }
import { crashText, recordCrash, restarterOf, type CrashRecord } from './supervisor'

/** A queued message, timer or restart; `atMs` and `seq` are set when it is queued (event-queue.ts). */
export type QueueItem = Queued &
  (
    | { type: 'deliver'; envelope: Envelope<MessageBody>; lost?: true }
    | { type: 'timer'; actor: string; incarnation: number; timer: TimerBody }
    /** A crashed process comes back (the kubelet's or systemd's restart), unless started since. */
    | { type: 'restart'; actor: string; incarnation: number }
  )

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
  /**
   * Queue items processed so far by kind (a delivered message's body type, a Raft message's type,
   * a timer's name, 'restart'): what the kernel spends its events on, for the scale bench.
   */
  eventsByKind: Record<string, number>
  /** Crash-loop state per component that has crashed (runtime/supervisor.ts). */
  crashes: Record<string, CrashRecord>
}

/**
 * Where trace events go; the Simulation owns the trace, outside the checkpointed state.
 * Contract: `record` takes the event object over (the trace stores it as the entry), so callers
 * pass a fresh object and never keep or record it again.
 */
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
    eventsByKind: {},
    crashes: {},
  }
}

/**
 * The context a handler runs with. A class, not an object of closures: one small object per
 * handler run (every message and timer in the cluster), its methods shared on the prototype.
 */
class KernelContext implements ActorContext {
  readonly nowMs: number
  readonly self: string
  private readonly kernel: KernelState
  private readonly actor: KernelActor
  private readonly sink: TraceSink

  constructor(kernel: KernelState, actor: KernelActor, sink: TraceSink) {
    this.kernel = kernel
    this.actor = actor
    this.sink = sink
    this.nowMs = kernel.nowMs
    this.self = actor.id
  }

  send(to: string, body: MessageBody, options: SendOptions): void {
    sendMessage(this.kernel, this.sink, this.actor.id, to, body, options)
  }

  setTimer(delayMs: number, timer: TimerBody): void {
    const kernel = this.kernel
    pushEvent(kernel.queue, kernel.nowMs + Math.max(0, Math.round(delayMs)), {
      type: 'timer',
      actor: this.actor.id,
      incarnation: this.actor.incarnation,
      timer,
      // Set by pushEvent; written here so every queued timer has one shape from the start.
      atMs: 0,
      seq: 0,
    })
  }

  emit(event: SimEventPayload): void {
    this.sink.record(event, this.kernel.nowMs)
  }
}

function makeContext(kernel: KernelState, actor: KernelActor, sink: TraceSink): ActorContext {
  return new KernelContext(kernel, actor, sink)
}

function dropReasonOf(
  kernel: KernelState,
  target: KernelActor | undefined,
  envelope: Envelope<MessageBody>,
  lost: boolean,
): string | undefined {
  if (!target) return 'no such component'
  if (isHostDown(kernel.network, target.host)) return `${target.host} is powered off`
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
  const dropReason = dropReasonOf(kernel, target, envelope, lost)
  if (dropReason !== undefined || !target) {
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
    // Nothing listens on the port: the host answers a connection attempt with a reset (a machine
    // that is powered off answers nothing).
    if (
      target &&
      !target.running &&
      !isHostDown(kernel.network, target.host) &&
      envelope.body.type === 'http-request'
    )
      refuseConnection(kernel, sink, envelope as Envelope<HttpRequest>)
    return
  }
  const behaviour = behaviourOf(behaviours, target)
  // A reset connection fails every call the client had in flight on it.
  const failed =
    envelope.body.type === 'connection-reset'
      ? transportFailures(target, envelope.from, 'EOF')
      : undefined
  if (failed === undefined) return receive(kernel, behaviours, sink, target, behaviour, envelope)
  for (const body of failed) {
    if (!target.running) return
    receive(kernel, behaviours, sink, target, behaviour, { ...envelope, body })
  }
}

/**
 * runHandler for one message, written out: no closure per message delivered (every message in
 * the cluster comes through here).
 */
function receive(
  kernel: KernelState,
  behaviours: BehaviourTable,
  sink: TraceSink,
  target: KernelActor,
  behaviour: Behaviour<ActorBase>,
  envelope: Envelope<MessageBody>,
): void {
  const ctx = makeContext(kernel, target, sink)
  try {
    if (!maybeRetryAfter(ctx, target, envelope.body)) behaviour.onMessage(ctx, target, envelope)
  } catch (error) {
    crashActor(kernel, behaviours, sink, target, crashText(error))
  }
}

/**
 * Runs one handler of an actor. A handler that throws is a process that panicked: the actor
 * stops, the crash goes into the trace, and its restart is scheduled with the back-off its
 * supervisor would use (supervisor.ts); the rest of the cluster goes on. What it sent before
 * the throw is already on the wire.
 */
function runHandler(
  kernel: KernelState,
  behaviours: BehaviourTable,
  sink: TraceSink,
  actor: KernelActor,
  handler: (ctx: ActorContext) => void,
): void {
  try {
    handler(makeContext(kernel, actor, sink))
  } catch (error) {
    crashActor(kernel, behaviours, sink, actor, crashText(error))
  }
}

/** The process exits after a panic; the kubelet (or systemd) starts a new one after a back-off. */
export function crashActor(
  kernel: KernelState,
  behaviours: BehaviourTable,
  sink: TraceSink,
  actor: KernelActor,
  error: string,
): void {
  try {
    behaviours[actor.kind]?.onCrash?.(makeContext(kernel, actor, sink), actor, error)
  } catch {
    // Failing while reporting a crash changes nothing: the process is gone either way.
  }
  actor.running = false
  actor.incarnation++
  resetClientConnections(kernel, sink, actor.id)
  const { record, delayMs } = recordCrash(kernel.crashes[actor.id], actor.kind, kernel.nowMs)
  kernel.crashes[actor.id] = record
  const restarter = restarterOf(actor.kind)
  sink.record(
    {
      type: 'ComponentCrashed',
      actor: actor.id,
      error,
      restartInMs: delayMs,
      restarts: record.restarts,
      restarter,
    },
    kernel.nowMs,
  )
  pushEvent(kernel.queue, kernel.nowMs + delayMs, {
    type: 'restart',
    actor: actor.id,
    incarnation: actor.incarnation,
    atMs: 0,
    seq: 0,
  })
}

function behaviourOf(behaviours: BehaviourTable, actor: ActorBase): Behaviour<ActorBase> {
  const behaviour = behaviours[actor.kind]
  if (!behaviour) throw new Error(`no behaviour registered for ${actor.kind}`)
  return behaviour
}

function kindOf(item: QueueItem): string {
  if (item.type === 'restart') return 'restart'
  if (item.type === 'timer') return item.timer.name
  const body = item.envelope.body
  return body.type === 'raft' ? body.message.type : body.type
}

/** Time of the next queued item, or undefined when nothing is scheduled. */
export function nextEventAtMs(kernel: KernelState): number | undefined {
  return peekEventAtMs(kernel.queue)
}

/** Processes the next queued item; returns false when the queue is empty. */
export function processNext(
  kernel: KernelState,
  behaviours: BehaviourTable,
  sink: TraceSink,
): boolean {
  const item = popEvent(kernel.queue)
  if (!item) return false
  kernel.nowMs = Math.max(kernel.nowMs, item.atMs)
  kernel.processedEvents++
  const kind = kindOf(item)
  kernel.eventsByKind[kind] = (kernel.eventsByKind[kind] ?? 0) + 1
  if (item.type === 'deliver') {
    deliver(kernel, behaviours, sink, item.envelope, item.lost === true)
    return true
  }
  const actor = kernel.actors[item.actor]
  if (actor?.incarnation !== item.incarnation) return true
  if (item.type === 'restart') {
    if (actor.running) return true
    sink.record(
      {
        type: 'ComponentRestarted',
        actor: actor.id,
        restarts: kernel.crashes[actor.id]?.restarts ?? 1,
      },
      kernel.nowMs,
    )
    startActor(kernel, behaviours, sink, actor.id)
  } else if (actor.running) {
    // runHandler written out, as in receive: no closure per timer fired.
    const behaviour = behaviourOf(behaviours, actor)
    try {
      behaviour.onTimer(makeContext(kernel, actor, sink), actor, item.timer)
    } catch (error) {
      crashActor(kernel, behaviours, sink, actor, crashText(error))
    }
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
  const behaviour = behaviourOf(behaviours, actor)
  runHandler(kernel, behaviours, sink, actor, (ctx) => {
    behaviour.start(ctx, actor)
  })
}

/**
 * Runs an action on an actor from outside (a user command), with a context at the current time.
 * If it throws, the actor crashes like any handler (with `behaviours`, its onCrash runs too).
 */
export function withActorContext(
  kernel: KernelState,
  sink: TraceSink,
  id: string,
  fn: (ctx: ActorContext) => void,
  behaviours: BehaviourTable = {},
): void {
  const actor = kernel.actors[id]
  if (actor) runHandler(kernel, behaviours, sink, actor, fn)
}

export type { SimEvent }
