import type { SimEvent, Simulation } from '../sim/index'
import type { Frame } from '../protocol/messages'
import { AuthStream, INSPECTED_PREFIXES } from './auth-stream'
import { EtcdStream } from './etcd-stream'
import { FlowTracker } from './flow/flow-tracker'
import { addTraceSlice, type TraceSlice } from './frame-builder'
import { describeAction } from './worker-crash'
import type { HostTiming } from './host-timing'
import { LoadStream } from './load-stream'
import type { RecordStream } from './record-stream'
import { RulesStream } from './rules-stream'
import { SchedulerStream } from './scheduler-stream'

/** What a frame's streams read besides the simulation: this frame's slice of the trace. */
export interface FrameSlice {
  newEvents: readonly SimEvent[]
  slice: TraceSlice
  /** An action was applied since the last frame. */
  acted: boolean
  wallMs: number
}

/**
 * The parts of a frame that a stream decides, each sending what changed since the last frame
 * (everything on a reset): scheduler, auth, request flow, etcd, load meters, workloads. Each
 * part's wall time goes to `timing` (bench:browser's split).
 */
export class FrameStreams {
  readonly scheduler = new SchedulerStream()
  readonly auth = new AuthStream()
  readonly flow = new FlowTracker()
  readonly rules = new RulesStream()
  private readonly load = new LoadStream()
  private readonly etcd = new EtcdStream()
  /** Sequence number of the next trace entry to slice (a bounded trace drops its oldest). */
  private traceCursor = 0
  private sentActions = -1

  restartTrace(traceEnd: number): void {
    this.traceCursor = traceEnd
  }

  /** The whole action log goes with the next frame (a fork may keep its length). */
  resendActions(): void {
    this.sentActions = -1
  }

  /** The trace since the last frame, into the frame (addTraceSlice); the action log if it grew. */
  takeTrace(sim: Simulation, frame: Frame): Omit<FrameSlice, 'wallMs'> {
    const newEvents = sim.trace.slice(Math.max(0, this.traceCursor - sim.traceStart))
    const slice = addTraceSlice(frame, sim, newEvents)
    this.traceCursor = sim.traceEnd
    if (sim.actions.length !== this.sentActions) {
      frame.actions = [...sim.actions]
      frame.actionSummaries = sim.actions.map((r) => describeAction(r.action))
      this.sentActions = sim.actions.length
    }
    return { newEvents, slice, acted: newEvents.some((e) => e.type === 'ActionApplied') }
  }

  add(
    sim: Simulation,
    frame: Frame,
    records: RecordStream,
    { newEvents, slice, acted, wallMs }: FrameSlice,
    timing: HostTiming,
  ): void {
    const reset = frame.reset !== undefined
    const scheduler = this.scheduler.next(sim, reset, wallMs)
    if (scheduler) frame.scheduler = scheduler
    timing.lap('frame: scheduler')
    const inspected = records.changed(INSPECTED_PREFIXES, this.auth.key)
    const auth = this.auth.next(sim, reset, newEvents, inspected, wallMs)
    if (auth) frame.auth = auth
    timing.lap('frame: auth')
    const flow = this.flow.update(sim.trace, sim.actions, sim.traceStart)
    if (reset) frame.flow = this.flow.record() ?? null
    else if (flow !== undefined) frame.flow = flow
    timing.lap('frame: flow')
    this.etcd.add(sim, frame, wallMs, acted)
    timing.lap('frame: etcd')
    this.load.add(sim, frame, reset)
    this.rules.addWorkloads(sim, frame, slice)
    timing.lap('frame: load, rules')
  }
}
