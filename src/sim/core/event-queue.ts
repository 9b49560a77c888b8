/**
 * The simulation's only scheduler: a binary min-heap of plain-data entries ordered by
 * (atMs, seq). `seq` is a global insertion counter, so two entries due at the same virtual
 * millisecond run in the order they were scheduled, which makes every run reproducible.
 * Entries are plain data (no closures) so a checkpoint can copy the queue with structuredClone.
 */
export interface QueueEntry<T> {
  atMs: number
  seq: number
  item: T
}

export interface EventQueueState<T> {
  heap: QueueEntry<T>[]
  nextSeq: number
}

export function createEventQueue<T>(): EventQueueState<T> {
  return { heap: [], nextSeq: 0 }
}

function isBefore<T>(x: QueueEntry<T>, y: QueueEntry<T>): boolean {
  return x.atMs < y.atMs || (x.atMs === y.atMs && x.seq < y.seq)
}

/** Adds `item` due at `atMs`; returns its sequence number. */
export function pushEvent<T>(queue: EventQueueState<T>, atMs: number, item: T): number {
  const entry: QueueEntry<T> = { atMs, seq: queue.nextSeq++, item }
  const heap = queue.heap
  heap.push(entry)
  let i = heap.length - 1
  while (i > 0) {
    const parent = (i - 1) >> 1
    const parentEntry = heap[parent] as QueueEntry<T>
    if (!isBefore(entry, parentEntry)) break
    heap[i] = parentEntry
    i = parent
  }
  heap[i] = entry
  return entry.seq
}

/** The earliest entry without removing it. */
export function peekEvent<T>(queue: EventQueueState<T>): QueueEntry<T> | undefined {
  return queue.heap[0]
}

/** Removes and returns the earliest entry. */
export function popEvent<T>(queue: EventQueueState<T>): QueueEntry<T> | undefined {
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
    const leftEntry = heap[left] as QueueEntry<T>
    const rightEntry = heap[right]
    const child = rightEntry !== undefined && isBefore(rightEntry, leftEntry) ? right : left
    const childEntry = heap[child] as QueueEntry<T>
    if (!isBefore(childEntry, last)) break
    heap[i] = childEntry
    i = child
  }
  heap[i] = last
  return top
}
