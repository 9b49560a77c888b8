import {
  PROTOCOL_VERSION,
  toWorker,
  type FromWorker,
  type ToWorkerBody,
} from '../protocol/messages'
import type { Frame } from '../protocol/messages'
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
  /** Playback settings the page chose, re-sent to a restarted host. */
  private settings: {
    speed?: number
    followMessages?: boolean
    playing?: boolean
    inspectKey?: string
  } = {}
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

  /** Which etcd key the inspector shows; kept across a crash. */
  inspectEtcdKey(key: string): void {
    this.settings.inspectKey = key
    this.send({ type: 'inspectEtcdKey', key })
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
    const frame = message.frame
    if (frame.actions) this.actions = frame.actions
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

  private onCrash(reason: string): void {
    this.callbacks.onError(
      `${reason}; restarting it and replaying your ${this.actions.length} action(s)`,
      false,
    )
    this.callbacks.onConnection('restarting')
    this.endpoint?.terminate()
    if (!this.load) return
    this.connect()
    this.send({ type: 'load', ...this.load, replay: this.actions, seekMs: this.lastTimeMs })
    const { speed, followMessages, playing } = this.settings
    if (speed !== undefined) this.send({ type: 'setSpeed', speed })
    if (followMessages !== undefined) this.send({ type: 'setFollowMessages', on: followMessages })
    if (this.settings.inspectKey !== undefined)
      this.send({ type: 'inspectEtcdKey', key: this.settings.inspectKey })
    if (playing !== false) this.send({ type: 'play' })
  }
}
