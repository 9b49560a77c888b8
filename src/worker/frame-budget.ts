import type { Delta, Frame } from '../protocol/messages'
import type { ObjectRecord } from '../protocol/records'

// A whole frame's size, in bytes of JSON (about what structured cloning copies): enough for
// any change a small cluster makes in one frame; a burst beyond it is spread over the next
// frames instead of one frame that blocks the page.
export const FRAME_BYTES = 128 * 1024
// The trace's lists (decisions, messages, narration) keep up to this share of the budget even
// while a backlog of records or aggregates could take all of it.
const LISTS_SHARE = 1 / 4

/** Bytes of a value as JSON text. */
export const jsonBytes = (value: unknown): number =>
  (JSON.stringify(value) as string | undefined)?.length ?? 0

/** The parts of a frame that wait for the next one when this one is full (state converges). */
export interface CarriedParts {
  /** Fills in the changed aggregates (scale mode), within `bytes`; returns the bytes used. */
  aggregates?: (frame: Frame, bytes: number) => number
  /** Fills in the object records, within `bytes`; returns the bytes used. */
  records: (frame: Frame, bytes: number) => number
}

/**
 * Keeps a frame within `budget` bytes. What is always sent (playback, totals, etcd, meters, the
 * Pods the page asked for) is counted first; then the changed aggregates and object records
 * fill what is left, the rest carried to the next frames; then the trace's lists keep their
 * newest entries that fit and count the rest as dropped (the page shows only the latest of
 * those anyway). A reset frame carries everything.
 */
export function fitFrame(frame: Frame, parts: CarriedParts, budget = FRAME_BYTES): void {
  if (frame.reset) {
    parts.aggregates?.(frame, Infinity)
    parts.records(frame, Infinity)
    return
  }
  const { messages, narration } = frame
  const decisions = frame.scheduler?.decisions ?? []
  frame.messages = []
  frame.narration = []
  if (frame.scheduler) frame.scheduler.decisions = []
  let left = budget - jsonBytes(frame)
  const lists = jsonBytes(messages) + jsonBytes(narration) + jsonBytes(decisions)
  const reserved = Math.min(lists, Math.floor(budget * LISTS_SHARE))
  left -= parts.aggregates?.(frame, left - reserved) ?? 0
  left -= parts.records(frame, left - reserved)
  let dropped = 0
  const keep = <T>(items: T[]): T[] => {
    const kept = keepNewest(items, left)
    left -= kept.bytes
    dropped += items.length - kept.items.length
    return kept.items
  }
  if (frame.scheduler) frame.scheduler.decisions = keep(decisions)
  frame.messages = keep(messages)
  frame.narration = keep(narration)
  frame.droppedEvents += dropped
}

/** The newest items (the end of the list) whose JSON fits `bytes`, in order. */
function keepNewest<T>(items: T[], bytes: number): { items: T[]; bytes: number } {
  let used = 0
  let from = items.length
  while (from > 0) {
    const size = jsonBytes(items[from - 1]) + 1
    if (used + size > bytes) break
    used += size
    from--
  }
  return { items: from === 0 ? items : items.slice(from), bytes: used }
}

/**
 * Records over a frame's byte budget, carried to the next frames. Later changes to the same
 * key replace carried ones (only the newest state matters), and a removal cancels a carried
 * update, so the page always converges on the store's state.
 */
export class CarriedDelta {
  private readonly upserted = new Map<string, ObjectRecord>()
  private readonly removed = new Set<string>()

  clear(): void {
    this.upserted.clear()
    this.removed.clear()
  }

  get size(): number {
    return this.upserted.size
  }

  add(delta: Delta): void {
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
  }

  /**
   * What fits `budgetBytes`: removals always (they are small), records in the order they
   * waited, at least one so a big record never waits for good.
   */
  take(budgetBytes: number): { delta: Delta; bytes: number } {
    const removed = [...this.removed]
    this.removed.clear()
    let bytes = jsonBytes(removed)
    const upserted: ObjectRecord[] = []
    for (const [key, record] of this.upserted) {
      const size = jsonBytes(record) + 1
      if (upserted.length > 0 && bytes + size > budgetBytes) break
      bytes += size
      upserted.push(record)
      this.upserted.delete(key)
    }
    return { delta: { upserted, removed }, bytes }
  }
}
