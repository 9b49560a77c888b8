import { ERR_COMPACTED, range, type KeyValue, type MvccState } from './mvcc'

/**
 * A range read at a past revision, as etcd's RangeRequest.revision gives: the keys as they were
 * then, rebuilt from the current ones by undoing the logged changes after `revision`. A revision
 * below the compaction point is gone (ErrCompacted: `rev < compactMainRev`), one past the current
 * is ErrFutureRev.
 * Source: server/mvcc/kvstore_txn.go rangeKeys (etcd v3.5)
 */
export function rangeAt(
  state: MvccState,
  key: string,
  rangeEnd: string | undefined,
  revision: number,
): KeyValue[] | { error: string } {
  if (revision <= 0 || revision >= state.revision) return range(state, key, rangeEnd)
  if (revision < state.compactRevision) return { error: ERR_COMPACTED }
  const inRange = (k: string) => (rangeEnd === undefined ? k === key : k >= key && k < rangeEnd)
  const byKey = new Map<string, KeyValue>()
  for (const kv of range(state, key, rangeEnd)) byKey.set(kv.key, kv)
  for (let i = state.log.length - 1; i >= 0; i--) {
    const event = state.log[i]
    if (!event || event.kv.modRevision <= revision) break
    if (!inRange(event.kv.key)) continue
    if (event.prevKv) byKey.set(event.kv.key, event.prevKv)
    else byKey.delete(event.kv.key)
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
