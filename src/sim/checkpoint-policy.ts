/**
 * When the Simulation copies its kernel for seeking, and how many copies it keeps. A copy shares
 * every frozen value (core/share-clone.ts), the copy of every actor that did nothing since the
 * last checkpoint, and, of an actor that did something, every part that still equals the last
 * copy (core/copy-like.ts: a kubelet that renewed its Lease costs the path to that field). The
 * time to take one is budgeted in the objects it reads, the memory to keep them in bytes: the
 * objects they hold of their own, and the frozen values they share that the live state has since
 * dropped (a Raft log before etcd's snapshot, values and history before a compaction), which only
 * they keep alive (checkpoint-pins.ts). A checkpoint is taken as often as the cluster's event
 * rate pays for, and the older ones are thinned.
 */

import type { AnyActor } from './cluster'
import { ownObjectsKept } from './core/copy-like'
import type { PinLedger } from './core/pin-ledger'
import { ShareCopier } from './core/share-clone'
import type { KernelState } from './runtime/kernel'

/** What the policy needs to know about a kept checkpoint. */
export interface CheckpointCost {
  atMs: number
  /** Objects its copy holds of its own (the rest is shared with the live state or earlier copies). */
  copiedObjects: number
  /**
   * Estimated bytes of the frozen values it shares that the next kept checkpoint no longer holds
   * (core/pin-ledger.ts; checkpoint-pins.ts): what only it and older ones keep alive.
   */
  pinnedBytes?: number
  /** Mutable objects taking it read (copied, or found equal to an earlier copy): its time. */
  walkedObjects: number
  /** Members of the arrays, Maps and Sets it compared (ShareCopier.walkedMembers): the rest of it. */
  walkedMembers?: number
  /** Kernel events processed when it was taken. */
  processedEvents: number
}

// A checkpoint is taken at a boundary only once the events since the last one outweigh its copy,
// the last checkpoint's own copy standing for the next one's. The aim: checkpoints near a tenth
// of the run, and seeking replaying at most about ten times one copy's time. Measured again in a
// steady 1,000-node minute (2,000 Pods, session 10; CPU-s of each checkpoint and of the minute
// without one): walking an object costs ~2 µs and an event ~10 µs (it was ~3 µs against ~30 µs
// when this was 1 object per event). At one walked object per event checkpoints took ~18% of
// the run; at one per two events they take ~9%, and a seek replays at most 2 × (objects walked)
// events ≈ 10 × one copy's time. (At 30 objects an event, as before sharing, they took over half
// of a steady 1,000-node minute.)
export const OBJECTS_PER_EVENT = 0.5
// Reading a member of an array, Map or Set compared with the last copy (most are frozen and
// shared: a Raft entry, an etcd KeyValue, an informer's object) costs about a fifth of walking a
// mutable object: ~0.3-0.5 µs against ~2 µs (a Map and an array of 200,000 frozen values copied
// against their last copy, session 11). Counted as walked objects at this rate: left out, each
// etcd member's Raft log and key index and the API server's Maps counted one object while
// costing their length, which grows with the objects stored, not with the events that pay for
// the copy (1,000 nodes, 9,000 Pods at rest: etcd's and the API server's copies took ~0.23 of a
// checkpoint's 0.88 CPU-s while counting 5,000 of its 271,000 walked objects).
export const WALKED_OBJECTS_PER_MEMBER = 0.2
// A copy this small (a few tens of ms) is taken at up to 30 objects an event, as before sharing:
// a lesson's cluster (3 to 12 nodes, ~1,500 to 20,000 objects a copy) seeks and resets steps
// often, and then replays at most one 5 s boundary.
export const SMALL_COPY_OBJECTS = 20_000
export const SMALL_COPY_OBJECTS_PER_EVENT = 30
// What a copied object weighs. Measured in the 1,000-node scale bench (3,000 Pods): its
// checkpoints held 75 MB for 357,000 copied objects, ~220 bytes each (Maps and arrays with their
// backing stores, not the ~84 bytes of a small object).
export const COPIED_OBJECT_BYTES = 220
// Bytes all kept checkpoints may hold together, copied objects and pinned values: the 2,500,000
// copied objects the budget allowed when it counted objects alone (~550 MB).
export const CHECKPOINT_BYTE_BUDGET = 2_500_000 * COPIED_OBJECT_BYTES
// And at most this many, however small: recent ones 5 s apart, older ones thinned.
export const MAX_CHECKPOINTS = 100

