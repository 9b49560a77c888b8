import type { KeyValue } from './mvcc'

/**
 * A member's current KeyValue per key (etcd's treeIndex and the latest value of each key in its
 * backend), held as a frozen map of every key as of some revision (`base`) plus the changes
 * since (`recent`). Every member applies the same entries, so every member's store is the same
 * at the same revision: the members that reach a revision where the index is rebuilt share one
 * base, and each keeps only its recent changes. Three members each holding a Map of every key
 * cost ~37 bytes per key and member (an Event's key, a Pod's, ~6.5 a Pod); a checkpoint copied
 * the three Maps too, where it now shares the frozen base.
 * Which base object a member holds depends on what the others did first (a cache outside the
 * sim state, like entry-payload.ts's firstApplied): never what it reads as.
 *
 * Reads, writes and iteration behave as one Map's, iteration order included (a key keeps its
 * place when written again; deleted and written again, it goes last).
 * Invariant: `recent` maps a key to its KeyValue, or to null when it is deleted and in `base`.
 * Invariant: `moved` holds keys of `base` deleted and written again (their place is `recent`'s).
 */
export interface KvIndex {
  readonly base: ReadonlyMap<string, KeyValue>
  readonly recent: Map<string, KeyValue | null>
  readonly moved: Set<string>
}

const EMPTY: ReadonlyMap<string, KeyValue> = Object.freeze(new Map<string, KeyValue>())

export function createKvIndex(): KvIndex {
  return { base: EMPTY, recent: new Map(), moved: new Set() }
}

export function kvGet(index: KvIndex, key: string): KeyValue | undefined {
  const recent = index.recent.get(key)
  if (recent !== undefined) return recent ?? undefined
  return index.base.get(key)
}

export function kvHas(index: KvIndex, key: string): boolean {
  return kvGet(index, key) !== undefined
}

export function kvSet(index: KvIndex, key: string, kv: KeyValue): void {
  if (index.recent.get(key) === null) {
    // Deleted from the base and written again: it goes last, as a Map's key would.
    index.recent.delete(key)
    index.moved.add(key)
  }
  index.recent.set(key, kv)
}

export function kvDelete(index: KvIndex, key: string): void {
  if (index.base.has(key)) index.recent.set(key, null)
  else index.recent.delete(key)
}

/** Every key's KeyValue in the order one Map would hold them. */
export function* kvEntries(index: KvIndex): Generator<[string, KeyValue]> {
  const { base, recent, moved } = index
  for (const [key, kv] of base) {
    if (moved.has(key)) continue
    const now = recent.get(key)
    if (now === null) continue
    yield [key, now ?? kv]
  }
  for (const [key, kv] of recent) {
    if (kv === null || (base.has(key) && !moved.has(key))) continue
    yield [key, kv]
  }
}

export function* kvValues(index: KvIndex): Generator<KeyValue> {
  for (const [, kv] of kvEntries(index)) yield kv
}

// The index is rebuilt, at most, every this many revisions (a revision every member reaches)...
export const REBUILD_EVERY = 1_024
// ...once its recent changes are this many, or this share of the base: O(1) a write amortised.
const MIN_RECENT = 1_024
const RECENT_SHARE = 1 / 8

/**
 * The latest bases made, with what they were made from: the old base's number, the revision and
 * the recent changes folded in (the member's own Map, let go by it). A member that folds the
 * same changes (the same KeyValue objects: members share them, mvcc.ts reused) into the same
 * base takes that base. Only the latest few are kept, strongly: a WeakRef keeps its target
 * alive until the synchronous run that made it ends (a whole fill), and a WeakMap from each old
 * base to its successor kept every base made since one an old snapshot still held.
 */
const KEPT_REBUILDS = 2
type BaseMap = ReadonlyMap<string, KeyValue>
interface Rebuild {
  from: number
  revision: number
  recent: Map<string, KeyValue | null>
  moved: Set<string>
  base: BaseMap
}
const latest: Rebuild[] = []
const baseNumbers = new WeakMap<BaseMap, number>()
let nextBaseNumber = 1

function numberOf(base: BaseMap): number {
  let n = baseNumbers.get(base)
  if (n === undefined) baseNumbers.set(base, (n = nextBaseNumber++))
  return n
}

/** At `revision`: folds the recent changes into a new (shared) base when they are many. */
export function maybeRebuild(index: KvIndex, revision: number): KvIndex {
  if (revision % REBUILD_EVERY !== 0) return index
  if (index.recent.size < Math.max(MIN_RECENT, index.base.size * RECENT_SHARE)) return index
  return rebuildKvIndex(index, revision)
}

/** The same entries as one new base at `revision` (the one another member made, if any). */
export function rebuildKvIndex(index: KvIndex, revision: number): KvIndex {
  const from = numberOf(index.base)
  let known: Rebuild | undefined
  for (const r of latest)
    if (r.from === from && r.revision === revision && sameChanges(r, index)) known = r
  const base = known?.base ?? Object.freeze(new Map(kvEntries(index)))
  if (known === undefined) {
    latest.unshift({ from, revision, recent: index.recent, moved: index.moved, base })
    if (latest.length > KEPT_REBUILDS) latest.pop()
  }
  return { base, recent: new Map(), moved: new Set() }
}

function sameChanges(a: Rebuild, b: KvIndex): boolean {
  if (a.recent.size !== b.recent.size || a.moved.size !== b.moved.size) return false
  const x = a.recent.entries()
  const y = b.recent.entries()
  // Same keys in the same order with the same KeyValues: the same Map.
  for (let i = 0; i < a.recent.size; i++) {
    const [ka, va] = x.next().value as [string, KeyValue | null]
    const [kb, vb] = y.next().value as [string, KeyValue | null]
    if (ka !== kb || va !== vb) return false
  }
  for (const key of a.moved) if (!b.moved.has(key)) return false
  return true
}

/** A frozen copy for a Raft snapshot: it shares the base, and copies the recent changes. */
export function snapshotKvIndex(index: KvIndex): KvIndex {
  return Object.freeze({
    base: index.base,
    recent: Object.freeze(new Map(index.recent)),
    moved: Object.freeze(new Set(index.moved)),
  })
}

/** A live index from a snapshot's copy. */
export function restoreKvIndex(snapshot: KvIndex): KvIndex {
  return { base: snapshot.base, recent: new Map(snapshot.recent), moved: new Set(snapshot.moved) }
}

/** The key's KeyValue in a store that may be absent (views and tests: a member may be gone). */
export function kvGetIn(store: { kv: KvIndex } | undefined, key: string): KeyValue | undefined {
  return store === undefined ? undefined : kvGet(store.kv, key)
}

/** Every key of a store that may be absent, in the order one Map would hold them. */
export function kvKeysIn(store: { kv: KvIndex } | undefined): string[] {
  return store === undefined ? [] : Array.from(kvEntries(store.kv), ([key]) => key)
}
