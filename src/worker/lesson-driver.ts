import {
  buildCatalog,
  LessonSession,
  type Catalog,
  type Lesson,
  type SessionResume,
} from '../lesson/index'
import { COURSE_TEXT, LESSON_FILES } from '../lesson/bundled'
import type { SimAction, Simulation } from '../sim/index'
import type { LessonCommand, LessonStatus } from '../protocol/lesson'

/** What the host must do after a lesson command: the simulation may be new, or have gone back. */
export interface DriverEffect {
  sim: Simulation
  /** The timeline jumped (a new simulation, or back in time): resend everything. */
  reset: boolean
  /** The lesson wants the simulation paused (a prediction to answer first). */
  pause: boolean
}

/**
 * The worker's side of a lesson: loads and validates the bundled lesson files once, runs one
 * LessonSession over the host's simulation, checks its goals after every instant while the
 * host plays, and reports the session's status when it changes.
 */
export class LessonDriver {
  private loaded: { catalog: Catalog; lessons: Map<string, Lesson> } | undefined
  private session: LessonSession | undefined
  private pausedBy: LessonStatus['pausedBy']
  private lastJson = ''

  get active(): boolean {
    return this.session !== undefined
  }

  catalog(): Catalog {
    this.loaded ??= buildCatalog(LESSON_FILES, COURSE_TEXT)
    return this.loaded.catalog
  }

  open(
    lessonId: string,
    step: number,
    resume: SessionResume | undefined,
    onReplay?: (index: number, action: SimAction) => void,
  ): DriverEffect {
    this.catalog()
    const lesson = this.loaded?.lessons.get(lessonId)
    if (!lesson) {
      const broken = this.loaded?.catalog.entries.find((e) => !e.ok && e.id === lessonId)
      throw new Error(
        broken
          ? `The lesson "${lessonId}" has errors: see the catalog`
          : `There is no lesson "${lessonId}"`,
      )
    }
    this.session = resume
      ? LessonSession.resume(lesson, resume, onReplay)
      : LessonSession.start(lesson, step)
    this.lastJson = ''
    return this.entered(this.session, true, resume === undefined)
  }

  /** A lesson command; undefined when it does not concern the simulation's timeline. */
  command(command: LessonCommand): DriverEffect | undefined {
    const session = this.session
    if (!session) throw new Error('no lesson is open')
    switch (command.type) {
      case 'close':
        this.session = undefined
        this.lastJson = 'closing'
        return undefined
      case 'showMe':
        this.pausedBy = undefined
        session.showMe()
        return undefined
      case 'resetStep':
        // The student has seen this step's question already: reset does not ask it again.
        session.resetStep()
        return this.entered(session, true, false)
      case 'goto': {
        const back = command.step <= session.stepIndex
        session.goTo(command.step)
        return this.entered(session, back, true)
      }
    }
  }

  private entered(session: LessonSession, reset: boolean, fresh: boolean): DriverEffect {
    const pause = fresh && session.step.predict !== undefined && session.outcome === undefined
    this.pausedBy = pause ? 'prediction' : undefined
    return { sim: session.sim, reset, pause }
  }

  /** Runs the simulation to `targetMs` instant by instant; true when the lesson paused it. */
  advanceTo(sim: Simulation, targetMs: number): boolean {
    if (this.session?.sim !== sim) {
      sim.advanceTo(targetMs)
      return false
    }
    const paused = this.session.advanceTo(targetMs)
    if (paused) this.pausedBy = 'goals'
    return paused
  }

  /** After the page moved the timeline or stepped: check the step again. */
  afterSeek(sim: Simulation): void {
    if (this.session?.sim === sim) this.session.afterSeek()
  }

  observe(sim: Simulation): void {
    if (this.session?.sim === sim) this.session.observe()
  }

  /** Playing again clears the lesson's reason for the pause. */
  resumed(): void {
    this.pausedBy = undefined
  }

  /** The session's status when it changed since the last call (null once, after closing). */
  status(): LessonStatus | null | undefined {
    if (!this.session) {
      if (this.lastJson !== 'closing') return undefined
      this.lastJson = ''
      return null
    }
    const status: LessonStatus = { ...this.session.snapshot(), pausedBy: this.pausedBy }
    const json = JSON.stringify(status)
    if (json === this.lastJson) return undefined
    this.lastJson = json
    return status
  }
}
