import type { StepData } from '../format/schema'
import type { Facts, StepBaseline } from '../vocab/facts'
import type { Check } from '../vocab/conditions/kind'
import { compileCondition, describeCondition, type Condition } from '../vocab/conditions/registry'

/** A goal as the lesson pane shows it: ticked or not, and why. */
export interface GoalStatus {
  id: string
  text: string
  met: boolean
  /** Virtual time it was first reached (it stays reached for the rest of the step). */
  atMs?: number | undefined
  why: string
}

/** What the simulation showed, for a step's "predict, then see" question. */
export interface PredictionOutcome {
  /** Index of the choice that happened. */
  choice: number
  atMs: number
  why: string
}

export function goalId(goal: { id?: string | undefined }, index: number): string {
  return goal.id ?? `goal-${index + 1}`
}

/**
 * Tracks one step: its goals (each latched once reached) and which prediction choice came true
 * first. Checked after every instant; a check that is met stays met, so a student who saw it
 * happen keeps the tick even if the cluster moves on.
 */
export class StepTracker {
  readonly goals: GoalStatus[]
  outcome: PredictionOutcome | undefined
  private goalChecks: Check[]
  private choiceChecks: Check[]
  private readonly step: StepData
  private readonly base: StepBaseline

  constructor(step: StepData, base: StepBaseline) {
    this.step = step
    this.base = base
    this.goals = (step.goals ?? []).map((g, i) => ({
      id: goalId(g, i),
      text: g.text ?? describeCondition(g as Condition),
      met: false,
      why: '',
    }))
    this.goalChecks = this.compileGoals()
    this.choiceChecks = this.compileChoices()
  }

  private compileGoals(): Check[] {
    return (this.step.goals ?? []).map((g) => compileCondition(g as Condition, this.base))
  }

  private compileChoices(): Check[] {
    return (this.step.predict?.choices ?? []).map((c) => compileCondition(c.when, this.base))
  }

  get complete(): boolean {
    return this.goals.every((g) => g.met)
  }

  /**
   * Checks the goals in order, each only once the ones before it are reached (so "three Pods
   * Running again" is not ticked by the three that ran before you deleted one), then the
   * prediction until it is settled.
   */
  observe(facts: Facts): void {
    for (const [i, goal] of this.goals.entries()) {
      if (goal.met) continue
      const verdict = this.goalChecks[i]?.(facts)
      if (!verdict) break
      goal.why = verdict.why
      if (!verdict.met) break
      goal.met = true
      goal.atMs = facts.nowMs
    }
    const predict = this.step.predict
    if (this.outcome || !predict) return
    for (const [i, check] of this.choiceChecks.entries()) {
      if (!check(facts).met) continue
      this.outcome = { choice: i, atMs: facts.nowMs, why: predict.choices[i]?.why ?? predict.why }
      return
    }
  }

  /** After time travel: forget what was reached after `nowMs` and check again from the start. */
  rewound(nowMs: number): void {
    for (const goal of this.goals)
      if (goal.met && (goal.atMs ?? 0) > nowMs) Object.assign(goal, { met: false, atMs: undefined })
    if (this.outcome && this.outcome.atMs > nowMs) this.outcome = undefined
    this.goalChecks = this.compileGoals()
    this.choiceChecks = this.compileChoices()
  }

  /** Restores what a saved session had reached (resume after a reload). */
  restore(
    reached: readonly { id: string; atMs: number }[],
    outcome: PredictionOutcome | undefined,
  ): void {
    for (const r of reached) {
      const goal = this.goals.find((g) => g.id === r.id)
      if (goal) Object.assign(goal, { met: true, atMs: r.atMs })
    }
    this.outcome = outcome
  }
}
