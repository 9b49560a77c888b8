import { describe, expect, it } from 'vitest'
import { createActor } from 'xstate'
import { lessonMachine, type LessonEmitted } from './lesson.machine'
import type { CatalogLesson, LessonStatus } from '../protocol/lesson'

const step = (title: string, predict: boolean) => ({
  title,
  narration: `About ${title}`,
  goals: [
    { id: 'g1', text: 'one' },
    { id: 'g2', text: 'two' },
  ],
  hints: ['a hint', 'another'],
  solution: ['stop etcd-1'],
  pauseWhenDone: false,
  ...(predict
    ? {
        predict: {
          question: '?',
          choices: [{ text: 'a' }, { text: 'b' }],
          why: 'because',
          whys: [undefined, undefined],
        },
      }
    : {}),
})

const LESSON: CatalogLesson = {
  id: 'demo',
  file: 'lessons/demo.md',
  title: 'Demo',
  section: 'etcd',
  level: 'Beginner',
  minutes: 5,
  summary: 's',
  objectives: ['o'],
  intro: 'i',
  steps: [step('one', false), step('two', true)],
  quiz: [
    { question: 'q1', choices: [{ text: 'x', correct: true }, { text: 'y' }], explain: 'e' },
    { question: 'q2', choices: [{ text: 'x' }, { text: 'y', correct: true }], explain: 'e' },
  ],
  fingerprint: 'f',
}

function status(
  stepIndex: number,
  met: boolean[],
  extra: Partial<LessonStatus> = {},
): LessonStatus {
  return {
    lessonId: 'demo',
    stepIndex,
    starts: [],
    goals: met.map((m, i) => ({ id: `g${i + 1}`, text: '', met: m, why: '' })),
    complete: met.every(Boolean),
    showMe: { state: 'idle' },
    ...extra,
  }
}

function start() {
  const calls: string[] = []
  const emitted: LessonEmitted[] = []
  const machine = lessonMachine.provide({
    actions: {
      openLesson: (_, p) => calls.push(`open ${p.lessonId} ${p.step} ${p.resume}`),
      gotoStep: (_, p) => calls.push(`goto ${p.step}`),
      showMe: () => calls.push('showMe'),
      resetStep: () => calls.push('reset'),
      closeLesson: () => calls.push('close'),
      freePlay: () => calls.push('freePlay'),
      play: () => calls.push('play'),
      pause: () => calls.push('pause'),
      applyView: (_, p) => calls.push(`view ${p.step?.title ?? '-'}`),
    },
  })
  const actor = createActor(machine)
  for (const type of [
    'stepEntered',
    'goalReached',
    'stepCompleted',
    'predictionRevealed',
    'lessonCompleted',
  ] as const)
    actor.on(type, (e) => emitted.push(e))
  actor.start()
  return { actor, calls, emitted }
}

