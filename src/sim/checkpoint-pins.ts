import type { Checkpoint } from './checkpoint-policy'

/**
 * The pinned bytes of kept checkpoints (core/pin-ledger.ts): charged to a checkpoint when the
 * next is taken (as the newest it pinned nothing), and handed down when one is dropped.
 */

// The estimate of pinned bytes (core/pin-ledger.ts) times this is what the heap holds for them:
// PIN_BYTES_SCALE_NOTE.
export const PIN_BYTES_SCALE = 1

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
