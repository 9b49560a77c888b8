import type { Actor } from 'xstate'
import type { lessonMachine, LessonAnswers } from '../../machines/lesson.machine'
import { quizScore } from '../../machines/lesson.machine'
import {
  emptyLessonProgress,
  readProgress,
  writeProgress,
  type LessonProgress,
  type Progress,
  type SavedSession,
} from '../../store/progress'
import type { AppStore } from '../../store/store'
import type { CatalogLesson } from '../../protocol/lesson'

// Saving is cheap but not free (the action log can hold manifests): at most this often.
const SAVE_EVERY_MS = 1_000

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>

function toNumberKeys(record: Record<string, number>): Record<number, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [Number(k), v]))
}

/** Where to open a lesson from saved progress: its step, the student's answers, the session. */
export interface SavedPlace {
  step: number
  saved: LessonAnswers
  session?: SavedSession | undefined
}

/**
 * Keeps each lesson's progress in localStorage (versioned; see store/progress.ts): the step,
 * answers, hints, quiz, done, and the exact session (seed + recorded actions) so a reload
 * comes back to the same step with the same cluster. Saves as the student goes, throttled,
 * and when the page is hidden.
 */
export class ProgressKeeper {
  private progress: Progress
  readonly warning: string | undefined
  private readonly storage: Storage
  private timer: ReturnType<typeof setTimeout> | undefined
  private dirty = false

  constructor(storage: Storage) {
    this.storage = storage
    const read = readProgress(storage)
    this.progress = read.progress
    this.warning = read.warning
  }

  of(lessonId: string): LessonProgress | undefined {
    return this.progress.lessons[lessonId]
  }

  /** Where a lesson left off, if it was saved for this version of the lesson file. */
  placeFor(lesson: CatalogLesson, step?: number): SavedPlace {
    const saved = this.of(lesson.id)
    const current = saved?.fingerprint === lesson.fingerprint ? saved : undefined
    const at = step ?? current?.step ?? 0
    if (!current) return { step: at, saved: { answers: {}, hints: {}, quiz: {} } }
    return {
      step: at,
      saved: {
        answers: toNumberKeys(current.answers),
        hints: toNumberKeys(current.hints),
        quiz: toNumberKeys(current.quiz),
      },
      session: current.session?.stepIndex === at ? current.session : undefined,
    }
  }

  /** Follows the lesson flow and the simulation; saves what a reload needs. */
  watch(lesson: Actor<typeof lessonMachine>, store: AppStore): void {
    lesson.subscribe(() => {
      this.capture(lesson, store)
    })
    lesson.on('lessonCompleted', () => {
      this.capture(lesson, store)
      this.flush()
    })
    store.subscribe((state, previous) => {
      if (state.actions !== previous.actions || state.lesson !== previous.lesson)
        this.capture(lesson, store)
    })
    addEventListener('pagehide', () => {
      this.capture(lesson, store)
      this.flush()
    })
  }

  private capture(actor: Actor<typeof lessonMachine>, store: AppStore): void {
    const snapshot = actor.getSnapshot()
    const { lesson, step, answers, hints, quiz } = snapshot.context
    if (!lesson || !snapshot.matches('lesson')) return
    const before = this.of(lesson.id)
    const entry: LessonProgress = {
      ...emptyLessonProgress(lesson.fingerprint),
      ...(before?.fingerprint === lesson.fingerprint ? before : {}),
      fingerprint: lesson.fingerprint,
      // Done stays done when the lesson file was edited since (its answers and session do not).
      ...(before?.completed ? { completed: true } : {}),
      ...(before?.quizScore ? { quizScore: before.quizScore } : {}),
      step,
      answers,
      hints,
      quiz,
    }
    if (snapshot.matches({ lesson: 'finished' })) {
      entry.completed = true
      entry.quizScore = quizScore({ lesson, quiz })
    }
    const state = store.getState()
    const status = state.lesson
    if (status?.lessonId === lesson.id && status.stepIndex === step && status.starts[step])
      entry.session = {
        stepIndex: step,
        starts: status.starts,
        actions: state.actions,
        simTimeMs: state.simTimeMs,
        reached: status.goals.flatMap((g) => (g.met ? [{ id: g.id, atMs: g.atMs ?? 0 }] : [])),
        ...(status.outcome ? { outcome: status.outcome } : {}),
      }
    this.progress = { ...this.progress, lessons: { ...this.progress.lessons, [lesson.id]: entry } }
    this.dirty = true
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      this.flush()
    }, SAVE_EVERY_MS)
  }

  flush(): void {
    if (!this.dirty) return
    this.dirty = false
    writeProgress(this.storage, this.progress)
  }
}
