import type { Simulation } from '../sim/index'
import type { Frame } from '../protocol/messages'
import { CarriedDelta, fitFrame } from './frame-budget'
import type { StoreChange } from '../sim/index'
import { allRecords, deltaOf } from './frame-builder'
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
  /** The store's changes the last frame took (empty after a reset): what moved since. */
  private lastChanges: readonly StoreChange[] = []

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
    const changes = this.needsReset ? 'reset' : sim.changesSince(this.revision)
    this.lastChanges = changes === 'reset' ? [] : changes
    if (changes === 'reset') {
      const { records, revision } = scale ? scale.reset(sim) : allRecords(sim)
      this.carried.clear()
      frame.reset = { objects: records, components: sim.components() }
      this.revision = revision
      this.needsReset = false
      return true
    }
    const delta = scale ? scale.delta(changes, this.revision) : deltaOf(changes, this.revision)
    this.carried.add(delta.delta)
    this.revision = delta.revision
    return false
  }

  /** Whether the last frame's changes touched `key` or a key under one of `prefixes`. */
  changed(prefixes: readonly string[], key = ''): boolean {
    for (const change of this.lastChanges)
      if (change.key === key || prefixes.some((p) => change.key.startsWith(p))) return true
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
