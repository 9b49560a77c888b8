import type { FollowUp, SimAction, Simulation } from '../sim/index'
import { loadSimulation } from './load-simulation'
import { InFlight } from './followed-messages'
import {
  fromWorker,
  PROTOCOL_VERSION,
  type ForkNotice,
  type ToWorker,
  type ToWorkerBody,
} from '../protocol/messages'
import { emptyFrame } from './frame-builder'
import { nextHop } from './flow/next-hop'
import { LessonDriver, type DriverEffect } from './lesson-driver'
import { dispatchNotingFork } from './fork-notice'
import { crashIfInjected, describeAction, WorkerCrash } from './worker-crash'
import { FrameGate } from './frame-gate'
import { RecordStream } from './record-stream'
import { ScaleStream } from './scale-stream'
import { HostTiming } from './host-timing'
import { FrameStreams } from './frame-streams'

import type { HostClock, HostPort } from './host-io'

export type { HostClock, HostPort } from './host-io'

// One frame per ~16 ms: the main thread never gets more than one update per animation frame.
const FRAME_INTERVAL_MS = 16
// A tab that slept must not jump the simulation: at most this much wall time per tick.
const MAX_TICK_WALL_MS = 100
// With flow control (scale mode), a tick stops advancing after this much wall time and the
// simulation falls behind the clock instead: a frame at least every few animation frames, where
// one 6.4 virtual s step at 64x could take the worker tens of seconds at 5,000 nodes.
const TICK_WORK_WALL_MS = 30
// …checked between advances of at most this much virtual time.
const TICK_SLICE_MS = 10
const MIN_SPEED = 0.05
const MAX_SPEED = 64

/**
 * SimHost owns one Simulation: it applies commands, plays virtual time against the wall clock,
 * and sends compact frames (deltas of records plus the trace slice to animate).
 */
export class SimHost {
  /** Undefined before `load`. Public for a server that serves it (src/server). */
  sim: Simulation | undefined
  private playing = false
  private speed = 1
  private followMessages = true
  private simTime = 0
  private lastWall = 0
  private timer: unknown
  private seq = 0
  private readonly inFlight = new InFlight()
  /** Scheduler, auth, request flow, etcd, load meters, workloads: each frame's parts. */
  private readonly streams = new FrameStreams()
  private readonly lessons = new LessonDriver()
  /** Action summaries that crash this worker (fault injection for the recovery test). */
  private readonly crashOn: string[] = []
  private readonly port: HostPort
  private readonly clock: HostClock
  private readonly gate = new FrameGate()
  /** Object records per frame; scale mode's aggregates (a load with `scale`). */
  private readonly records = new RecordStream()
  /** Wall time by phase: the simulation's advance against the frames' parts (bench:browser). */
  readonly timing: HostTiming

  constructor(port: HostPort, clock: HostClock) {
    this.port = port
    this.clock = clock
    this.timing = new HostTiming(() => clock.nowMs())
  }

  /** Sends everything again (a new viewer attached to a served simulation). */
  resync(): void {
    if (this.sim) this.resetCursors(this.sim)
    this.flush()
  }

  /**
   * Handles one message from the main thread. An error while playing is reported and the worker
   * goes on; an error while loading (booting or replaying, a lesson's resume too) leaves no simulation to go on with, so
   * it is thrown: the worker dies and the client restarts it (client/sim-client.ts).
   */
  receive(message: ToWorker): void {
    if (message.protocolVersion !== PROTOCOL_VERSION) {
      const mismatch = `protocol version mismatch: worker speaks ${PROTOCOL_VERSION}, page sent ${String(message.protocolVersion)}; reload the page`
      this.port.postMessage(fromWorker({ type: 'error', message: mismatch, fatal: true }))
      return
    }
    try {
      this.handle(message)
    } catch (error) {
      // Loading, or resuming a lesson, leaves no simulation to go on with.
      const replaying = message.type === 'load' || (message.type === 'lessonOpen' && message.resume)
      if (error instanceof WorkerCrash || replaying) throw error
      const text = error instanceof Error ? error.message : String(error)
      this.port.postMessage(fromWorker({ type: 'error', message: text, fatal: false }))
    }
  }

