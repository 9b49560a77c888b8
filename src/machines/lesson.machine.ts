import { assign, enqueueActions, setup } from 'xstate'
import type { CatalogLesson, CatalogStep, LessonStatus } from '../protocol/lesson'

/** What a student did in a lesson that the worker does not know: answers, hints, quiz. */
export interface LessonAnswers {
  /** Step index → the prediction choice picked. */
  answers: Record<number, number>
  /** Step index → how many hints are shown. */
  hints: Record<number, number>
  /** Quiz question index → the choice picked. */
  quiz: Record<number, number>
}

export interface LessonContext extends LessonAnswers {
  lesson?: CatalogLesson | undefined
  step: number
  status?: LessonStatus | undefined
  /** Events already emitted ("2:goal-id", "2:done", "2:outcome"), so each is emitted once. */
  announced: string[]
}

export type LessonEvent =
  | { type: 'OPEN_CATALOG' }
  | { type: 'FREE_PLAY' }
  | {
      type: 'START'
      lesson: CatalogLesson
      step: number
      /** Resume a saved session (the worker replays it) instead of starting the step afresh. */
      resume?: boolean
      saved?: LessonAnswers
    }
  | { type: 'STATUS'; status: LessonStatus }
  | { type: 'ANSWER'; choice: number }
  | { type: 'SHOW_HINT' }
  | { type: 'SHOW_ME' }
  | { type: 'RESET_STEP' }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  /** Go to any step (0-based): the step dots, and an embedding page's "go to lesson step". */
  | { type: 'GO_TO_STEP'; step: number }
  | { type: 'QUIZ_ANSWER'; question: number; choice: number }
  | { type: 'FINISH' }
  | { type: 'EXIT' }

/** Named events for whoever listens (the progress keeper, an embedding page's postMessage API). */
export type LessonEmitted =
  | { type: 'stepEntered'; lessonId: string; step: number }
  | { type: 'goalReached'; lessonId: string; step: number; goalId: string }
  | { type: 'stepCompleted'; lessonId: string; step: number }
  | {
      type: 'predictionRevealed'
      lessonId: string
      step: number
      choice: number
      predicted?: number | undefined
    }
  | { type: 'lessonCompleted'; lessonId: string; quiz: { right: number; total: number } }

function stepOf(context: LessonContext, index = context.step): CatalogStep | undefined {
  return context.lesson?.steps[index]
}

export function quizScore(context: Pick<LessonContext, 'lesson' | 'quiz'>): {
  right: number
  total: number
} {
  const questions = context.lesson?.quiz ?? []
  const right = questions.filter(
    (q, i) => context.quiz[i] !== undefined && q.choices[context.quiz[i]]?.correct === true,
  ).length
  return { right, total: questions.length }
}

const NO_ANSWERS: LessonAnswers = { answers: {}, hints: {}, quiz: {} }

/**
 * The course flow: the catalog, free play, and a lesson's steps (predict, then play; goals
 * tick as the worker reports them), then its quiz. The effects (talking to the worker, the
 * playback, the page) are named and given by the composition root with `.provide()`; the
 * emitted events are the lesson's public news (goal reached, step completed, lesson completed).
 */
