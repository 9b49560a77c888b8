import type { Delta } from '../protocol/messages'
import type { ObjectRecord } from '../protocol/records'

// Object records per frame, in bytes of JSON (about what structured cloning copies): enough for
// any change a small cluster makes in one frame; a burst beyond it is spread over the next
// frames instead of one frame that blocks the page.
export const FRAME_RECORD_BYTES = 128 * 1024

/**
 * Records over a frame's byte budget, carried to the next frames. Later changes to the same
 * key replace carried ones (only the newest state matters), and a removal cancels a carried
 * update, so the page always converges on the store's state.
 */
export class CarriedDelta {
  private readonly upserted = new Map<string, ObjectRecord>()
  private readonly removed = new Set<string>()

  private readonly budgetBytes: number

  constructor(budgetBytes = FRAME_RECORD_BYTES) {
    this.budgetBytes = budgetBytes
  }

  clear(): void {
    this.upserted.clear()
    this.removed.clear()
  }

  get size(): number {
    return this.upserted.size
  }

  /** Adds a delta, then takes what fits the budget: removals always (they are small). */
  take(delta: Delta): { delta: Delta; carried: number } {
    for (const key of delta.removed) {
      this.upserted.delete(key)
      this.removed.add(key)
    }
    for (const record of delta.upserted) {
      this.removed.delete(record.key)
      // Re-inserted: a record updated again goes after those waiting longer.
      this.upserted.delete(record.key)
      this.upserted.set(record.key, record)
    }
    const upserted: ObjectRecord[] = []
    let bytes = 0
    for (const [key, record] of this.upserted) {
      const size = JSON.stringify(record).length
      if (upserted.length > 0 && bytes + size > this.budgetBytes) break
      bytes += size
      upserted.push(record)
      this.upserted.delete(key)
    }
    const removed = [...this.removed]
    this.removed.clear()
    return { delta: { upserted, removed }, carried: this.upserted.size }
  }
}
