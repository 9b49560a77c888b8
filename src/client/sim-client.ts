import {
  PROTOCOL_VERSION,
  toWorker,
  type FromWorker,
  type ToWorkerBody,
} from '../protocol/messages'
import type { Frame } from '../protocol/messages'
import type { Catalog, LessonCommand, LessonStatus, SessionResume } from '../protocol/lesson'
import type { FollowUp, RecordedAction, SimAction, SimulationOptions } from '../sim/index'
import type { ScaleLoad, ScaleViewRequest } from '../protocol/scale'
import { CrashRecovery, type DroppedAction } from './crash-recovery'
import { restartMessages } from './restart-messages'

/** The transport to a host: a real Worker, or the in-thread fallback. */
export interface HostEndpoint {
  postMessage(message: unknown): void
  terminate(): void
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  onmessageerror: ((event: MessageEvent) => void) | null
}

export interface SimClientCallbacks {
  /** Called once per animation frame with every frame received since the last one. */
  onFrames(frames: Frame[]): void
  onError(message: string, fatal: boolean): void
  onConnection(state: 'ready' | 'crashed' | 'restarting' | 'disconnected'): void
  /** The lesson catalog arrived (after `requestCatalog`). */
  onCatalog?(catalog: Catalog): void
  /** An action was left out of the replay because replaying it crashed the worker again. */
  onActionDropped?(dropped: DroppedAction): void
  /** A shared scenario did not replay; the host opened the fallback cluster instead. */
  onScenarioRefused?(reason: string): void
}

export interface LoadOptions {
  options: SimulationOptions
  bootMs: number
  /** A shared scenario: replay these actions, then go to `seekMs`. */
  replay?: RecordedAction[]
  seekMs?: number
  /** Opened instead when the scenario does not replay (see ToWorker `load`). */
  fallback?: SimulationOptions
  /** Acknowledge frames and report visibility (see ToWorker `load`). */
  flowControl?: boolean
  /** Scale mode: aggregates, and Deployments adding up to this many Pods. */
  scale?: ScaleLoad
}

/** What the presenter's window follows: see ToWorker `mirror`. */
export type MirrorState = Omit<Extract<ToWorkerBody, { type: 'mirror' }>, 'type'>

export type { DroppedAction }

/**
 * The main thread's handle on the simulation: spawns the host, sends commands, hands frames to
 * the store once per animation frame, and on a crash respawns the host and replays the action
 * log to where it was, so nothing is lost; an action whose replay crashes it twice is dropped
 * (crash-recovery.ts), so recovery never loops.
 */
export class SimClient {
  private endpoint: HostEndpoint | undefined
  private buffered: Frame[] = []
  private rafPending = false
  private actions: RecordedAction[] = []
  private summaries: string[] = []
  /** Dispatched but not yet in a frame's action log: resent after a restart. */
  private unconfirmed: SimAction[] = []
  private lastTimeMs = 0
  private load: LoadOptions | undefined
  /** The open lesson and its latest status, to reopen it where it was after a crash. */
  private lesson: { lessonId: string; step: number; status?: LessonStatus } | undefined
  /** Playback settings the page chose, re-sent to a restarted host. */
  private settings: {
    speed?: number
    followMessages?: boolean
    playing?: boolean
    inspectKey?: string
  } = {}
  private readonly injected: string[] = []
  /** Flow control: whether the page is shown, and what scale mode shows (re-sent on restart). */
  private visible = true
  private scaleView: ScaleViewRequest | undefined
  private readonly recovery = new CrashRecovery()
  private readonly spawn: () => HostEndpoint
  private readonly callbacks: SimClientCallbacks
  private readonly schedule: (callback: () => void) => void
  private readonly remote: boolean
  /** A remote host's connection ended: nothing more comes, and the page says so. */
  private detached = false

  /**
   * `remote`: the host is not the page's own (a served simulation over a WebSocket): a lost
   * connection is reported, never restarted and replayed, since the page does not own that run.
   */
  constructor(
    spawn: () => HostEndpoint,
    callbacks: SimClientCallbacks,
    schedule: (callback: () => void) => void,
    options: { remote?: boolean } = {},
  ) {
    this.spawn = spawn
    this.callbacks = callbacks
    this.schedule = schedule
    this.remote = options.remote === true
  }

  start(load: LoadOptions): void {
    this.load = load
    this.connect()
    this.send({ type: 'load', ...load })
  }

