import { useSelector } from '@xstate/react'
import { useServices } from './app-context'
import type { LessonContext } from '../../machines/lesson.machine'

/** Subscribes to one value of the course statechart (re-renders only when it changes). */
export function useCourse<T>(
  select: (context: LessonContext, matches: (state: string) => boolean) => T,
): T {
  const { course } = useServices()
  return useSelector(course, (snapshot) =>
    select(snapshot.context, (state) => snapshot.matches(state as never)),
  )
}

/** Which part of a lesson is on screen. */
export type LessonScreen = 'step' | 'quiz' | 'finished'

export function useLessonScreen(): LessonScreen {
  return useCourse((_, matches) =>
    matches('lesson.finished') ? 'finished' : matches('lesson.quiz') ? 'quiz' : 'step',
  )
}
