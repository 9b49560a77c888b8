import {
  createSimulation,
  type RecordedAction,
  type SimAction,
  type Simulation,
} from '../../sim/index'
import type { Lesson } from '../format/load'
import type { ItemData, StepData } from '../format/schema'
import { Facts, type StepBaseline } from '../vocab/facts'
import { Script } from './script'
import { StepTracker, type GoalStatus, type PredictionOutcome } from './step-tracker'

/** Virtual time the cluster boots before a lesson's first step (as the app's free play). */
export const LESSON_BOOT_MS = 3_000
// A scenario that has not finished after this much virtual time is broken.
const SCENARIO_LIMIT_MS = 5 * 60_000

/** Where a step began: the reset point ("reset step" comes back here) and its window. */
export interface StepStart extends StepBaseline {
  actionCount: number
}

export type ShowMeState =
  | { state: 'idle' }
  | { state: 'running'; doing?: string | undefined }
  | { state: 'done' }
  | { state: 'failed'; error: string }

/** The session as the UI sees it and progress saves it (JSON). */
export interface SessionSnapshot {
  lessonId: string
  stepIndex: number
  starts: StepStart[]
  goals: GoalStatus[]
  outcome?: PredictionOutcome | undefined
  complete: boolean
  showMe: ShowMeState
  /** Why the step's scenario could not be set up. */
  setupError?: string | undefined
}

/** What a saved session needs to come back exactly where it was (seed + actions replayed). */
export interface SessionResume {
  stepIndex: number
  starts: StepStart[]
  actions: RecordedAction[]
  simTimeMs: number
  reached: { id: string; atMs: number }[]
  outcome?: PredictionOutcome | undefined
}

/**
 * One student's run through a lesson, over one simulation: sets each step up from its scenario,
 * tracks its goals and prediction after every instant, plays "show me", and resets a step by
 * time travel. Pure and deterministic: the worker hosts it live; the lesson runner plays it in
 * Node; both call the same methods.
 */
export class LessonSession {
  readonly lesson: Lesson
  readonly sim: Simulation
  private readonly facts: Facts
  stepIndex = 0
  private starts: StepStart[] = []
  private tracker: StepTracker
  private solution: Script | undefined
  private setupError: string | undefined

  private constructor(lesson: Lesson, sim: Simulation) {
    this.lesson = lesson
    this.sim = sim
    this.facts = new Facts(sim)
    this.tracker = new StepTracker(this.step, this.facts.baseline())
  }

  /** A fresh run at `stepIndex`: earlier steps are played by their solutions, as a student would. */
  static start(lesson: Lesson, stepIndex = 0): LessonSession {
    const session = new LessonSession(lesson, createSimulation(simOptions(lesson)))
    session.sim.advance(LESSON_BOOT_MS)
    session.enterStep(0)
    const target = Math.max(0, Math.min(stepIndex, lesson.steps.length - 1))
    while (session.stepIndex < target) {
      session.finishHeadless()
      session.enterStep(session.stepIndex + 1)
    }
    return session
  }

  /** Back exactly where a saved session was: same actions at the same times, same step. */
  /** `onReplay` hears of each recorded action before it is replayed (crash recovery's blame). */
  static resume(
    lesson: Lesson,
    saved: SessionResume,
    onReplay?: (index: number, action: SimAction) => void,
  ): LessonSession {
    const sim = createSimulation(simOptions(lesson))
    saved.actions.forEach((recorded, index) => {
      sim.advanceTo(recorded.atMs)
      onReplay?.(index, recorded.action)
      sim.dispatch(recorded.action)
    })
    sim.advanceTo(Math.max(saved.simTimeMs, sim.nowMs))
    const session = new LessonSession(lesson, sim)
    session.stepIndex = Math.min(saved.stepIndex, lesson.steps.length - 1)
    session.starts = saved.starts.slice(0, session.stepIndex + 1)
    session.track()
    session.tracker.restore(saved.reached, saved.outcome)
    session.observe()
    return session
  }

  get step(): StepData {
    return this.lesson.steps[this.stepIndex] ?? (this.lesson.steps[0] as StepData)
  }

  get complete(): boolean {
    return this.tracker.complete
  }

  get outcome(): PredictionOutcome | undefined {
    return this.tracker.outcome
  }

  get goals(): readonly GoalStatus[] {
    return this.tracker.goals
  }

  /** Begins step `index` from the cluster as it is now: runs its scenario, then starts watching. */
  enterStep(index: number): void {
    this.stepIndex = Math.max(0, Math.min(index, this.lesson.steps.length - 1))
    this.solution = undefined
    this.setupError = undefined
    this.runScenario(this.step.scenario ?? [])
    this.starts = this.starts.slice(0, this.stepIndex)
    this.starts[this.stepIndex] = { ...this.facts.baseline(), actionCount: this.sim.actions.length }
    this.track()
  }

  /** "Show me": performs the step's solution through SimActions, as the simulation plays. */
  showMe(): void {
    this.solution = new Script(this.step.solution ?? [], this.commandIds())
    this.solution.pump(this.facts, (a) => {
      this.sim.dispatch(a)
    })
  }

  /** Back to the step's start, forgetting everything done since (the history forks there). */
  resetStep(): void {
    const start = this.starts[this.stepIndex]
    if (!start) return
    this.sim.resetTo(start.atMs, start.actionCount)
    this.solution = undefined
    this.track()
  }

