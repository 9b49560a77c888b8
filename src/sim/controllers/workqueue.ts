import type { ActorContext } from '../runtime/actor'

/**
 * client-go's workqueue, reduced to what the controllers need: a FIFO of keys where a key is
 * queued at most once, per-key exponential back-off for retries after an error (5 ms doubling,
 * capped at 1000 s), and delayed adds. Plain data, so it survives a checkpoint.
 * Source: staging/src/k8s.io/client-go/util/workqueue/{queue.go,default_rate_limiters.go} (v1.32)
 */
export interface WorkQueue {
  /** Its name: the timers it arms carry it, so one actor can run several queues. */
  name: string
  items: string[]
  /** Index of the next item in `items` (shift() is O(n); the array is compacted now and then). */
  head: number
  queued: Record<string, true>
  failures: Record<string, number>
  /** A sync timer is armed. */
  armed: boolean
  /** Keys handed to the worker so far (reconciles: the benchmark's measure). */
  processed: number
}

// DefaultTypedControllerRateLimiter: ItemExponentialFailureRateLimiter(5ms, 1000s).
const BASE_DELAY_MS = 5
const MAX_DELAY_MS = 1_000_000
// Each work item costs about a millisecond of controller CPU.
export const SYNC_PROCESSING_MS = 1

export function createWorkQueue(name: string): WorkQueue {
  return { name, items: [], head: 0, queued: {}, failures: {}, armed: false, processed: 0 }
}

function arm(ctx: ActorContext, queue: WorkQueue): void {
  if (queue.armed || queue.head >= queue.items.length) return
  queue.armed = true
  ctx.setTimer(SYNC_PROCESSING_MS, { name: 'workqueue', data: queue.name })
}

/** Keys waiting to be synced. */
export function queueLength(queue: WorkQueue): number {
  return queue.items.length - queue.head
}

/** Add: queue the key unless it is already waiting. */
export function enqueue(ctx: ActorContext, queue: WorkQueue, key: string): void {
  if (!queue.queued[key]) {
    queue.queued[key] = true
    queue.items.push(key)
  }
  arm(ctx, queue)
}

/** AddAfter: queue the key once `delayMs` has passed. */
export function enqueueAfter(
  ctx: ActorContext,
  queue: WorkQueue,
  key: string,
  delayMs: number,
): void {
  if (delayMs <= 0) return enqueue(ctx, queue, key)
  ctx.setTimer(delayMs, { name: 'workqueue-add', data: { queue: queue.name, key } })
}

/** AddRateLimited: retry after this key's back-off, which doubles on every failure. */
export function requeueRateLimited(ctx: ActorContext, queue: WorkQueue, key: string): void {
  const failures = queue.failures[key] ?? 0
  queue.failures[key] = failures + 1
  enqueueAfter(ctx, queue, key, Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** failures))
}

/** Forget: the key synced cleanly, reset its back-off. */
export function forget(queue: WorkQueue, key: string): void {
  delete queue.failures[key]
}

/** Takes the next key when the queue's sync timer fires, and re-arms for the rest. */
export function takeNext(ctx: ActorContext, queue: WorkQueue): string | undefined {
  queue.armed = false
  const key = queue.items[queue.head]
  if (key !== undefined) {
    queue.head++
    queue.processed++
    delete queue.queued[key]
  }
  if (queue.head > 1024 && queue.head * 2 > queue.items.length) {
    queue.items = queue.items.slice(queue.head)
    queue.head = 0
  }
  arm(ctx, queue)
  return key
}

/** Empties the queue (a restart, or losing leadership). */
export function clearQueue(queue: WorkQueue): void {
  queue.items = []
  queue.head = 0
  queue.queued = {}
  queue.failures = {}
  queue.armed = false
}
