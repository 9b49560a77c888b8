/**
 * The simulation's only scheduler: a binary min-heap of plain-data items ordered by
 * (atMs, seq). `seq` is a global insertion counter, so two items due at the same virtual
 * millisecond run in the order they were scheduled, which makes every run reproducible.
 * Items are plain data (no closures) so a checkpoint can copy the queue with structuredClone.
 */

/**
 * What the queue orders by. The item is its own heap entry: pushEvent writes both fields on it,
 * so a queued message or timer is one object, not an entry wrapping it (every message sent in
 * the cluster is queued, and every checkpoint copies the queue).
 */
export interface Queued {
  atMs: number
  seq: number
}

export interface EventQueueState<T extends Queued> {
  heap: T[]
  nextSeq: number
}

export function createEventQueue<T extends Queued>(): EventQueueState<T> {
  return { heap: [], nextSeq: 0 }
}

function isBefore(x: Queued, y: Queued): boolean {
  return x.atMs < y.atMs || (x.atMs === y.atMs && x.seq < y.seq)
}

/**
 * Adds `item` due at `atMs` (setting its atMs and seq); returns its sequence number.
 * Contract: an item is queued at most once at a time; the queue owns it until it is popped.
 */
export function pushEvent<T extends Queued>(
  queue: EventQueueState<T>,
  atMs: number,
  item: T,
): number {
  item.atMs = atMs
  item.seq = queue.nextSeq++
  const heap = queue.heap
  heap.push(item)
  let i = heap.length - 1
  while (i > 0) {
    const parent = (i - 1) >> 1
    const parentItem = heap[parent] as T
    if (!isBefore(item, parentItem)) break
    heap[i] = parentItem
    i = parent
  }
  heap[i] = item
  return item.seq
}

/** The earliest item without removing it. */
export function peekEvent<T extends Queued>(queue: EventQueueState<T>): T | undefined {
  return queue.heap[0]
}

/** Removes and returns the earliest item. */
export function popEvent<T extends Queued>(queue: EventQueueState<T>): T | undefined {
  const heap = queue.heap
  const top = heap[0]
  const last = heap.pop()
  if (top === undefined || last === undefined || heap.length === 0) return top
  let i = 0
  const size = heap.length
  for (;;) {
    const left = 2 * i + 1
    if (left >= size) break
    const right = left + 1
    const leftItem = heap[left] as T
    const rightItem = heap[right]
    const child = rightItem !== undefined && isBefore(rightItem, leftItem) ? right : left
    const childItem = heap[child] as T
    if (!isBefore(childItem, last)) break
    heap[i] = childItem
    i = child
  }
  heap[i] = last
  return top
}