describe('the lesson machine', () => {
  it('starts in the catalog and goes to free play and back', () => {
    const { actor, calls } = start()
    expect(actor.getSnapshot().value).toBe('catalog')
    actor.send({ type: 'FREE_PLAY' })
    expect(actor.getSnapshot().value).toBe('freePlay')
    actor.send({ type: 'OPEN_CATALOG' })
    expect(actor.getSnapshot().value).toBe('catalog')
    expect(calls).toEqual(['freePlay'])
  })

  it('opens a lesson, plays a step without a prediction, emits each goal once', () => {
    const { actor, calls, emitted } = start()
    actor.send({ type: 'START', lesson: LESSON, step: 0 })
    expect(actor.getSnapshot().value).toEqual({ lesson: { step: 'playing' } })
    expect(calls).toEqual(['open demo 0 false', 'view one', 'play'])
    actor.send({ type: 'STATUS', status: status(0, [true, false]) })
    actor.send({ type: 'STATUS', status: status(0, [true, false]) })
    actor.send({ type: 'STATUS', status: status(0, [true, true]) })
    expect(emitted).toEqual([
      { type: 'stepEntered', lessonId: 'demo', step: 0 },
      { type: 'goalReached', lessonId: 'demo', step: 0, goalId: 'g1' },
      { type: 'goalReached', lessonId: 'demo', step: 0, goalId: 'g2' },
      { type: 'stepCompleted', lessonId: 'demo', step: 0 },
    ])
  })

  it('asks the prediction first (paused), plays on the answer, reveals what happened', () => {
    const { actor, calls, emitted } = start()
    actor.send({ type: 'START', lesson: LESSON, step: 0 })
    calls.length = 0
    actor.send({ type: 'NEXT' })
    expect(actor.getSnapshot().value).toEqual({ lesson: { step: 'predicting' } })
    expect(calls).toEqual(['goto 1', 'view two', 'pause'])
    actor.send({ type: 'ANSWER', choice: 0 })
    expect(actor.getSnapshot().value).toEqual({ lesson: { step: 'playing' } })
    expect(actor.getSnapshot().context.answers).toEqual({ 1: 0 })
    actor.send({
      type: 'STATUS',
      status: status(1, [false, false], { outcome: { choice: 1, atMs: 9, why: 'w' } }),
    })
    expect(emitted.at(-1)).toEqual({
      type: 'predictionRevealed',
      lessonId: 'demo',
      step: 1,
      choice: 1,
      predicted: 0,
    })
    // Going back to an answered step does not ask again.
    actor.send({ type: 'BACK' })
    actor.send({ type: 'NEXT' })
    expect(actor.getSnapshot().value).toEqual({ lesson: { step: 'playing' } })
  })

  it('shows hints one at a time, runs show me and reset, and forgets emitted goals on reset', () => {
    const { actor, calls, emitted } = start()
    actor.send({ type: 'START', lesson: LESSON, step: 0 })
    actor.send({ type: 'SHOW_HINT' })
    actor.send({ type: 'SHOW_HINT' })
    expect(actor.getSnapshot().context.hints).toEqual({ 0: 2 })
    actor.send({ type: 'STATUS', status: status(0, [true, false]) })
    actor.send({ type: 'SHOW_ME' })
    actor.send({ type: 'RESET_STEP' })
    actor.send({ type: 'STATUS', status: status(0, [true, false]) })
    expect(calls.slice(-3)).toEqual(['showMe', 'play', 'reset'])
    expect(emitted.filter((e) => e.type === 'goalReached')).toHaveLength(2)
  })

  it('goes to any step (the embedding page\'s "go to lesson step"), ignoring steps that do not exist', () => {
    const { actor, calls } = start()
    actor.send({ type: 'START', lesson: LESSON, step: 0 })
    actor.send({ type: 'GO_TO_STEP', step: 7 })
    expect(actor.getSnapshot().context.step).toBe(0)
    actor.send({ type: 'GO_TO_STEP', step: 1 })
    expect(actor.getSnapshot().context.step).toBe(1)
    expect(calls).toContain('goto 1')
    // Going to the step on screen does not restart it (nor open the lesson again).
    const before = calls.length
    actor.send({ type: 'GO_TO_STEP', step: 1 })
    expect(calls.slice(before)).toEqual([])
    // From the quiz, the same index is a real move back to the step.
    actor.send({ type: 'ANSWER', choice: 0 })
    actor.send({ type: 'NEXT' })
    expect(actor.getSnapshot().matches({ lesson: 'quiz' })).toBe(true)
    const inQuiz = calls.length
    actor.send({ type: 'GO_TO_STEP', step: 1 })
    expect(actor.getSnapshot().matches({ lesson: 'step' })).toBe(true)
    expect(calls.slice(inQuiz)).toContain('goto 1')
  })

  it('ends with the quiz and emits lessonCompleted with the score', () => {
    const { actor, emitted } = start()
    actor.send({
      type: 'START',
      lesson: LESSON,
      step: 1,
      saved: { answers: { 1: 0 }, hints: {}, quiz: {} },
    })
    actor.send({ type: 'NEXT' })
    expect(actor.getSnapshot().value).toEqual({ lesson: 'quiz' })
    actor.send({ type: 'QUIZ_ANSWER', question: 0, choice: 0 })
    actor.send({ type: 'QUIZ_ANSWER', question: 1, choice: 0 })
    actor.send({ type: 'FINISH' })
    expect(actor.getSnapshot().value).toEqual({ lesson: 'finished' })
    expect(emitted.at(-1)).toEqual({
      type: 'lessonCompleted',
      lessonId: 'demo',
      quiz: { right: 1, total: 2 },
    })
  })

  it('resumes a saved session: answered predictions are not asked again', () => {
    const { actor, calls } = start()
    actor.send({
      type: 'START',
      lesson: LESSON,
      step: 1,
      resume: true,
      saved: { answers: { 1: 1 }, hints: { 1: 1 }, quiz: {} },
    })
    expect(calls).toEqual(['open demo 1 true', 'view two', 'play'])
    expect(actor.getSnapshot().context.hints).toEqual({ 1: 1 })
  })

  it('closes the lesson when leaving it', () => {
    const { actor, calls } = start()
    actor.send({ type: 'START', lesson: LESSON, step: 0 })
    actor.send({ type: 'EXIT' })
    expect(actor.getSnapshot().value).toBe('catalog')
    expect(calls.at(-1)).toBe('close')
  })
})