  /** Free play again: a new simulation with the given options (closes any lesson). */
  reload(load: LoadOptions): void {
    this.load = load
    this.lesson = undefined
    this.forgetActions()
    this.send({ type: 'load', ...load })
  }

  requestCatalog(): void {
    this.send({ type: 'catalog' })
  }

  /** Opens a lesson at a step, or resumes a saved session exactly where it was. */
  openLesson(lessonId: string, step: number, resume?: SessionResume): void {
    this.lesson = { lessonId, step }
    this.forgetActions()
    this.send({ type: 'lessonOpen', lessonId, step, ...(resume ? { resume } : {}) })
  }

  /** A new timeline: the old one's actions are not replayed after a crash. */
  private forgetActions(): void {
    this.actions = []
    this.summaries = []
    this.unconfirmed = []
  }

  lessonCommand(command: LessonCommand): void {
    if (command.type === 'close') this.lesson = undefined
    this.send({ type: 'lesson', command })
  }

  /** Applies an action now; `followUp` actions apply by themselves later (a timed fault's heal). */
  dispatch(action: SimAction, followUp?: FollowUp): void {
    this.unconfirmed.push(action)
    this.send({ type: 'dispatch', action, ...(followUp ? { followUp } : {}) })
  }

  /** Follows another window's run exactly (the presenter's view). */
  mirror(state: MirrorState): void {
    this.send({ type: 'mirror', ...state })
  }

  play(): void {
    this.settings.playing = true
    this.send({ type: 'play' })
  }

  pause(): void {
    this.settings.playing = false
    this.send({ type: 'pause' })
  }

  step(): void {
    this.send({ type: 'step' })
  }

  /** To the followed flow's next message (Raft's own too, when `withRaft`). */
  nextHop(withRaft: boolean): void {
    this.send({ type: 'nextHop', withRaft })
  }

  setSpeed(speed: number): void {
    this.settings.speed = speed
    this.send({ type: 'setSpeed', speed })
  }

  seek(timeMs: number): void {
    this.send({ type: 'seek', timeMs })
  }

  setFollowMessages(on: boolean): void {
    this.settings.followMessages = on
    this.send({ type: 'setFollowMessages', on })
  }

  /** Frames carry this node's Service rules when they change (null: none). */
  watchRules(node: string | null): void {
    this.rulesNode = node
    this.send({ type: 'watchRules', node })
  }

  /** Which etcd key the inspector shows; kept across a crash. */
  inspectEtcdKey(key: string): void {
    this.settings.inspectKey = key
    this.send({ type: 'inspectEtcdKey', key })
  }

