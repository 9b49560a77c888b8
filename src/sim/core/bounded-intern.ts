import { registerHostCache } from './host-caches'

/**
 * One copy of each recent value, by key: `intern(key, value)` answers the value first given for
 * `key`, or keeps `value` as it. Up to `limit` keys, then it starts again. Only identity depends
 * on it, never a value, so it lives outside the sim state (checkpoints neither copy nor need it)
 * and what it happens to remember cannot change a run. `name` names its table for the memory
 * bench (host-caches.ts).
 */
export function boundedIntern<V>(limit: number, name: string): (key: string, value: V) => V {
  const held = registerHostCache(name, new Map<string, V>())
  return (key, value) => {
    const known = held.get(key)
    if (known !== undefined) return known
    if (held.size >= limit) held.clear()
    held.set(key, value)
    return value
  }
}
