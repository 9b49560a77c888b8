import { z } from 'zod'
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
export const PRESENTER_VERSION = 2

const viewSchema = z.object({
  panel: z.string().max(32),
  theme: z.enum(['light', 'dark']),
  largeType: z.boolean(),
  /** Show the instructor's cursor-level detail (the kubectl prompt, the editor) on the projector. */
  showDetail: z.boolean(),
})
export type PresenterView = z.output<typeof viewSchema>

const playState = {
  timeMs: z.number().min(0),
  playing: z.boolean(),
  speed: z.number().min(0.05).max(64),
  followMessages: z.boolean(),
}
const base = { v: z.literal(PRESENTER_VERSION), session: z.string().max(64) }
const int = (min: number, max: number) => z.number().int().min(min).max(max)

const messageSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('hello') }),
  z.object({
    ...base,
    kind: z.literal('snapshot'),
    options: z.object({
      seed: int(0, 2 ** 31 - 1),
      nodes: int(1, 5_000),
      etcdMembers: int(1, 7),
      preVote: z.boolean(),
      checkQuorum: z.boolean(),
      controlPlanes: int(1, 3),
      systemPods: z.boolean(),
    }),
    actions: actionLogSchema,
    view: viewSchema,
    ...playState,
  }),
  z.object({
    ...base,
    kind: z.literal('tick'),
    actions: actionLogSchema.optional(),
    view: viewSchema.optional(),
    ...playState,
  }),
  z.object({ ...base, kind: z.literal('closed') }),
])

export type PresenterMessage = z.output<typeof messageSchema>
export type PresenterOptions = Extract<PresenterMessage, { kind: 'snapshot' }>['options']

export function parsePresenterMessage(data: unknown): PresenterMessage | undefined {
  const result = messageSchema.safeParse(data)
  return result.success ? result.data : undefined
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
