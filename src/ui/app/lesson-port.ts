/** What happened in a lesson, in the words of the embed API (steps counted from 1). */
export type LessonNews =
  | { type: 'stepChanged'; lesson: string; step: number; title?: string | undefined }
  | { type: 'goalReached'; lesson: string; step: number; goal: string }
  | { type: 'lessonCompleted'; lesson: string }

/**
 * What the instructor's keys, the live region and an embedding page's postMessage API need of
 * the course: go to a step, go on, and hear what happens. The course (lessons) provides it; a
 * page without lessons has none, and those commands do nothing.
 */
export interface LessonPort {
  /** Opens `step` (from 1, as the lesson pane counts) of `lesson`, or of the lesson open now. */
  goToStep(step: number, lesson?: string): void
  /** The next step of the lesson open now (a key press; nothing outside a lesson). */
  next(): void
  /** Calls `listener` with each lesson event from now on; returns the unsubscribe. */
  subscribe(listener: (news: LessonNews) => void): () => void
}

/** A port whose events are pushed in by hand: for tests, and until a course is wired. */
export function createLessonHub(
  actions: Pick<LessonPort, 'goToStep' | 'next'>,
): LessonPort & { publish(news: LessonNews): void } {
  const listeners = new Set<(news: LessonNews) => void>()
  return {
    ...actions,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    publish: (news) => {
      for (const listener of [...listeners]) listener(news)
    },
  }
}
