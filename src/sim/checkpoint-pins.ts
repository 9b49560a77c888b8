import type { Checkpoint } from './checkpoint-policy'

/**
 * The pinned bytes of kept checkpoints (core/pin-ledger.ts): charged to a checkpoint when the
 * next is taken (as the newest it pinned nothing), and handed down when one is dropped.
 */

// The estimate of pinned bytes (core/pin-ledger.ts) times this is what the heap holds for them.
// Measured at rest (checkpoint.bench.ts, 1,000 nodes, 10,000 Pods, 30 virtual minutes, budget
// 200 MB): what the kept checkpoints keep beyond the live state and beyond their copies
// (heap-walk.ts: frozen values and strings) against the estimate, every 5 minutes: 124 / 87 MB,
// 179 / 87, 232 / 91, 156 / 72, 212 / 103, 239 / 123: 1.4 to 2.5, 2 at the median. (The
// heap-walk follows the heap after GC: that run's and one under the object-count budget
// differed by 196, 201 and 161 MB of heap when their walks differed by 222 MB.) Above 1: the
// estimate leaves out what the newest checkpoint holds that the live state dropped since it
// was taken (charged only when the next is taken), a part first counted with a holder whose
// checkpoint went while another still holds it, and V8's overheads beyond heap-walk's model.
export const PIN_BYTES_SCALE = 2

/** Adds `released` (PinWalk's estimated bytes by birth) to what `checkpoint` pins. */
export function chargeReleased(
  checkpoint: Checkpoint,
  released: ReadonlyMap<number, number>,
): void {
  for (const [birth, bytes] of released) addPinned(checkpoint, birth, bytes * PIN_BYTES_SCALE)
}

function addPinned(checkpoint: Checkpoint, birth: number, bytes: number): void {
  checkpoint.pinnedByBirth.set(birth, (checkpoint.pinnedByBirth.get(birth) ?? 0) + bytes)
  checkpoint.pinnedBytes = (checkpoint.pinnedBytes ?? 0) + bytes
}

/**
 * A dropped checkpoint's pinned values that the kept one before it held too (born at or before
 * it: a value is held over one stretch of time) are that one's to count now: the next kept
 * checkpoint no longer holds them either. The others (born after it) go with the dropped one.
 */
export function handOverPinned(dropped: Checkpoint, kept: readonly Checkpoint[]): void {
  const before = kept.findLast((c) => c.atMs < dropped.atMs)
  if (!before) return
  for (const [birth, bytes] of dropped.pinnedByBirth)
    if (birth <= before.atMs) addPinned(before, birth, bytes)
}

/** `checkpoint`, pinning nothing of its own. */
export function forgetPinned(checkpoint: Checkpoint): Checkpoint {
  checkpoint.pinnedByBirth.clear()
  checkpoint.pinnedBytes = 0
  return checkpoint
}