import { shareGroupOf } from './changed-actors'
import { chargeReleased, forgetPinned, handOverPinned } from './checkpoint-pins'

export { ChangedActors } from './changed-actors'

/**
 * The checkpoint boundary just before an event due at `nextMs`, if no checkpoint is kept at or
 * after it yet: every `intervalMs` of virtual time.
 */
export function boundaryBefore(
  nextMs: number,
  intervalMs: number,
  checkpoints: readonly CheckpointCost[],
): number | undefined {
  const boundary = Math.floor(nextMs / intervalMs) * intervalMs
  const last = checkpoints[checkpoints.length - 1]?.atMs ?? 0
  return boundary > last && boundary < nextMs ? boundary : undefined
}

/**
 * Whether a checkpoint at this boundary is worth its copy. A small copy (a lesson's cluster) is
 * weighed by its walked objects alone, as before members were counted: its seeks stay short.
 */
export function isCheckpointDue(
  last: CheckpointCost | undefined,
  processedEvents: number,
): boolean {
  if (!last) return true
  const events = processedEvents - last.processedEvents
  if (last.walkedObjects <= SMALL_COPY_OBJECTS)
    return events * SMALL_COPY_OBJECTS_PER_EVENT >= last.walkedObjects
  const walked = last.walkedObjects + WALKED_OBJECTS_PER_MEMBER * (last.walkedMembers ?? 0)
  return events * OBJECTS_PER_EVENT >= walked
}

/**
 * Thins the kept checkpoints to the count and byte budgets: every other older one goes (the
 * first, at t = 0, and the newest stay), so seeking anywhere replays at most a bounded stretch.
 * `handOver(dropped, kept)` moves what a dropped checkpoint shares with a kept one to it, so
 * the budget keeps counting it.
 */
export function thinCheckpoints<C extends CheckpointCost>(
  checkpoints: C[],
  handOver: (dropped: C, kept: readonly C[]) => void = () => undefined,
  budgetBytes = CHECKPOINT_BYTE_BUDGET,
): C[] {
  const thin = (list: C[], keep: (i: number, last: number) => boolean): C[] => {
    const kept = list.filter((_, i) => keep(i, list.length - 1))
    for (const [i, c] of list.entries()) if (!keep(i, list.length - 1)) handOver(c, kept)
    return kept
  }
  let kept = checkpoints
  if (kept.length > MAX_CHECKPOINTS)
    kept = thin(kept, (i) => i === 0 || i % 2 === 1 || i > MAX_CHECKPOINTS / 2)
  const total = (list: C[]) => list.reduce((sum, c) => sum + checkpointBytes(c), 0)
  while (kept.length > 2 && total(kept) > budgetBytes) {
    // Every other one goes; of three or four (where that would drop none, or only one the
    // newest then outgrows), only the first and the newest stay: the loop always shortens.
    kept =
      kept.length > 4
        ? thin(kept, (i, last) => i === 0 || i === last || i % 2 === 1)
        : thin(kept, (i, last) => i === 0 || i === last)
  }
  return kept
}

/** What a kept checkpoint weighs for the budget: its copied objects and the values it pins. */
export function checkpointBytes(c: CheckpointCost): number {
  return c.copiedObjects * COPIED_OBJECT_BYTES + (c.pinnedBytes ?? 0)
}

/** A kept copy of the kernel, and where the trace and the action log stood then. */
export interface Checkpoint extends CheckpointCost {
  kernel: KernelState<AnyActor>
  traceLength: number
  actionCount: number
  /**
   * Objects copied for each actor this checkpoint holds a copy of its own of (counted in
   * `copiedObjects`); the other actors' copies are an earlier checkpoint's, shared.
   */
  actorObjects: Map<string, number>
  /** `pinnedBytes` by birth: the virtual ms of the first checkpoint that held the values. */
  pinnedByBirth: Map<number, number>
}

/**
 * What a new checkpoint may share (changed-actors.ts): the copy `from` (the last checkpoint taken
 * or restored) and the share groups whose actors may have changed since ('all' after anything
 * but an event, an action say). Actors of one group (shareGroupOf: a machine's processes, a
 * kubelet on its own) are shared or copied together: they may share state. Told when a
 * checkpoint is taken, to share with that one next.
 */
export interface ShareBase {
  base(): { from: KernelState<AnyActor>; changedGroups: ReadonlySet<string> | 'all' } | undefined
  since(copy: KernelState<AnyActor>): void
  /** Births and sizes of the frozen values copies share (absent: what they pin is not counted). */
  readonly pins?: PinLedger
}

