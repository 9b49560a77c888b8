import {
  followStep,
  parsePresenterMessage,
  PRESENTER_VERSION,
  type FollowState,
  type FollowStep,
  type PresenterMessage,
  type PresenterOptions,
  type PresenterView,
} from '../protocol/presenter'
import type { RecordedAction } from '../sim/index'

/** The part of a BroadcastChannel used here (a test can pass a pair of fakes). */
export interface ChannelLike {
  postMessage(message: unknown): void
  onmessage: ((event: MessageEvent) => void) | null
  close(): void
}

/** What the instructor's window shows, read on every store change. */
export interface InstructorState {
  options: PresenterOptions
  actions: readonly RecordedAction[]
  timeMs: number
  playing: boolean
  speed: number
  followMessages: boolean
  view: PresenterView
}

type Body<K extends PresenterMessage['kind']> = Omit<
  Extract<PresenterMessage, { kind: K }>,
  'v' | 'session' | 'kind'
>

/**
 * The instructor's side: answers a presenter's `hello` with a snapshot, then sends a `tick`
 * whenever what it shows changed, with the action log and view only when they changed.
 */
export class PresenterBroadcaster {
  private lastActions: readonly RecordedAction[] | undefined
  private lastView = ''
  private lastTick = ''
  private readonly channel: ChannelLike
  private readonly session: string
  private readonly read: () => InstructorState

  constructor(channel: ChannelLike, session: string, read: () => InstructorState) {
    this.channel = channel
    this.session = session
    this.read = read
    channel.onmessage = (event) => {
      const message = parsePresenterMessage(event.data)
      if (message?.kind === 'hello' && message.session === session) this.snapshot()
    }
  }

  /** Sends everything: on a presenter's hello, and when the instructor's window (re)starts. */
  snapshot(): void {
    const s = this.read()
    this.lastActions = s.actions
    this.lastView = JSON.stringify(s.view)
    this.post('snapshot', { ...s, actions: [...s.actions] })
  }

  /** Call on every store change: sends a tick only when something the presenter shows moved. */
  update(): void {
    const s = this.read()
    const view = JSON.stringify(s.view)
    const actionsChanged = s.actions !== this.lastActions
    const viewChanged = view !== this.lastView
    const tick = JSON.stringify([s.timeMs, s.playing, s.speed, s.followMessages])
    if (!actionsChanged && !viewChanged && tick === this.lastTick) return
    this.lastActions = s.actions
    this.lastView = view
    this.lastTick = tick
    this.post('tick', {
      timeMs: s.timeMs,
      playing: s.playing,
      speed: s.speed,
      followMessages: s.followMessages,
      ...(actionsChanged ? { actions: [...s.actions] } : {}),
      ...(viewChanged ? { view: s.view } : {}),
    })
  }

  close(): void {
    this.post('closed', {})
    this.channel.close()
  }

  private post<K extends PresenterMessage['kind']>(kind: K, body: Body<K>): void {
    this.channel.postMessage({ ...body, kind, v: PRESENTER_VERSION, session: this.session })
  }
}

/** The presenter's side: asks for a snapshot, then turns every message into a FollowStep. */
export class PresenterFollower {
  private state: FollowState
  private readonly channel: ChannelLike

  constructor(channel: ChannelLike, session: string, apply: (step: FollowStep) => void) {
    this.channel = channel
    this.state = { session }
    channel.onmessage = (event) => {
      const message = parsePresenterMessage(event.data)
      if (!message) return
      const next = followStep(this.state, message)
      this.state = next.state
      if (next.step) apply(next.step)
    }
  }

  /** Asks the instructor's window for everything (again, e.g. after it reloaded). */
  hello(): void {
    this.channel.postMessage({ kind: 'hello', v: PRESENTER_VERSION, session: this.state.session })
  }

  get following(): boolean {
    return this.state.options !== undefined
  }

  close(): void {
    this.channel.close()
  }
}
