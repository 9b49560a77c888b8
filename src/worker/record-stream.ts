import type { Simulation } from '../sim/index'
import type { Frame } from '../protocol/messages'
import { CarriedDelta, fitFrame } from './frame-budget'
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

  /**
   * Adds a reset to the frame, or takes the changes since the last frame to be sent within the
   * budget by `fit`; returns whether it was a reset.
   */
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
    this.carried.add(delta.delta)
    this.revision = delta.revision
    return false
  }

  /** The last step of a frame: its scale part, then everything within the frame's byte budget. */
  fit(frame: Frame): void {
    const scale = this.scale
    scale?.add(frame)
    fitFrame(frame, {
      ...(scale ? { aggregates: (f: Frame, bytes: number) => scale.addChanges(f, bytes) } : {}),
      records: (f, bytes) => {
        const taken = this.carried.take(bytes)
        f.delta = taken.delta
        if (this.carried.size > 0) f.carried = this.carried.size
        return taken.bytes
      },
    })
  }
}
