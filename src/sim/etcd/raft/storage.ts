/**
 * MemoryStorage as plain data: what a member has on disk (etcd's WAL + snap files), modelled on
 * raft/storage.go MemoryStorage (etcd v3.5). The application fills it from each Ready and hands
 * it to createRaft on restart.
 */
import { asIndex, asTerm, NONE } from './types'
import type { Entry, PersistedState, Ready, Snapshot } from './types'

export interface MemoryStorage {
  hardState: PersistedState['hardState']
  snapshot?: Snapshot
  /** Entries after the compaction point; contiguous. */
  entries: Entry[]
}

export function makeStorage(): MemoryStorage {
  return { hardState: { term: asTerm(0), vote: NONE, commit: asIndex(0) }, entries: [] }
}

/**
 * persistReady: snapshot first (it replaces the log, MemoryStorage.ApplySnapshot), then the
 * entries (truncating a conflicting suffix, MemoryStorage.Append), then the HardState.
 */
export function persistReady(s: MemoryStorage, rd: Ready): void {
  if (rd.snapshot !== undefined) {
    s.snapshot = rd.snapshot
    s.entries = []
  }
  const first = rd.entriesToPersist[0]
  if (first !== undefined) {
    // Entries are contiguous, so the truncation point is arithmetic (MemoryStorage.Append).
    const start = s.entries[0]?.index ?? first.index
    s.entries.length = Math.max(0, Math.min(s.entries.length, first.index - start))
    s.entries.push(...rd.entriesToPersist)
  }
  if (rd.hardState !== undefined) s.hardState = rd.hardState
}

/** Records a snapshot made by createSnapshot and drops the entries it covers (etcd restart
 *  only reads WAL entries after the snapshot, so nothing before it is needed). */
export function persistSnapshot(s: MemoryStorage, snap: Snapshot): void {
  if (s.snapshot !== undefined && s.snapshot.metadata.index >= snap.metadata.index) return
  s.snapshot = snap
  s.entries = s.entries.filter((e) => e.index > snap.metadata.index)
}

/** What createRaft reads back on restart. */
export function loadPersisted(s: MemoryStorage): PersistedState {
  const p: PersistedState = { hardState: s.hardState, entries: s.entries }
  if (s.snapshot !== undefined) p.snapshot = s.snapshot
  return p
}
