import type { Lesson } from '../format/load'
import { LessonSession } from '../session/session'

export interface StepReport {
  title: string
  goals: number
  reached: number
  /** Virtual time "show me" took to reach every goal (or the budget, when it did not). */
  elapsedMs: number
  budgetMs: number
  /** The author's answer and the choice the simulation showed. */
  prediction?: { expected: number; observed?: number | undefined } | undefined
  /** Goals not reached, each with why. */
  missing: string[]
  setupError?: string | undefined
  showMeError?: string | undefined
}

export interface LessonReport {
  id: string
  steps: StepReport[]
  virtualMs: number
  ok: boolean
}

function stepOk(step: StepReport): boolean {
  return (
    step.reached === step.goals &&
    step.elapsedMs <= step.budgetMs &&
    step.setupError === undefined &&
    step.showMeError === undefined &&
    (step.prediction === undefined || step.prediction.observed === step.prediction.expected)
  )
}

/**
 * Plays a lesson headlessly, step by step: sets each step up from its scenario, performs its
 * "show me" solution, and records whether every goal was reached within the step's budget of
 * virtual time and whether the prediction's revealed answer is the one the author expects.
 */
export function playLesson(lesson: Lesson): LessonReport {
  const session = LessonSession.start(lesson, 0)
  const steps: StepReport[] = []
  for (const [i, step] of lesson.steps.entries()) {
    if (i > 0) session.enterStep(i)
    const setupError = session.snapshot().setupError
    const { elapsedMs } = session.finishHeadless()
    const snapshot = session.snapshot()
    const expected = step.predict?.choices.findIndex((c) => c.correct === true)
    steps.push({
      title: step.title,
      goals: snapshot.goals.length,
      reached: snapshot.goals.filter((g) => g.met).length,
      elapsedMs,
      budgetMs: step.budget,
      prediction:
        expected === undefined ? undefined : { expected, observed: snapshot.outcome?.choice },
      missing: snapshot.goals.filter((g) => !g.met).map((g) => `${g.text}: ${g.why}`),
      setupError,
      showMeError: snapshot.showMe.state === 'failed' ? snapshot.showMe.error : undefined,
    })
  }
  return {
    id: lesson.id,
    steps,
    virtualMs: session.sim.nowMs,
    ok: steps.every(stepOk),
  }
}

/** One line for `npm run lessons`: id, steps, goals reached, virtual time, wall time. */
export function reportLine(report: LessonReport, wallMs: number): string {
  const goals = report.steps.reduce((n, s) => n + s.goals, 0)
  const reached = report.steps.reduce((n, s) => n + s.reached, 0)
  const predictions = report.steps.filter((s) => s.prediction)
  const right = predictions.filter((s) => s.prediction?.observed === s.prediction?.expected)
  return [
    report.ok ? 'ok  ' : 'FAIL',
    report.id.padEnd(26),
    `${report.steps.length} steps`.padEnd(9),
    `goals ${reached}/${goals}`.padEnd(12),
    `predictions ${right.length}/${predictions.length}`.padEnd(16),
    `virtual ${(report.virtualMs / 1000).toFixed(1)} s`.padEnd(16),
    `wall ${(wallMs / 1000).toFixed(2)} s`,
  ].join(' ')
}

/** What went wrong in a lesson, one line per problem (empty when it passed). */
export function reportProblems(report: LessonReport): string[] {
  return report.steps.flatMap((s, i) => {
    const where = `${report.id} steps[${i}] "${s.title}"`
    const out: string[] = []
    if (s.setupError !== undefined) out.push(`${where}: scenario failed: ${s.setupError}`)
    if (s.showMeError !== undefined) out.push(`${where}: show me failed: ${s.showMeError}`)
    for (const m of s.missing)
      out.push(`${where}: goal not reached in ${s.budgetMs / 1000} s: ${m}`)
    if (s.prediction && s.prediction.observed !== s.prediction.expected)
      out.push(
        `${where}: prediction: the author expects choice ${s.prediction.expected + 1}, the simulation showed ${s.prediction.observed === undefined ? 'none' : `choice ${s.prediction.observed + 1}`}`,
      )
    return out
  })
}
