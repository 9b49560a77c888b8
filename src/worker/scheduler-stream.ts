import type { Simulation } from '../sim/index'
import type { SchedulerFrame } from '../protocol/records'

/**
 * Decides what of the scheduler's view goes into the next frame: decisions newer than the last
 * one sent, and the queue when it changed. Nothing at all when the simulation has not moved,
 * so an idle or paused cluster sends no scheduler bytes.
 */
export class SchedulerStream {
  private sentSeq = -1
  private sentQueue = ''
  private lastChangeKey = ''

  /** The scheduler part of the next frame (everything when `replace`), or undefined when unchanged. */
  next(sim: Simulation, replace: boolean): SchedulerFrame | undefined {
    const changeKey = `${sim.processedEvents}:${sim.actions.length}:${sim.nowMs}`
    if (!replace && changeKey === this.lastChangeKey) return undefined
    this.lastChangeKey = changeKey
    const view = sim.schedulerView()
    if (!view) return undefined
    const decisions = replace ? view.decisions : view.decisions.filter((d) => d.seq > this.sentSeq)
    const queue = JSON.stringify(view.queue)
    const queueChanged = queue !== this.sentQueue
    this.sentSeq = view.decisionSeq
    this.sentQueue = queue
    if (!replace && decisions.length === 0 && !queueChanged) return undefined
    return { replace, decisions, ...(queueChanged || replace ? { queue: view.queue } : {}) }
  }
}