  /** The page was hidden or shown (flow control: nothing is sent to a hidden page). */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return
    this.visible = visible
    if (this.load?.flowControl === true) this.send({ type: 'visibility', visible })
  }

  /** Scale mode: which Pods the page shows (the table's window, one node's). */
  setScaleView(view: ScaleViewRequest): void {
    this.scaleView = view
    this.send({ type: 'scaleView', ...view })
  }

  /** For tests and the failure panel: kill the host as a crash would (always restarted). */
  simulateCrash(): void {
    this.onCrash('the simulation worker was terminated', true)
  }

  /**
   * Fault injection for the recovery test: every worker from now on dies when it applies an
   * action whose JSON contains `actionMatching`.
   */
  injectWorkerCrash(actionMatching: string): void {
    this.injected.push(actionMatching)
    this.send({ type: 'injectWorkerCrash', actionMatching })
  }

  private rulesNode: string | null = null

  private send(body: ToWorkerBody): void {
    this.endpoint?.postMessage(toWorker(body))
  }

  private connect(): void {
    const endpoint = this.spawn()
    endpoint.onmessage = (event: MessageEvent) => {
      this.receive(event.data as FromWorker)
    }
    endpoint.onerror = (event) => {
      event.preventDefault()
      this.onCrash(event.message || 'the simulation worker failed')
    }
    endpoint.onmessageerror = () => {
      const peer = this.remote ? 'served simulation' : 'simulation worker'
      this.onCrash(`a message from the ${peer} could not be read`)
    }
    this.endpoint = endpoint
    for (const actionMatching of this.injected)
      this.send({ type: 'injectWorkerCrash', actionMatching })
  }

  private receive(message: FromWorker): void {
    if (message.protocolVersion !== PROTOCOL_VERSION) {
      if (this.remote) {
        this.detach(
          `The served simulation speaks protocol version ${String(message.protocolVersion)}, this page ${String(PROTOCOL_VERSION)}: run the app and npm run serve from the same version of this project, then open the link again.`,
        )
        return
      }
      this.callbacks.onError(
        `protocol version mismatch: page speaks ${PROTOCOL_VERSION}, worker sent ${String(message.protocolVersion)}; reload the page`,
        true,
      )
      return
    }
    switch (message.type) {
      case 'error':
        this.callbacks.onError(message.message, message.fatal)
        return
      case 'replaying':
        this.recovery.replaying(message.index, message.summary)
        return
      case 'replayed':
        this.recovery.replayed()
        return
      case 'catalog':
        this.callbacks.onCatalog?.(message.catalog)
        return
      case 'scenarioRefused': {
        const { options, bootMs } = this.load ?? { options: {}, bootMs: 0 }
        const flowControl = this.load?.flowControl === true
        this.load = { options: this.load?.fallback ?? options, bootMs, flowControl }
        this.callbacks.onScenarioRefused?.(message.reason)
        return
      }
      case 'frame':
        this.onFrame(message.frame)
    }
  }

  private onFrame(frame: Frame): void {
    if (frame.actions) {
      const confirmed = frame.actions
      this.actions = confirmed
      this.summaries = frame.actionSummaries ?? this.summaries
      const inLog = new Set(confirmed.map((r) => JSON.stringify(r.action)))
      this.unconfirmed = this.unconfirmed.filter((a) => !inLog.has(JSON.stringify(a)))
    }
    if (frame.lesson && this.lesson) this.lesson.status = frame.lesson
    this.lastTimeMs = frame.simTimeMs
    this.recovery.progressed()
    this.buffered.push(frame)
    if (this.rafPending) return
    this.rafPending = true
    this.schedule(() => {
      this.rafPending = false
      const frames = this.buffered
      this.buffered = []
      this.callbacks.onFrames(frames)
      // Applied: the host may send the next frame (at most one per animation frame).
      const last = frames[frames.length - 1]
      if (last && this.load?.flowControl === true) this.send({ type: 'ack', seq: last.seq })
      if (!this.detached) this.callbacks.onConnection('ready')
    })
  }

  /** A remote host is gone (or speaks another protocol): say why, and stop talking to it. */
  private detach(reason: string): void {
    this.detached = true
    if (this.endpoint) {
      this.endpoint.onmessage = null
      this.endpoint.onerror = null
      this.endpoint.terminate()
    }
    this.endpoint = undefined
    this.callbacks.onError(reason, true)
    this.callbacks.onConnection('disconnected')
  }

  private onCrash(reason: string, deliberate = false): void {
    if (this.remote) {
      this.detach(reason)
      return
    }
    if (this.endpoint) {
      this.endpoint.onmessage = null
      this.endpoint.onerror = null
      this.endpoint.terminate()
    }
    this.endpoint = undefined
    // What was sent but not yet logged is replayed too, at the time it was sent (about).
    this.actions = [
      ...this.actions,
      ...this.unconfirmed.map((action) => ({ atMs: this.lastTimeMs, action })),
    ]
    this.unconfirmed = []
    const decision = this.recovery.onCrash(reason, this.actions, this.summaries, deliberate)
    if (decision.kind === 'give-up') {
      this.callbacks.onError(decision.message, true)
      this.callbacks.onConnection('crashed')
      return
    }
    if (decision.kind === 'drop') {
      this.actions = this.actions.filter((_, i) => i !== decision.dropped.index)
      this.summaries = this.summaries.filter((_, i) => i !== decision.dropped.index)
      // The page shows its own notice for a dropped action; without that callback, the message.
      if (this.callbacks.onActionDropped) this.callbacks.onActionDropped(decision.dropped)
      else this.callbacks.onError(decision.message, false)
    } else this.callbacks.onError(decision.message, false)
    this.callbacks.onConnection('restarting')
    this.restart()
  }

  private restart(): void {
    if (!this.load) return
    this.connect()
    this.recovery.loading()
    const messages = restartMessages({
      load: this.load,
      lesson: this.lesson,
      actions: this.actions,
      lastTimeMs: this.lastTimeMs,
      settings: this.settings,
      rulesNode: this.rulesNode,
      visible: this.visible,
      scaleView: this.scaleView,
    })
    for (const message of messages) this.send(message)
  }
}
