import type { Actor } from 'xstate'
import type { lessonMachine } from '../../machines/lesson.machine'
import type { AppStore } from '../../store/store'
import { startLesson } from './course'
import type { LessonNews, LessonPort } from './lesson-port'
import type { ProgressKeeper } from './progress-keeper'

/**
 * The course statechart as a lesson port: the embed API's and the keyboard's way in. Steps are
 * counted from 1 here, as the lesson pane shows them, and from 0 in the statechart.
 */
export function courseLessonPort(
  course: Actor<typeof lessonMachine>,
  store: AppStore,
  keeper: ProgressKeeper,
): LessonPort {
  const current = () => course.getSnapshot().context.lesson
  return {
    goToStep: (step, lessonId) => {
      const index = Math.max(0, step - 1)
      const open = current()
      if (lessonId === undefined || lessonId === open?.id) {
        if (open && course.getSnapshot().matches('lesson') && index < open.steps.length)
          course.send({ type: 'GO_TO_STEP', step: index })
        return
      }
      const entry = store.getState().catalog?.entries.find((e) => e.ok && e.lesson.id === lessonId)
      if (entry?.ok) startLesson(course, keeper, entry.lesson, index)
    },
    next: () => {
      if (course.getSnapshot().matches('lesson')) course.send({ type: 'NEXT' })
    },
    subscribe: (listener: (news: LessonNews) => void) => {
      const subscriptions = [
        course.on('stepEntered', (e) => {
          listener({
            type: 'stepChanged',
            lesson: e.lessonId,
            step: e.step + 1,
            title: current()?.steps[e.step]?.title,
          })
        }),
        course.on('goalReached', (e) => {
          listener({ type: 'goalReached', lesson: e.lessonId, step: e.step + 1, goal: e.goalId })
        }),
        course.on('lessonCompleted', (e) => {
          listener({ type: 'lessonCompleted', lesson: e.lessonId })
        }),
      ]
      return () => {
        for (const s of subscriptions) s.unsubscribe()
      }
    },
  }
}
