import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../index'
import type { EtcdMemberState } from './member-state'
import { RELEASE_DELAY_AFTER_SNAPSHOT_MS, SNAPSHOT_REPORT_MS } from './member-ready'
import { firstIndex } from './raft/log'

// etcd v3.5 EtcdServer.snapshot (server/etcdserver/server.go): after saving a snapshot it
// compacts the Raft log, unless a snapshot is in flight to a follower (sendMergedSnap raises
// inflightSnapshots until the send completes plus releaseDelayAfterSnapshot, 30 s): "skip
// compaction since there is an inflight snapshot". The MVCC compaction is not affected.

const members = (sim: Simulation): EtcdMemberState[] =>
  Object.values(
    (sim as unknown as { kernel: { actors: Record<string, { kind: string }> } }).kernel.actors,
  ).filter((a): a is EtcdMemberState => a.kind === 'etcd')

const HOLD_MS = SNAPSHOT_REPORT_MS + RELEASE_DELAY_AFTER_SNAPSHOT_MS

describe('etcd pauses Raft log compaction while a snapshot is in flight', () => {
  it('keeps the leader’s log whole for the send plus 30 s, then compacts again', () => {
    const sim = createSimulation({
      seed: 7,
      nodes: 3,
      etcdRaft: { snapshotCount: 20, catchUpEntries: 5 },
    })
    sim.advance(3_000)
    const follower = members(sim).find((m) => m.raft.role === 'follower')
    if (!follower) throw new Error('no follower')
    sim.dispatch({ type: 'stopComponent', id: follower.id })
    sim.advance(30_000)
    const from = sim.trace.length
    sim.dispatch({ type: 'startComponent', id: follower.id })
    const sentSnap = () =>
      sim.trace
        .slice(from)
        .find(
          (e) => e.type === 'MessageSent' && e.label.startsWith('MsgSnap') && e.to === follower.id,
        )
    expect(sim.runUntil(() => sentSnap() !== undefined, 30_000)).toBe(true)
    const sentAt = sentSnap()?.atMs ?? 0
    const leader = members(sim).find((m) => m.raft.role === 'leader')
    if (!leader) throw new Error('no leader')
    const heldFirst = firstIndex(leader.raft.log)
    const heldSnapshot = leader.raft.log.snapshot.metadata.index
    sim.advanceTo(sentAt + HOLD_MS - 1)
    // Snapshots were taken meanwhile, the log was not compacted behind them.
    expect(leader.raft.log.snapshot.metadata.index).toBeGreaterThan(heldSnapshot)
    expect(firstIndex(leader.raft.log)).toBe(heldFirst)
    const skipped = sim.trace
      .slice(from)
      .filter(
        (e) =>
          e.type === 'Narrated' &&
          e.actor === leader.id &&
          e.text === `${leader.id}: skip compaction since there is an inflight snapshot`,
      )
    expect(skipped.length).toBeGreaterThan(0)
    expect(skipped.every((e) => e.atMs >= sentAt && e.atMs < sentAt + HOLD_MS)).toBe(true)
    // Released: the next snapshot compacts, keeping SnapshotCatchUpEntries behind it.
    expect(sim.runUntil(() => firstIndex(leader.raft.log) > heldFirst, 60_000)).toBe(true)
    const log = leader.raft.log
    expect(firstIndex(log)).toBe(log.snapshot.metadata.index - 5 + 1)
  }, 60_000)
})
