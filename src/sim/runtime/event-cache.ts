/**
 * The three LRU caches of client-go's EventCorrelator (events_cache.go, v0.32.4), each of
 * maxLruCacheEntries keys: the eventLogger's (an event's count, first time and name), the
 * EventAggregator's (the messages seen lately for a source, object, type and reason) and the
 * EventSourceObjectSpamFilter's (a token bucket per source, object and type). Every key of all
 * three names one involved object (its uid and name are part of each), so they are kept grouped
 * by that object: one flat array per object holds all its entries, whichever cache they belong
 * to, and no key string is built per event. Each cache still counts, and evicts, on its own.
 * Plain data (a Map of arrays of strings and numbers): checkpoints share what did not change.
 */
import { boundedIntern } from '../core/bounded-intern'

/**
 * One involved object's entries: its name, then five slots per entry. The first slot is the
 * entry's key without the object (`tail`, whose first character names the cache), the second
 * when it was last used (the LRU's order); the other three are the cache's own values.
 */
export type EntryValue = string | number | string[]
export type EventGroup = EntryValue[]
export const TAIL = 0
export const USED = 1
export const SLOTS = 5

/** The caches, by the first character of an entry's tail. */
export const LOGGER = 0
export const AGGREGATOR = 1
export const SPAM = 2
export type CacheId = typeof LOGGER | typeof AGGREGATOR | typeof SPAM
/** Tail prefixes: the logger keys an event by its full key ('e') or by its aggregate key ('g'). */
export const EVENT_KEY = 'e'
export const AGGREGATE_EVENT_KEY = 'g'
export const AGGREGATE_KEY = 'a'
export const SPAM_KEY = 's'

const cacheOfTail = (tail: string): CacheId => {
  const first = tail[0]
  return first === AGGREGATE_KEY ? AGGREGATOR : first === SPAM_KEY ? SPAM : LOGGER
}

export interface EventCorrelatorState {
  /**
   * The entries grouped by the involved object's uid: a Pod's entries share one group whose key
   * is the uid string the Pod holds anyway. A second object with the same uid and another name
   * (never, for objects the API server made) is kept under `uid \0 name`.
   */
  byObject: Map<string, EventGroup>
  /** The eventLogger's keys, all groups together. Invariant: at most MAX_ENTRIES. */
  size: number
  /** The aggregator's and the spam filter's keys. Invariant: each at most MAX_ENTRIES. */
  aggregates: number
  spamRecords: number
  /** Bumped on every use: an entry's USED slot, so a cache's least recently used is its smallest. */
  clock: number
}

// maxLruCacheEntries = 4096: events_cache.go (v0.32.4); NewEventCorrelator sizes the eventLogger,
// the aggregator and the spam filter with it, each its own lru.Cache (k8s.io/utils/lru).
export const MAX_ENTRIES = 4096

export function createEventCorrelator(): EventCorrelatorState {
  return { byObject: new Map(), size: 0, aggregates: 0, spamRecords: 0, clock: 0 }
}

/** How many events the eventLogger remembers (at most 4096). */
export const cachedEventCount = (state: EventCorrelatorState): number => state.size

const secondKey = (uid: string, name: string): string => `${uid}\0${name}`

/** The group of the object `uid`/`name`, if the caches hold one. */
export function groupOf(
  state: EventCorrelatorState,
  uid: string,
  name: string,
): EventGroup | undefined {
  const group = state.byObject.get(uid)
  if (group?.[0] === name) return group
  return state.byObject.get(secondKey(uid, name))
}

/** The slot where `tail`'s entry starts in `group`, or -1. */
export function slotOf(group: EventGroup | undefined, tail: string): number {
  if (group === undefined) return -1
  for (let i = 1; i < group.length; i += SLOTS) if (group[i + TAIL] === tail) return i
  return -1
}

/** lru.Cache Get of a hit: the entry is the most recently used now. */
export function touch(state: EventCorrelatorState, group: EventGroup, slot: number): void {
  group[slot + USED] = ++state.clock
}

// Tails and messages seen lately, each kept once: every Pod of a Deployment records the same
// Created and Started events, so their entries share one string (entries compare by value).
// One table serves every correlator in the process, and a kubelet's tails name its node: ~13
// strings a node (four reasons' aggregate and event tails, their messages, the spam tail), so
// at 1,000 nodes (13,000 of them) a 4,096-key table was cleared again and again and a node's
// later Pods often kept their own copies. Sized for 5,000 nodes; only identity depends on it.
const INTERNED_STRINGS = 65_536
export const interned = boundedIntern<string>(INTERNED_STRINGS, 'runtime/event-cache.ts interned')

const sizeOf = (state: EventCorrelatorState, cache: CacheId): number =>
  cache === LOGGER ? state.size : cache === AGGREGATOR ? state.aggregates : state.spamRecords

function count(state: EventCorrelatorState, cache: CacheId, by: number): void {
  if (cache === LOGGER) state.size += by
  else if (cache === AGGREGATOR) state.aggregates += by
  else state.spamRecords += by
}

/**
 * lru.Cache Add of a new key: the entry `tail` with its three values, the most recently used,
 * evicting its cache's least recently used past the limit.
 */
export function addEntry(
  state: EventCorrelatorState,
  uid: string,
  name: string,
  tail: string,
  a: EntryValue,
  b: EntryValue,
  c: EntryValue,
): void {
  const group = groupOf(state, uid, name)
  // Where the group is, or where a new one goes (the uid's place if free).
  const atUid = group === undefined ? !state.byObject.has(uid) : group === state.byObject.get(uid)
  const key = atUid ? uid : secondKey(uid, name)
  // A new array of exactly the new length (concat), not push: a pushed array keeps half again
  // its length spare, and an object's group lives as long as the caches keep its entries.
  // Replacing a key's value keeps its place in the Map's order (the eviction scan's order).
  const added = [interned(tail, tail), ++state.clock, a, b, c]
  state.byObject.set(key, (group ?? [name]).concat(added))
  const cache = cacheOfTail(tail)
  count(state, cache, 1)
  if (sizeOf(state, cache) > MAX_ENTRIES) evictOldest(state, cache)
}

/** Drops the least recently used entry of one cache (a scan: only once that cache holds 4096). */
function evictOldest(state: EventCorrelatorState, cache: CacheId): void {
  let oldestKey: string | undefined
  let oldestSlot = -1
  let oldestUse = Infinity
  for (const [key, group] of state.byObject)
    for (let i = 1; i < group.length; i += SLOTS) {
      const used = group[i + USED] as number
      if (used < oldestUse && cacheOfTail(group[i + TAIL] as string) === cache)
        [oldestKey, oldestSlot, oldestUse] = [key, i, used]
    }
  const group = oldestKey === undefined ? undefined : state.byObject.get(oldestKey)
  if (oldestKey === undefined || group === undefined) return
  group.splice(oldestSlot, SLOTS)
  if (group.length === 1) state.byObject.delete(oldestKey)
  count(state, cache, -1)
}
