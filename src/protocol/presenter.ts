import * as v from 'valibot'
import type { RecordedAction } from '../sim/index'
import { actionLogSchema, asRecordedActions } from './scenario/action-schema'

/**
 * The presenter's window follows the instructor's over a BroadcastChannel (same origin, same
 * browser). It runs its own simulation from the same seed and action log, at the instructor's
 * time, so what the projector shows is exactly what the instructor's window shows:
 *
 *   presenter → `hello` (send me everything)      instructor → `snapshot` (options, log, time, view)
 *   instructor → `tick` on every frame: time and play state; the log and view when they changed
 *   instructor → `closed` when its window goes away
 *
 * A session id (in the presenter's URL) pairs the two windows, so two instructors' tabs in one
 * browser do not cross. Every message is validated; anything else is ignored.
 */
export const PRESENTER_CHANNEL = 'kube-viz-presenter'
export const PRESENTER_VERSION = 1

const viewSchema = v.object({
  panel: v.pipe(v.string(), v.maxLength(32)),
  theme: v.picklist(['light', 'dark']),
  largeType: v.boolean(),
  /** Show the instructor's cursor-level detail (the kubectl prompt, the editor) on the projector. */
  showDetail: v.boolean(),
})
export type PresenterView = v.InferOutput<typeof viewSchema>

const playState = {
  timeMs: v.pipe(v.number(), v.finite(), v.minValue(0)),
  playing: v.boolean(),
  speed: v.pipe(v.number(), v.minValue(0.05), v.maxValue(64)),
  followMessages: v.boolean(),
}
const base = { v: v.literal(PRESENTER_VERSION), session: v.pipe(v.string(), v.maxLength(64)) }
const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max))

const messageSchema = v.variant('kind', [
  v.object({ ...base, kind: v.literal('hello') }),
  v.object({
    ...base,
    kind: v.literal('snapshot'),
    options: v.object({
      seed: int(0, 2 ** 31 - 1),
      nodes: int(1, 5_000),
      etcdMembers: int(1, 7),
      preVote: v.boolean(),
      checkQuorum: v.boolean(),
    }),
    actions: actionLogSchema,
    view: viewSchema,
    ...playState,
  }),
  v.object({
    ...base,
    kind: v.literal('tick'),
    actions: v.optional(actionLogSchema),
    view: v.optional(viewSchema),
    ...playState,
  }),
  v.object({ ...base, kind: v.literal('closed') }),
])

export type PresenterMessage = v.InferOutput<typeof messageSchema>
export type PresenterOptions = Extract<PresenterMessage, { kind: 'snapshot' }>['options']

export function parsePresenterMessage(data: unknown): PresenterMessage | undefined {
  const result = v.safeParse(messageSchema, data)
  return result.success ? result.output : undefined
}

/** What the presenter's window must do after a message. */
export interface FollowStep {
  /** Start (or restart) the simulation with these options and this log. */
  load?: { options: PresenterOptions; actions: RecordedAction[]; timeMs: number }
  /** Follow: adopt the log (when given), go to the time, show the play state. */
  mirror?: {
    actions?: RecordedAction[]
    timeMs: number
    playing: boolean
    speed: number
    followMessages: boolean
  }
  view?: PresenterView
  status: FollowStatus
}
export type FollowStatus = 'waiting' | 'following' | 'ended'

export interface FollowState {
  session: string
  options?: PresenterOptions
}

/**
 * The presenter's side, as a pure step: the state it keeps and what to do for one message.
 * Messages for another session, and ticks before the first snapshot, change nothing.
 */
export function followStep(
  state: FollowState,
  message: PresenterMessage,
): { state: FollowState; step?: FollowStep } {
  if (message.session !== state.session || message.kind === 'hello') return { state }
  if (message.kind === 'closed') return { state, step: { status: 'ended' } }
  const { timeMs, playing, speed, followMessages } = message
  if (message.kind === 'snapshot') {
    const actions = asRecordedActions(message.actions)
    const same = JSON.stringify(state.options) === JSON.stringify(message.options)
    return {
      state: { ...state, options: message.options },
      step: {
        ...(same
          ? { mirror: { actions, timeMs, playing, speed, followMessages } }
          : { load: { options: message.options, actions, timeMs } }),
        view: message.view,
        status: 'following',
      },
    }
  }
  if (!state.options) return { state }
  return {
    state,
    step: {
      mirror: {
        ...(message.actions ? { actions: asRecordedActions(message.actions) } : {}),
        timeMs,
        playing,
        speed,
        followMessages,
      },
      ...(message.view ? { view: message.view } : {}),
      status: 'following',
    },
  }
}
