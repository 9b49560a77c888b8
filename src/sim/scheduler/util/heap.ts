/**
 * A binary heap over a plain array (so it checkpoints with structuredClone); `less` decides the
 * order and is passed on every call, never stored.
 */
export type Less<T> = (a: T, b: T) => boolean

function swap(h: unknown[], i: number, j: number): void {
  const t = h[i]
  h[i] = h[j]
  h[j] = t
}

function up<T>(h: T[], i: number, less: Less<T>): void {
  while (i > 0) {
    const parent = (i - 1) >> 1
    if (!less(h[i] as T, h[parent] as T)) break
    swap(h, i, parent)
    i = parent
  }
}

function down<T>(h: T[], i: number, less: Less<T>): void {
  for (;;) {
    const l = 2 * i + 1
    if (l >= h.length) return
    const r = l + 1
    const m = r < h.length && less(h[r] as T, h[l] as T) ? r : l
    if (!less(h[m] as T, h[i] as T)) return
    swap(h, i, m)
    i = m
  }
}

export function heapPush<T>(h: T[], item: T, less: Less<T>): void {
  h.push(item)
  up(h, h.length - 1, less)
}

export function heapPop<T>(h: T[], less: Less<T>): T | undefined {
  if (h.length === 0) return undefined
  const top = h[0] as T
  const last = h.pop() as T
  if (h.length > 0) {
    h[0] = last
    down(h, 0, less)
  }
  return top
}

/** Removes the item at index i. */
export function heapRemoveAt<T>(h: T[], i: number, less: Less<T>): T | undefined {
  if (i < 0 || i >= h.length) return undefined
  const item = h[i] as T
  const last = h.pop() as T
  if (i < h.length) {
    h[i] = last
    down(h, i, less)
    up(h, i, less)
  }
  return item
}