  private handle(body: ToWorkerBody): void {
    if (body.type === 'load') {
      if (this.lessons.active) this.lessons.command({ type: 'close' })
      return this.load(body)
    }
    if (body.type === 'injectWorkerCrash') {
      this.crashOn.push(body.actionMatching)
      return
    }
    if (body.type === 'catalog') {
      this.port.postMessage(fromWorker({ type: 'catalog', catalog: this.lessons.catalog() }))
      return
    }
    if (body.type === 'lessonOpen') return this.openLesson(body)
    if (body.type === 'ack' || body.type === 'visibility') return this.flowControl(body)
    const sim = this.sim
    if (!sim) throw new Error('no simulation loaded')
    switch (body.type) {
      case 'dispatch':
        crashIfInjected(this.crashOn, body.action)
        this.dispatch(sim, body.action, body.followUp)
        break
      case 'mirror':
        this.mirror(sim, body)
        break
      case 'lesson': {
        const effect = this.lessons.command(body.command)
        if (effect) this.applyLesson(effect)
        break
      }
      case 'play':
        this.lessons.resumed()
        this.playing = true
        this.lastWall = this.clock.nowMs()
        this.schedule()
        break
      case 'pause':
        this.playing = false
        break
      case 'step':
        this.playing = false
        sim.step()
        this.lessons.observe(sim)
        this.simTime = sim.nowMs
        break
      case 'nextHop':
        this.playing = false
        nextHop(sim, this.streams.flow, body.withRaft)
        this.lessons.observe(sim)
        this.simTime = sim.nowMs
        break
      case 'setSpeed':
        this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, body.speed))
        break
      case 'seek':
        this.seek(sim, body.timeMs)
        break
      case 'setFollowMessages':
        this.followMessages = body.on
        break
      case 'watchRules':
        this.streams.rules.watch(body.node)
        break
      case 'inspectEtcdKey':
        this.streams.auth.inspect(body.key)
        break
      case 'scaleView':
        this.records.scale?.setView({
          podWindow: body.podWindow,
          node: body.node,
          decision: body.decision,
        })
        this.streams.scheduler.show(body.decision)
        break
    }
    this.flush()
  }

  private dispatch(sim: Simulation, action: SimAction, followUp?: FollowUp): void {
    const fork = dispatchNotingFork(sim, action, followUp)
    if (!fork) return
    // The log may keep its length (one action dropped, one added): resend it whole.
    this.streams.resendActions()
    this.fork = fork
  }

  /** The page applied a frame, or was hidden or shown: maybe send the frame held back. */
  private flowControl(body: Extract<ToWorkerBody, { type: 'ack' | 'visibility' }>): void {
    const owed = body.type === 'ack' ? this.gate.ack() : this.gate.visibility(body.visible)
    if (owed) this.flush()
  }

  private load(body: Extract<ToWorkerBody, { type: 'load' }>): void {
    this.gate.enable(body.flowControl === true)
    this.records.scale = body.scale ? new ScaleStream(body.scale) : undefined
    this.streams.scheduler.setSummarise(body.scale !== undefined)
    // Thousands of messages a second cannot be followed one by one: scale mode runs at speed.
    if (body.scale) this.followMessages = false
    // Progress first, so that if an action takes the worker down the client knows which.
    const { sim, refused } = loadSimulation(body, (index, entry) => {
      this.replaying(index, entry.action)
    })
    if (refused !== undefined)
      this.port.postMessage(fromWorker({ type: 'scenarioRefused', reason: refused }))
    this.sim = sim
    this.simTime = sim.nowMs
    this.resetCursors(sim)
    this.flush()
    if (body.replay) this.port.postMessage(fromWorker({ type: 'replayed' }))
  }

  /** The presenter's window: the instructor's log, time and play state, not its own clock. */
  private mirror(sim: Simulation, body: Extract<ToWorkerBody, { type: 'mirror' }>): void {
    if (body.actions) sim.adoptActions(body.actions)
    this.playing = body.playing
    this.speed = body.speed
    this.followMessages = body.followMessages
    this.seek(sim, Math.floor(body.timeMs))
  }

  /** Progress of a replay: reported first, so if an action takes the worker down, it is named. */
  private replaying(index: number, action: SimAction): void {
    this.port.postMessage(fromWorker({ type: 'replaying', index, summary: describeAction(action) }))
    crashIfInjected(this.crashOn, action)
  }

  /**
   * Opens a lesson. Resuming one (after a reload, or after a crash) replays its recorded actions,
   * reporting each first as a load's replay does, so crash recovery knows which one to blame.
   */
  private openLesson(body: Extract<ToWorkerBody, { type: 'lessonOpen' }>): void {
    // A lesson's cluster is small (12 nodes at most): records again, not aggregates.
    this.records.scale = undefined
    this.streams.scheduler.setSummarise(false)
    const onReplay = (index: number, action: SimAction) => {
      this.replaying(index, action)
    }
    this.applyLesson(this.lessons.open(body.lessonId, body.step, body.resume, onReplay))
    this.flush()
    if (body.resume) this.port.postMessage(fromWorker({ type: 'replayed' }))
  }

  /** A lesson opened, reset or moved to another step: follow its simulation and timeline. */
  private applyLesson(effect: DriverEffect): void {
    const changed = effect.sim !== this.sim
    this.sim = effect.sim
    if (effect.pause) this.playing = false
    this.simTime = effect.sim.nowMs
    if (changed || effect.reset) this.resetCursors(effect.sim)
  }

  private seek(sim: Simulation, timeMs: number): void {
    const target = Math.max(0, timeMs)
    const back = target < sim.nowMs
    sim.seekTo(target)
    this.lessons.afterSeek(sim)
    this.simTime = sim.nowMs
    if (back) this.resetCursors(sim)
  }

  private resetCursors(sim: Simulation): void {
    this.records.requestReset()
    this.streams.restartTrace(sim.traceEnd)
    this.inFlight.reset(sim.traceEnd)
    this.streams.resendActions()
    this.streams.flow.reset()
  }

  /** The next tick: in a frame interval, or at once when the simulation is behind the clock. */
  private schedule(behind = false): void {
    if (this.timer !== undefined) return
    this.timer = this.clock.setTimer(
      () => {
        this.timer = undefined
        this.tick()
      },
      behind ? 0 : FRAME_INTERVAL_MS,
    )
  }

  /** Advances virtual time for the wall time that passed, then sends one frame. */
  tick(): void {
    const sim = this.sim
    if (!sim || !this.playing) return
    const wall = this.clock.nowMs()
    let budget = Math.min(MAX_TICK_WALL_MS, Math.max(0, wall - this.lastWall))
    this.lastWall = wall
    const timing = this.timing
    timing.start()
    this.inFlight.collect(sim.trace, this.simTime, sim.traceStart)
    timing.lap('in-flight')
    // Whether the tick stopped on its work budget: the simulation is behind the wall clock, and
    // the next tick comes at once rather than after a frame interval of doing nothing.
    let behind = false
    for (let guard = 0; budget > 0 && guard < 1000; guard++) {
      const rate = this.inFlight.rate(this.simTime, this.speed, this.followMessages)
      const next = sim.nextEventAtMs
      const reach = this.simTime + budget * rate
      const sliced = this.gate.isEnabled ? Math.min(reach, this.simTime + TICK_SLICE_MS) : reach
      const stopAt =
        next !== undefined && next > this.simTime && next < sliced && this.followMessages
          ? next
          : sliced
      budget -= (stopAt - this.simTime) / rate
      this.simTime = stopAt
      if (this.lessons.advanceTo(sim, Math.floor(this.simTime))) {
        // The lesson paused here (a step's goals were just reached): stop exactly now.
        this.playing = false
        this.simTime = sim.nowMs
        break
      }
      timing.lap('advance')
      this.inFlight.collect(sim.trace, this.simTime, sim.traceStart)
      timing.lap('in-flight')
      if (this.gate.isEnabled && this.clock.nowMs() - wall >= TICK_WORK_WALL_MS) {
        behind = budget > 0
        break
      }
    }
    // Scale mode: the next Deployment, when one is due.
    const scale = this.records.scale
    const workload = scale?.driver.next(sim, scale.index.totals().pods)
    if (workload) this.dispatch(sim, workload)
    timing.lap('driver')
    this.flush()
    this.schedule(behind)
  }

  private fork: ForkNotice | undefined

  private flush(): void {
    const sim = this.sim
    if (!sim || !this.gate.maySend(this.clock.nowMs())) return
    const timing = this.timing
    timing.start()
    const frame = emptyFrame(sim, {
      seq: ++this.seq,
      simTimeMs: Math.max(sim.nowMs, this.simTime),
      playing: this.playing,
      speed: this.speed,
      followMessages: this.followMessages,
      effectiveRate: this.inFlight.rate(this.simTime, this.speed, this.followMessages),
    })
    if (this.records.add(sim, frame)) this.inFlight.reset(sim.traceEnd)
    timing.lap('frame: records')
    const trace = this.streams.takeTrace(sim, frame)
    if (this.fork) frame.fork = this.fork
    this.fork = undefined
    const lesson = this.lessons.status()
    if (lesson !== undefined) frame.lesson = lesson
    timing.lap('frame: trace slice, actions')
    const wallMs = this.clock.nowMs()
    this.streams.add(sim, frame, this.records, { ...trace, wallMs }, timing)
    this.records.fit(frame)
    timing.lap('frame: scale + fit budget')
    this.port.postMessage(fromWorker({ type: 'frame', frame }))
    timing.lap('frame: postMessage (clone)')
    this.gate.sent(wallMs)
  }
}
