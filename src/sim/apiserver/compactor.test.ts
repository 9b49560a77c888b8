import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../index'
import type { EtcdMemberState } from '../etcd/member-state'
import { ERR_COMPACTED, eventsSince, type MvccState } from '../etcd/mvcc'
import { executeKv } from '../etcd/kv-execute'
import { COMPACT_REV_KEY, COMPACTION_INTERVAL_MS } from './compactor'
import { kvGet, kvGetIn } from '../etcd/kv-index'

// kube-apiserver's compactor (etcd3/compact.go, v1.32): one compare-and-swap on
// compact_rev_key's version per interval, and a Compact to the revision of the round before.
const members = (sim: Simulation): EtcdMemberState[] =>
  Object.values(
    (sim as unknown as { kernel: { actors: Record<string, { kind: string }> } }).kernel.actors,
  ).filter((a): a is EtcdMemberState => a.kind === 'etcd')

const roundKey = (sim: Simulation) => {
  const kv = kvGetIn(members(sim)[0]?.mvcc, COMPACT_REV_KEY)
  return kv && { version: kv.version, value: Number(kv.value), modRevision: kv.modRevision }
}

let sim: Simulation
let firstRound: ReturnType<typeof roundKey>
let leaseKey: string
beforeAll(() => {
  sim = createSimulation({ seed: 11, nodes: 3 })
  sim.advance(3_000)
  sim.kubectl('create deployment web --image=nginx:1.27 --replicas=3')
  // Just after the first round (the interval starts once the watch cache is ready).
  sim.advance(COMPACTION_INTERVAL_MS)
  firstRound = roundKey(sim)
  leaseKey = sim.etcdKeys('/registry/leases/kube-node-lease/')[0] ?? ''
  sim.advance(COMPACTION_INTERVAL_MS)
}, 120_000)

describe('the API server compactor', () => {
  it('does not compact on its first round: it records the revision it saw (version 1)', () => {
    expect(firstRound).toEqual({
      version: 1,
      value: 0,
      modRevision: expect.any(Number) as number,
    })
  })

  it('compacts every member to the revision of the round before, one interval later', () => {
    const second = roundKey(sim)
    expect(second?.version).toBe(2)
    // The second round put the revision it had seen in the first (the first txn's revision).
    expect(second?.value).toBe(firstRound?.modRevision)
    for (const member of members(sim)) expect(member.mvcc.compactRevision).toBe(second?.value)
  })

  it('drops history below the compact revision and keeps the latest of each key', () => {
    for (const member of members(sim)) {
      const { mvcc } = member
      expect(mvcc.log[0]?.kv.modRevision ?? Infinity).toBeGreaterThanOrEqual(mvcc.compactRevision)
      expect(mvcc.log.some((e) => e.kv.modRevision < mvcc.compactRevision)).toBe(false)
      // A Lease renewed every 10 s since the start is still readable at its latest value.
      const lease = kvGet(mvcc.kv, leaseKey)
      expect(lease?.version).toBeGreaterThan(30)
      expect(lease?.modRevision).toBeGreaterThan(mvcc.compactRevision)
    }
    const pods = sim.kubectl('get pods --no-headers').output.trim().split('\n')
    expect(pods.filter((l) => l.includes('Running'))).toHaveLength(3)
    // The UI's snapshot lists stored objects: compact_rev_key's value is none.
    const snapshot = sim.snapshot()
    expect(snapshot.keys).not.toContain(COMPACT_REV_KEY)
    expect(snapshot.objects.filter((o) => o.kind === 'Pod')).toHaveLength(3)
  })

  it("answers a watch or a read from a compacted revision with etcd's ErrCompacted", () => {
    const member = members(sim)[0] as EtcdMemberState
    const compacted = member.mvcc.compactRevision
    expect(eventsSince(member.mvcc, compacted - 2, '/registry/')).toBe(ERR_COMPACTED)
    // A watch from the compact revision itself (startRevision = compacted) is served.
    expect(Array.isArray(eventsSince(member.mvcc, compacted - 1, '/registry/'))).toBe(true)
    const old = executeKv(member.mvcc, {
      op: 'range',
      key: '/registry/',
      rangeEnd: '/registry0',
      revision: compacted - 1,
    })
    expect(old.result).toEqual({ ok: false, error: ERR_COMPACTED })
    const again = executeKv(member.mvcc, { op: 'compact', revision: compacted })
    expect(again.result).toEqual({ ok: false, error: ERR_COMPACTED })
  })

  it('time travel: seeking back before the compaction and forward again repeats it exactly', () => {
    const at = sim.nowMs
    const compacted = members(sim).map((m) => m.mvcc.compactRevision)
    const key = roundKey(sim)
    sim.seekTo(at - COMPACTION_INTERVAL_MS + 30_000)
    expect(members(sim).map((m) => m.mvcc.compactRevision)).toEqual([0, 0, 0])
    sim.seekTo(at)
    expect(members(sim).map((m) => m.mvcc.compactRevision)).toEqual(compacted)
    expect(roundKey(sim)).toEqual(key)
  })
})

describe('etcd snapshots after a compaction', () => {
  it('hold the compacted history, so a restarted member comes back with the same history', () => {
    const small = createSimulation({
      seed: 5,
      nodes: 3,
      etcdRaft: { snapshotCount: 200, catchUpEntries: 50 },
    })
    small.advance(3_000)
    small.advance(2 * COMPACTION_INTERVAL_MS)
    for (const m of members(small)) {
      const data = m.raft.log.snapshot.data as MvccState
      expect(m.raft.log.snapshot.metadata.index).toBeGreaterThan(0)
      expect(m.mvcc.compactRevision).toBeGreaterThan(0)
      expect(data.compactRevision).toBe(Math.min(m.mvcc.compactRevision, data.revision))
      expect(data.log.every((e) => e.kv.modRevision >= data.compactRevision)).toBe(true)
    }
    const follower = members(small).find((m) => m.raft.role !== 'leader')
    if (!follower) throw new Error('no follower')
    small.dispatch({ type: 'stopComponent', id: follower.id })
    small.advance(1_000)
    small.dispatch({ type: 'startComponent', id: follower.id })
    small.advance(10_000)
    const back = members(small).find((m) => m.id === follower.id)
    const leader = members(small).find((m) => m.raft.role === 'leader')
    expect(back?.mvcc.revision).toBe(leader?.mvcc.revision)
    expect(back?.mvcc.compactRevision).toBe(leader?.mvcc.compactRevision)
    expect(back?.mvcc.log).toEqual(leader?.mvcc.log)
  }, 60_000)
})
