import type { Simulation } from '../sim/index'
import type { DecisionRecord, SchedulerFrame } from '../protocol/records'
import { DecisionsInFull, headlineOf } from './decision-headlines'

// Scale mode: new decisions per frame, as headlines (the newest; the page keeps 80 anyway).
// Hundreds of Pods are scheduled per virtual second there, more than anyone reads one by one.
const MAX_SCALE_DECISIONS_PER_FRAME = 20

/**
 * Decides what of the scheduler's view goes into the next frame: decisions newer than the last
 * one sent, and the queue when it changed. Nothing at all when the simulation has not moved,
 * so an idle or paused cluster sends no scheduler bytes. In scale mode (`summarise`) decisions
 * go as headlines, and only the one the page shows (`show`) in full, rows and scores included.
 */
export class SchedulerStream {
  private sentSeq = -1
  private sentQueue = ''
  private lastChangeKey = ''
  private summarise = false
  private readonly inFull = new DecisionsInFull()

  /** Scale mode's decisions (headlines, one in full) or every decision in full. */
  setSummarise(on: boolean): void {
    this.summarise = on
    this.inFull.clear()
    this.lastChangeKey = ''
  }

  /** The decision the page shows in full: '' the newest, a Pod's (namespace/name), null none. */
  show(decision: string | null): void {
    this.inFull.show(decision)
    // Sent with the next frame even if the simulation has not moved.
    this.lastChangeKey = ''
  }

  /** The scheduler part of the next frame (everything when `replace`), or undefined when unchanged. */
  next(sim: Simulation, replace: boolean, wallMs = 0): SchedulerFrame | undefined {
    const changeKey = `${sim.processedEvents}:${sim.actions.length}:${sim.nowMs}`
    if (!replace && changeKey === this.lastChangeKey) return undefined
    this.lastChangeKey = changeKey
    const view = sim.schedulerView()
    if (!view) return undefined
    const fresh = replace ? view.decisions : view.decisions.filter((d) => d.seq > this.sentSeq)
    const decisions = this.summarise
      ? this.summarised(view.decisions, fresh, replace, wallMs)
      : fresh
    const queue = JSON.stringify(view.queue)
    const queueChanged = queue !== this.sentQueue
    this.sentSeq = view.decisionSeq
    this.sentQueue = queue
    if (!replace && decisions.length === 0 && !queueChanged) return undefined
    return { replace, decisions, ...(queueChanged || replace ? { queue: view.queue } : {}) }
  }

  /** Headlines of the newest fresh decisions, and last the shown one in full when it is new. */
  private summarised(
    kept: readonly DecisionRecord[],
    fresh: readonly DecisionRecord[],
    replace: boolean,
    wallMs: number,
  ): DecisionRecord[] {
    if (replace) this.inFull.clear()
    this.inFull.remember(fresh)
    const full = this.inFull.due(kept, wallMs)
    const headlines = fresh
      .filter((d) => d.seq !== full?.seq)
      .slice(-MAX_SCALE_DECISIONS_PER_FRAME)
      .map(headlineOf)
    return full ? [...headlines, full] : headlines
  }
}
