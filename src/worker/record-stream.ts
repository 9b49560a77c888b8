import type { Simulation } from '../sim/index'
import type { Frame } from '../protocol/messages'
import { CarriedDelta } from './frame-budget'
import { allRecords, deltaSince } from './frame-builder'
import type { ScaleStream } from './scale-stream'

/**
 * The object records of each frame: everything on a reset (a load, a seek back, a compacted
 * history), otherwise the changes since the last frame within the frame's byte budget (the
 * rest carried over). In scale mode, Pods and Nodes become aggregates (ScaleStream).
 */
export class RecordStream {
  /** The etcd revision the page has (or will have, with what is carried). */
  revision = 0
  scale: ScaleStream | undefined
  private needsReset = true
  private readonly carried = new CarriedDelta()

  requestReset(): void {
    this.needsReset = true
    this.carried.clear()
  }

  /** Adds a reset or a delta to the frame; returns whether it was a reset. */
  add(sim: Simulation, frame: Frame): boolean {
    const scale = this.scale
    const delta = this.needsReset
      ? 'reset'
      : scale
        ? scale.delta(sim, this.revision)
        : deltaSince(sim, this.revision)
    if (delta === 'reset') {
      const { records, revision } = scale ? scale.reset(sim) : allRecords(sim)
      this.carried.clear()
      frame.reset = { objects: records, components: sim.components() }
      this.revision = revision
      this.needsReset = false
      return true
    }
    const budgeted = this.carried.take(delta.delta)
    frame.delta = budgeted.delta
    if (budgeted.carried > 0) frame.carried = budgeted.carried
    this.revision = delta.revision
    return false
  }
}
