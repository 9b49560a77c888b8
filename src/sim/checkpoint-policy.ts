/**
 * When the Simulation copies its kernel for seeking, and how many copies it keeps. A copy shares
 * every frozen value (core/share-clone.ts), so what it costs is the objects it copies: both the
 * time to take one and the memory to keep them are budgeted in copied objects, which grow with
 * the cluster. A 3-node cluster checkpoints every 5 s of virtual time as before; a 1,000-node one
 * checkpoints as often as its event rate pays for, and keeps fewer copies.
 */

import type { AnyActor } from './cluster'
import { shareCloneCounting } from './core/share-clone'
import type { KernelState } from './runtime/kernel'

/** What the policy needs to know about a kept checkpoint. */
export interface CheckpointCost {
  atMs: number
  /** Objects its copy holds of its own (the rest is shared with the live state). */
  copiedObjects: number
  /** Kernel events processed when it was taken. */
  processedEvents: number
}

// A checkpoint is taken at a boundary only once the events since the last one outweigh its copy:
// one event does roughly the work of copying 30 objects (a delivery decodes, indexes and answers),
// so checkpoints cost at most a few percent of the run. 21,500 objects after boot at 3 nodes:
// 720 events, which a cluster does within a 5 s interval.
export const OBJECTS_PER_EVENT = 30
// Copied objects all kept checkpoints may hold together: ~84 bytes an object, so ~500 MB.
export const CHECKPOINT_OBJECT_BUDGET = 6_000_000
// And at most this many, however small: recent ones 5 s apart, older ones thinned.
export const MAX_CHECKPOINTS = 100

/** Whether a checkpoint at this boundary is worth its copy. */
export function isCheckpointDue(
  last: CheckpointCost | undefined,
  processedEvents: number,
): boolean {
  if (!last) return true
  return (processedEvents - last.processedEvents) * OBJECTS_PER_EVENT >= last.copiedObjects
}

/**
 * Thins the kept checkpoints to the count and object budgets: every other older one goes (the
 * first, at t = 0, and the newest stay), so seeking anywhere replays at most a bounded stretch.
 */
export function thinCheckpoints<C extends CheckpointCost>(checkpoints: C[]): C[] {
  let kept = checkpoints
  if (kept.length > MAX_CHECKPOINTS)
    kept = kept.filter((_, i) => i === 0 || i % 2 === 1 || i > MAX_CHECKPOINTS / 2)
  const total = (list: C[]) => list.reduce((sum, c) => sum + c.copiedObjects, 0)
  while (kept.length > 2 && total(kept) > CHECKPOINT_OBJECT_BUDGET) {
    const last = kept.length - 1
    kept = kept.filter((_, i) => i === 0 || i === last || i % 2 === 1)
  }
  return kept
}

/** A kept copy of the kernel, and where the trace and the action log stood then. */
export interface Checkpoint extends CheckpointCost {
  kernel: KernelState<AnyActor>
  traceLength: number
  actionCount: number
}

/**
 * The kept checkpoints after a boundary at `where.atMs`: with a copy of `kernel` when one is due
 * there (the first always is), thinned to the budgets. Pure for the kernel: it is only read.
 */
export function withCheckpoint(
  checkpoints: Checkpoint[],
  kernel: KernelState<AnyActor>,
  where: { atMs: number; traceLength: number; actionCount: number },
): Checkpoint[] {
  if (checkpoints.some((c) => c.atMs === where.atMs)) return checkpoints
  if (!isCheckpointDue(checkpoints[checkpoints.length - 1], kernel.processedEvents))
    return checkpoints
  const { copy, copiedObjects } = shareCloneCounting(kernel)
  const checkpoint = {
    ...where,
    kernel: copy,
    copiedObjects,
    processedEvents: kernel.processedEvents,
  }
  return thinCheckpoints([...checkpoints, checkpoint])
}
