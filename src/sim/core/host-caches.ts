/**
 * Tables kept outside the sim state, at module level: intern tables (core/bounded-intern.ts) and
 * memos of pure functions. A checkpoint neither copies nor needs them, and only identity or CPU
 * time depends on what they hold, never a value; but they weigh on the heap as much as an owner
 * in the state can. Each registers here under a name, so the memory bench can weigh it and say
 * whose it is (memory.bench.ts); nothing in the sim reads this list.
 */
const caches = new Map<string, unknown>()

/** Names `table` (a Map, Set or array kept for the process's life) for the memory bench. */
export function registerHostCache<T>(name: string, table: T): T {
  caches.set(name, table)
  return table
}

/** The registered tables, by name, in the order they were registered. */
export function hostCaches(): ReadonlyMap<string, unknown> {
  return caches
}
