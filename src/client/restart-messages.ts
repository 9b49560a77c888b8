import type { ToWorkerBody } from '../protocol/messages'
import type { LessonStatus, SessionResume } from '../protocol/lesson'
import type { ScaleViewRequest } from '../protocol/scale'
import type { RecordedAction } from '../sim/index'
import type { LoadOptions } from './sim-client'

/** What a restarted host must be told to be where the crashed one was. */
export interface RestartState {
  load: LoadOptions
  lesson: { lessonId: string; step: number; status?: LessonStatus } | undefined
  actions: RecordedAction[]
  lastTimeMs: number
  settings: { speed?: number; followMessages?: boolean; playing?: boolean; inspectKey?: string }
  rulesNode: string | null
  visible: boolean
  scaleView: ScaleViewRequest | undefined
}

/** After a crash: the lesson's session, rebuilt from its seed and recorded actions. */
function reopenLesson(state: RestartState, lesson: NonNullable<RestartState['lesson']>) {
  const status = lesson.status
  const resume: SessionResume | undefined = status && {
    stepIndex: status.stepIndex,
    starts: status.starts,
    actions: state.actions,
    simTimeMs: state.lastTimeMs,
    reached: status.goals.flatMap((g) => (g.met ? [{ id: g.id, atMs: g.atMs ?? 0 }] : [])),
    outcome: status.outcome,
  }
  return {
    type: 'lessonOpen' as const,
    lessonId: lesson.lessonId,
    step: lesson.step,
    ...(resume ? { resume } : {}),
  }
}

/** The messages, in order: the load (or the lesson), then the page's settings. */
export function restartMessages(state: RestartState): ToWorkerBody[] {
  const messages: ToWorkerBody[] = []
  if (state.lesson) messages.push(reopenLesson(state, state.lesson))
  else {
    // A restart replays this run's own log: never a scenario's strict load with its fallback.
    const { options, bootMs, flowControl, scale } = state.load
    messages.push({
      type: 'load',
      options,
      bootMs,
      replay: state.actions,
      seekMs: state.lastTimeMs,
      ...(flowControl !== undefined ? { flowControl } : {}),
      ...(scale ? { scale } : {}),
    })
    if (!state.visible) messages.push({ type: 'visibility', visible: false })
    if (state.scaleView) messages.push({ type: 'scaleView', ...state.scaleView })
  }
  const { speed, followMessages, playing, inspectKey } = state.settings
  if (speed !== undefined) messages.push({ type: 'setSpeed', speed })
  if (followMessages !== undefined) messages.push({ type: 'setFollowMessages', on: followMessages })
  if (state.rulesNode !== null) messages.push({ type: 'watchRules', node: state.rulesNode })
  if (inspectKey !== undefined) messages.push({ type: 'inspectEtcdKey', key: inspectKey })
  if (playing !== false) messages.push({ type: 'play' })
  return messages
}