export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
    emitted: {} as LessonEmitted,
  },
  actions: {
    openLesson: (_, _params: { lessonId: string; step: number; resume: boolean }) => undefined,
    gotoStep: (_, _params: { step: number }) => undefined,
    showMe: () => undefined,
    resetStep: () => undefined,
    closeLesson: () => undefined,
    freePlay: () => undefined,
    play: () => undefined,
    pause: () => undefined,
    applyView: (_, _params: { step: CatalogStep | undefined }) => undefined,
  },
  guards: {
    awaitsPrediction: ({ context }) =>
      stepOf(context)?.predict !== undefined && context.answers[context.step] === undefined,
    hasNextStep: ({ context }) => context.step + 1 < (context.lesson?.steps.length ?? 0),
    hasPreviousStep: ({ context }) => context.step > 0,
  },
}).createMachine({
  id: 'course',
  initial: 'catalog',
  context: { step: 0, announced: [], ...NO_ANSWERS },
  on: {
    START: { target: '.lesson', reenter: true },
  },
  states: {
    catalog: {
      on: { FREE_PLAY: 'freePlay' },
    },
    freePlay: {
      entry: 'freePlay',
      on: { OPEN_CATALOG: 'catalog' },
    },
    lesson: {
      entry: [
        assign(({ event }) => {
          if (event.type !== 'START') return {}
          const saved = event.saved ?? NO_ANSWERS
          return {
            lesson: event.lesson,
            step: event.step,
            status: undefined,
            announced: [],
            ...saved,
          }
        }),
        {
          type: 'openLesson',
          params: ({ context, event }) => ({
            lessonId: context.lesson?.id ?? '',
            step: context.step,
            resume: event.type === 'START' && event.resume === true,
          }),
        },
      ],
      on: {
        STATUS: {
          actions: enqueueActions(({ context, event, enqueue }) => {
            if (!context.lesson) return
            const status = event.status
            const lessonId = context.lesson.id
            const announced = [...context.announced]
            const once = (key: string, emitted: LessonEmitted) => {
              if (announced.includes(key)) return
              announced.push(key)
              enqueue.emit(emitted)
            }
            if (status.lessonId === lessonId && status.stepIndex === context.step) {
              const step = context.step
              for (const goal of status.goals)
                if (goal.met)
                  once(`${step}:${goal.id}`, {
                    type: 'goalReached',
                    lessonId,
                    step,
                    goalId: goal.id,
                  })
              if (status.complete) once(`${step}:done`, { type: 'stepCompleted', lessonId, step })
              if (status.outcome)
                once(`${step}:outcome`, {
                  type: 'predictionRevealed',
                  lessonId,
                  step,
                  choice: status.outcome.choice,
                  predicted: context.answers[step],
                })
            }
            enqueue.assign({ status, announced })
          }),
        },
        EXIT: { target: 'catalog', actions: 'closeLesson' },
        FREE_PLAY: { target: 'freePlay', actions: 'closeLesson' },
        SHOW_HINT: {
          actions: assign(({ context }) => ({
            hints: { ...context.hints, [context.step]: (context.hints[context.step] ?? 0) + 1 },
          })),
        },
        SHOW_ME: { actions: ['showMe', 'play'] },
        RESET_STEP: {
          actions: [
            'resetStep',
            assign(({ context }) => ({
              announced: context.announced.filter((k) => !k.startsWith(`${context.step}:`)),
            })),
          ],
        },
        GO_TO_STEP: {
          guard: ({ context, event }) =>
            event.step >= 0 && event.step < (context.lesson?.steps.length ?? 0),
          target: '.step',
          reenter: true,
          actions: [
            assign(({ event }) => ({ step: event.step })),
            { type: 'gotoStep', params: ({ event }) => ({ step: event.step }) },
          ],
        },
        BACK: {
          guard: 'hasPreviousStep',
          target: '.step',
          reenter: true,
          actions: [
            assign(({ context }) => ({ step: context.step - 1 })),
            { type: 'gotoStep', params: ({ context }) => ({ step: context.step }) },
          ],
        },
      },
      initial: 'step',
      states: {
        step: {
          entry: [
            { type: 'applyView', params: ({ context }) => ({ step: stepOf(context) }) },
            enqueueActions(({ context, enqueue }) => {
              if (context.lesson)
                enqueue.emit({
                  type: 'stepEntered',
                  lessonId: context.lesson.id,
                  step: context.step,
                })
            }),
          ],
          on: {
            // Already there (a host page repeating its step, the current step's dot, a link to
            // it): nothing to do; going there again would restart the step in the worker.
            GO_TO_STEP: { guard: ({ context, event }) => event.step === context.step },
            NEXT: [
              {
                guard: 'hasNextStep',
                target: 'step',
                reenter: true,
                actions: [
                  assign(({ context }) => ({ step: context.step + 1 })),
                  { type: 'gotoStep', params: ({ context }) => ({ step: context.step }) },
                ],
              },
              { target: 'quiz', actions: 'pause' },
            ],
          },
          initial: 'deciding',
          states: {
            deciding: {
              always: [{ guard: 'awaitsPrediction', target: 'predicting' }, { target: 'playing' }],
            },
            predicting: {
              entry: 'pause',
              on: {
                ANSWER: {
                  target: 'playing',
                  actions: assign(({ context, event }) => ({
                    answers: { ...context.answers, [context.step]: event.choice },
                  })),
                },
              },
            },
            playing: { entry: 'play' },
          },
        },
        quiz: {
          on: {
            QUIZ_ANSWER: {
              actions: assign(({ context, event }) => ({
                quiz: { ...context.quiz, [event.question]: event.choice },
              })),
            },
            FINISH: 'finished',
            BACK: {
              target: 'step',
              actions: { type: 'gotoStep', params: ({ context }) => ({ step: context.step }) },
            },
          },
        },
        finished: {
          entry: enqueueActions(({ context, enqueue }) => {
            if (context.lesson)
              enqueue.emit({
                type: 'lessonCompleted',
                lessonId: context.lesson.id,
                quiz: quizScore(context),
              })
          }),
          on: { BACK: 'quiz' },
        },
      },
    },
  },
})