/**
 * The kept checkpoints after a boundary at `where.atMs`: with a copy of `kernel` when one is due
 * there (the first always is), thinned to the budgets (`budgetBytes`: a browser tab's is
 * smaller). An actor unchanged since `sharing`'s base keeps the base's copy (copies are never
 * changed), so a checkpoint costs the actors that did something. What the last checkpoint held
 * and this copy does not (frozen values: core/pin-ledger.ts) is charged to it.
 * Pure for the kernel: it is only read.
 */
export function withCheckpoint(
  checkpoints: Checkpoint[],
  kernel: KernelState<AnyActor>,
  where: { atMs: number; traceLength: number; actionCount: number },
  sharing?: ShareBase,
  budgetBytes = CHECKPOINT_BYTE_BUDGET,
): Checkpoint[] {
  if (checkpoints.some((c) => c.atMs === where.atMs)) return checkpoints
  const last = checkpoints[checkpoints.length - 1]
  if (!isCheckpointDue(last, kernel.processedEvents)) return checkpoints
  const pins = sharing?.pins?.walk(where.atMs)
  const copier = new ShareCopier(pins)
  const shareable = sharing?.base()
  const changed = shareable?.changedGroups ?? 'all'
  const earlier = shareable?.from
  const actorObjects = new Map<string, number>()
  for (const [id, actor] of Object.entries(kernel.actors)) {
    const was = earlier?.actors[id]
    if (was && changed !== 'all' && !changed.has(shareGroupOf(actor))) {
      copier.reuse(actor, was)
      continue
    }
    const copied = copier.copiedObjects
    if (copier.copyLike(actor, was) === was) continue
    actorObjects.set(id, copier.copiedObjects - copied)
  }
  const checkpoint = {
    ...where,
    kernel: copier.copyLike(kernel, earlier),
    copiedObjects: copier.copiedObjects,
    walkedObjects: copier.walkedObjects,
    walkedMembers: copier.walkedMembers,
    actorObjects,
    processedEvents: kernel.processedEvents,
    pinnedBytes: 0,
    pinnedByBirth: new Map<number, number>(),
  }
  // What the last checkpoint held that this one does not is now kept alive by it alone. (It was
  // the newest: it pinned nothing, unless later ones were forgotten since: a fork, a reset.)
  if (pins && last && last.kernel === earlier) chargeReleased(forgetPinned(last), pins.released())
  sharing?.since(checkpoint.kernel)
  return thinCheckpoints(
    [...checkpoints, checkpoint],
    (dropped, kept) => {
      handOverShared(dropped, kept)
      handOverPinned(dropped, kept)
    },
    budgetBytes,
  )
}

/**
 * A dropped checkpoint's own objects (those the kept one before it does not hold) that a later
 * kept one still holds are that one's to count now, so the budget counts each kept object once:
 * under the earliest kept checkpoint that holds it. Copies share only in the same place
 * (core/copy-like.ts), so this walks the dropped one's own objects only. A whole actor copy goes
 * to the first later checkpoint holding it; parts of one are looked for in the next kept one
 * only (after seeking back a later checkpoint may share with an older one instead: not counted).
 */
export function handOverShared(dropped: Checkpoint, kept: readonly Checkpoint[]): void {
  const later = kept.filter((c) => c.atMs > dropped.atMs)
  const next = later[0]
  if (!next) return
  const before = kept.findLast((c) => c.atMs < dropped.atMs)?.kernel
  const give = (heir: Checkpoint, id: string | undefined, objects: number) => {
    if (objects === 0) return
    if (id !== undefined) heir.actorObjects.set(id, (heir.actorObjects.get(id) ?? 0) + objects)
    heir.copiedObjects += objects
  }
  for (const [id, objects] of dropped.actorObjects) {
    const copy = dropped.kernel.actors[id]
    const whole = later.find((c) => c.kernel.actors[id] === copy)
    if (whole) give(whole, id, objects)
    else give(next, id, ownObjectsKept(before?.actors[id], copy, next.kernel.actors[id]))
  }
  // The rest of the kernel (queue, network, the actors record) belongs to no actor.
  const { actors: _a, ...rest } = dropped.kernel
  const { actors: _b, ...nextRest } = next.kernel
  const { actors: _c, ...beforeRest } = before ?? { actors: undefined }
  give(next, undefined, ownObjectsKept(beforeRest, rest, nextRest))
}
