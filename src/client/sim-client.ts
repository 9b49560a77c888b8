import {
  PROTOCOL_VERSION,
  toWorker,
  type FromWorker,
  type ToWorkerBody,
} from '../protocol/messages'
import type { Frame } from '../protocol/messages'
import type { Catalog, LessonCommand, LessonStatus, SessionResume } from '../protocol/lesson'
import type { RecordedAction, SimAction, SimulationOptions } from '../sim/index'

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
  onConnection(state: 'ready' | 'crashed' | 'restarting'): void
  /** The lesson catalog arrived (after `requestCatalog`). */
  onCatalog?(catalog: Catalog): void
}

export interface LoadOptions {
  options: SimulationOptions
  bootMs: number
}

/**
 * The main thread's handle on the simulation: spawns the host, sends commands, hands frames to
 * the store once per animation frame, and on a crash respawns the host and replays the action
 * log to where it was, so nothing is lost.
 */
export class SimClient {
  private endpoint: HostEndpoint | undefined
  private buffered: Frame[] = []
  private rafPending = false
  private actions: RecordedAction[] = []
  private lastTimeMs = 0
  private load: LoadOptions | undefined
  /** The open lesson and its latest status, to reopen it where it was after a crash. */
  private lesson: { lessonId: string; step: number; status?: LessonStatus } | undefined
  /** Playback settings the page chose, re-sent to a restarted host. */
  private settings: { speed?: number; followMessages?: boolean; playing?: boolean } = {}
  private readonly spawn: () => HostEndpoint
  private readonly callbacks: SimClientCallbacks
  private readonly schedule: (callback: () => void) => void

  constructor(
    spawn: () => HostEndpoint,
    callbacks: SimClientCallbacks,
    schedule: (callback: () => void) => void,
  ) {
    this.spawn = spawn
    this.callbacks = callbacks
    this.schedule = schedule
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
    this.actions = []
    this.send({ type: 'load', ...load })
  }

  requestCatalog(): void {
    this.send({ type: 'catalog' })
  }

  /** Opens a lesson at a step, or resumes a saved session exactly where it was. */
  openLesson(lessonId: string, step: number, resume?: SessionResume): void {
    this.lesson = { lessonId, step }
    this.actions = []
    this.send({ type: 'lessonOpen', lessonId, step, ...(resume ? { resume } : {}) })
  }

  lessonCommand(command: LessonCommand): void {
    if (command.type === 'close') this.lesson = undefined
    this.send({ type: 'lesson', command })
  }

  dispatch(action: SimAction): void {
    this.send({ type: 'dispatch', action })
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

  /** For tests and the failure panel: kill the host as a crash would. */
  simulateCrash(): void {
    this.onCrash('the simulation worker was terminated')
  }

  private send(body: ToWorkerBody): void {
    this.endpoint?.postMessage(toWorker(body))
  }

  private connect(): void {
    const endpoint = this.spawn()
    endpoint.onmessage = (event: MessageEvent) => {
      this.receive(event.data as FromWorker)
    }
    endpoint.onerror = (event) => {
      this.onCrash(event.message || 'the simulation worker failed')
    }
    endpoint.onmessageerror = () => {
      this.onCrash('a message from the simulation worker could not be read')
    }
    this.endpoint = endpoint
  }

  private receive(message: FromWorker): void {
    if (message.protocolVersion !== PROTOCOL_VERSION) {
      this.callbacks.onError(
        `protocol version mismatch: page speaks ${PROTOCOL_VERSION}, worker sent ${String(message.protocolVersion)}; reload the page`,
        true,
      )
      return
    }
    if (message.type === 'error') {
      this.callbacks.onError(message.message, message.fatal)
      return
    }
    if (message.type === 'catalog') {
      this.callbacks.onCatalog?.(message.catalog)
      return
    }
    const frame = message.frame
    if (frame.actions) this.actions = frame.actions
    if (frame.lesson && this.lesson) this.lesson.status = frame.lesson
    this.lastTimeMs = frame.simTimeMs
    this.buffered.push(frame)
    if (this.rafPending) return
    this.rafPending = true
    this.schedule(() => {
      this.rafPending = false
      const frames = this.buffered
      this.buffered = []
      this.callbacks.onFrames(frames)
      this.callbacks.onConnection('ready')
    })
  }

  /** After a crash: the lesson's session, rebuilt from its seed and recorded actions. */
  private reopenLesson(lesson: { lessonId: string; step: number; status?: LessonStatus }): void {
    const status = lesson.status
    const resume: SessionResume | undefined = status && {
      stepIndex: status.stepIndex,
      starts: status.starts,
      actions: this.actions,
      simTimeMs: this.lastTimeMs,
      reached: status.goals.flatMap((g) => (g.met ? [{ id: g.id, atMs: g.atMs ?? 0 }] : [])),
      outcome: status.outcome,
    }
    this.send({
      type: 'lessonOpen',
      lessonId: lesson.lessonId,
      step: lesson.step,
      ...(resume ? { resume } : {}),
    })
  }

  private onCrash(reason: string): void {
    this.callbacks.onError(
      `${reason}; restarting it and replaying your ${this.actions.length} action(s)`,
      false,
    )
    this.callbacks.onConnection('restarting')
    this.endpoint?.terminate()
    if (!this.load) return
    this.connect()
    if (this.lesson) this.reopenLesson(this.lesson)
    else this.send({ type: 'load', ...this.load, replay: this.actions, seekMs: this.lastTimeMs })
    const { speed, followMessages, playing } = this.settings
    if (speed !== undefined) this.send({ type: 'setSpeed', speed })
    if (followMessages !== undefined) this.send({ type: 'setFollowMessages', on: followMessages })
    if (playing !== false) this.send({ type: 'play' })
  }
}