  /** Go to any step: an earlier one by time travel to its start, a later one by playing forward. */
  goTo(index: number): void {
    const target = Math.max(0, Math.min(index, this.lesson.steps.length - 1))
    if (target <= this.stepIndex && this.starts[target]) {
      this.stepIndex = target
      this.resetStep()
      this.starts = this.starts.slice(0, target + 1)
      return
    }
    while (this.stepIndex < target) {
      this.finishHeadless()
      this.enterStep(this.stepIndex + 1)
    }
  }

  /**
   * Lets virtual time run to `targetMs`, checking the step after every instant. Returns true when
   * the step asks to pause there (pauseWhenDone, the instant its last goal is reached).
   */
  advanceTo(targetMs: number): boolean {
    for (;;) {
      const wasComplete = this.tracker.complete
      const next = earliest(this.sim.nextEventAtMs, this.future(this.solution?.dueAtMs))
      if (next === undefined || next > targetMs) break
      this.sim.advanceTo(next)
      this.observe()
      if (!wasComplete && this.tracker.complete && this.step.pauseWhenDone === true) return true
    }
    this.sim.advanceTo(targetMs)
    this.observe()
    return false
  }

  /** After the timeline was moved by hand: goals reached later than now are not reached yet. */
  afterSeek(): void {
    this.tracker.rewound(this.sim.nowMs)
    this.observe()
  }

  /** Checks the step now (and moves "show me" on). Call after anything changed the simulation. */
  observe(): void {
    this.solution?.pump(this.facts, (a) => {
      this.sim.dispatch(a)
    })
    this.tracker.observe(this.facts)
  }

  /**
   * Plays the step's solution until its goals are met and its prediction settled, or its budget
   * runs out (headless: the lesson runner, and deep links to a later step).
   */
  finishHeadless(): { reached: boolean; elapsedMs: number } {
    const from = this.sim.nowMs
    if (!this.tracker.complete) this.showMe()
    this.observe()
    const deadline = from + this.step.budget
    const settled = () =>
      this.tracker.complete &&
      (this.step.predict === undefined || this.tracker.outcome !== undefined)
    while (!settled() && this.sim.nowMs < deadline && !this.solution?.error) {
      const next = earliest(this.sim.nextEventAtMs, this.future(this.solution?.dueAtMs)) ?? deadline
      this.advanceTo(Math.min(deadline, Math.max(next, this.sim.nowMs + 1)))
    }
    return { reached: this.tracker.complete, elapsedMs: this.sim.nowMs - from }
  }

  snapshot(): SessionSnapshot {
    const solution = this.solution
    const showMe: ShowMeState = !solution
      ? { state: 'idle' }
      : solution.error !== undefined
        ? { state: 'failed', error: solution.error }
        : solution.done
          ? { state: 'done' }
          : { state: 'running', doing: solution.current }
    return {
      lessonId: this.lesson.id,
      stepIndex: this.stepIndex,
      starts: this.starts.map((s) => ({ ...s })),
      goals: this.tracker.goals.map((g) => ({ ...g })),
      outcome: this.tracker.outcome ? { ...this.tracker.outcome } : undefined,
      complete: this.tracker.complete,
      showMe,
      setupError: this.setupError,
    }
  }

  private track(): void {
    const start = this.starts[this.stepIndex] ?? { ...this.facts.baseline(), actionCount: 0 }
    this.tracker = new StepTracker(this.step, start)
    this.observe()
  }

  private runScenario(items: readonly ItemData[]): void {
    if (items.length === 0) return
    const script = new Script(items, this.commandIds())
    const deadline = this.sim.nowMs + SCENARIO_LIMIT_MS
    const dispatch = (a: Parameters<Simulation['dispatch']>[0]) => {
      this.sim.dispatch(a)
    }
    script.pump(this.facts, dispatch)
    while (!script.done && this.sim.nowMs < deadline) {
      const next = earliest(this.sim.nextEventAtMs, this.future(script.dueAtMs)) ?? deadline
      this.sim.advanceTo(Math.max(next, this.sim.nowMs + 1))
      script.pump(this.facts, dispatch)
    }
    if (script.error !== undefined) this.setupError = script.error
    else if (!script.done) this.setupError = `the scenario did not finish: ${script.current ?? ''}`
  }

  /** A due time, if it is still ahead (the clock must stop there); past ones are already handled. */
  private future(dueAtMs: number | undefined): number | undefined {
    return dueAtMs !== undefined && dueAtMs > this.sim.nowMs ? dueAtMs : undefined
  }

  /** kubectl command ids unique within this history (the action count only grows). */
  private commandIds(): () => string {
    let n = 0
    return () => `lesson-${this.sim.actions.length}-${++n}`
  }
}

/** The sooner of two due times (a due time already past does not hold the clock). */
function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b
  return b === undefined ? a : Math.min(a, b)
}

/** The simulation a lesson runs on. */
export function simOptions(lesson: Lesson) {
  const c = lesson.cluster
  return {
    seed: c.seed,
    nodes: c.nodes,
    etcdMembers: c.etcdMembers,
    ...(c.nodeCpu !== undefined ? { nodeCpu: c.nodeCpu } : {}),
    ...(c.nodeMemory !== undefined ? { nodeMemory: c.nodeMemory } : {}),
  }
}
