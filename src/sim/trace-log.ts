import type { SimEvent, SimEventPayload } from './events'

/**
 * The trace limit of a run at scale (the app's scale mode, the scale bench). At 1,000 nodes a Pod
 * start records ~280 entries of ~300 bytes, so an unbounded trace of 150,000 Pods would hold
 * ~12 GB; this keeps 100,000 to 200,000 entries (tens of MB), far more than the page animates
 * between two frames, so the host never misses an entry.
 */
export const SCALE_TRACE_LIMIT = 200_000

/**
 * The Simulation's record of what happened: every trace event, or with a limit the most recent
 * ones. The run never reads it, so bounding it changes nothing but what is remembered; entries
 * keep their sequence numbers (`seq`), so a reader's position survives the oldest being dropped.
 */
export class TraceLog {
  /** The kept entries; entries[0] has sequence number `start`. */
  readonly entries: SimEvent[] = []
  private dropped = 0
  private readonly limit: number

  /** `limit`: the most entries kept (at least 2); when full, the oldest half is dropped. */
  constructor(limit = Infinity) {
    this.limit = Math.max(2, limit)
  }

  /** Sequence number of entries[0]: how many were dropped. */
  get start(): number {
    return this.dropped
  }

  /** The sequence number the next entry will get. */
  get end(): number {
    return this.dropped + this.entries.length
  }

  /**
   * Appends `event` as the entry at `atMs`. Contract: the trace takes the object over (it gets
   * `atMs` and `seq` set on it and becomes the entry), so the caller passes a fresh one and does
   * not keep it; a copy per entry would double the allocation of every message sent.
   */
  record(event: SimEventPayload, atMs: number): void {
    const entry = event as SimEvent
    entry.atMs = atMs
    entry.seq = this.end
    this.entries.push(entry)
    if (this.entries.length <= this.limit) return
    // Amortised: one copy of the kept half per limit/2 entries recorded.
    const drop = this.entries.length - Math.floor(this.limit / 2)
    this.entries.splice(0, drop)
    this.dropped += drop
  }

  /**
   * Forgets every entry from sequence number `end` on (a restored checkpoint's). Going back to
   * before the kept window empties it: the replay records again from there.
   */
  truncate(end: number): void {
    if (end >= this.dropped) {
      this.entries.length = Math.min(this.entries.length, end - this.dropped)
      return
    }
    this.entries.length = 0
    this.dropped = end
  }
}
