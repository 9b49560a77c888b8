import type { EtcdMemberState } from './member-state'
import { compact, dropHistoryBelow, restoreMvcc, snapshotMvcc, type MvccState } from './mvcc'
import type { Snapshot } from './raft/types'

/**
 * etcd compacts its backend (bbolt), and the backend is what a restart opens and what a snapshot
 * sent to a follower carries (createMergedSnapshotMessage sends the backend as it is now,
 * server/etcdserver/snapshot_merge.go, etcd v3.5). Here a member's snapshot holds a copy of the
 * store at the snapshot index instead, so when the member applies a compaction its snapshot's
 * copy drops the same history: a restart sees what the compacted backend would (the replayed
 * Compact entry then finds it done), and the snapshot does not keep alive the history the live
 * store let go.
 */
export function compactSnapshotStore(state: EtcdMemberState, revision: number): void {
  const done = new Map<Snapshot, Snapshot>()
  const compacted = (snap: Snapshot | undefined): Snapshot | undefined => {
    if (snap === undefined) return undefined
    const known = done.get(snap)
    if (known) return known
    const next = compactedSnapshot(snap, revision)
    done.set(snap, next)
    return next
  }
  state.raft.log.snapshot = compacted(state.raft.log.snapshot) ?? state.raft.log.snapshot
  const onDisk = compacted(state.disk.snapshot)
  if (onDisk !== undefined) state.disk.snapshot = onDisk
}

function compactedSnapshot(snap: Snapshot, revision: number): Snapshot {
  const data = snap.data as MvccState | undefined
  if (data?.kv === undefined) return snap
  // A compaction past the snapshot's revision drops all of its history (the rest replays).
  const at = Math.min(revision, data.revision)
  if (at <= data.compactRevision) return snap
  const store = restoreMvcc(data)
  compact(store, at)
  // Past the snapshot's revision even its last revision's changes were superseded or kept as
  // the latest of their keys (in `kv`): none of its history is left to watch.
  if (revision > data.revision) dropHistoryBelow(store, revision)
  return { ...snap, data: snapshotMvcc(store) }
}
