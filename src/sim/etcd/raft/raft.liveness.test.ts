/**
 * Liveness, seeded: what the cluster achieves when the network lets it (the reference's L1-L6).
 * Raft guarantees none of this in an asynchronous model; these runs deliver every message
 * within a tick, so the bounds are the ones etcd's own tests and docs quote.
 */
import { describe, expect, it } from 'vitest'
import { getStatus } from './status'
import {
  crash,
  deliverAll,
  heal,
  isolate,
  leaders,
  makeNetwork,
  partition,
  proposeAt,
  raftOf,
  restart,
  run,
} from './testing/network'
import type { Network } from './testing/network'
import type { RaftConfigInput } from './raft-state'

type Cfg = Omit<RaftConfigInput, 'id' | 'voters' | 'rngSeed'>
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1)

/** Rounds (one tick of every live member, then all traffic) until `done`, or undefined. */
function roundsUntil(net: Network, done: () => boolean, max: number): number | undefined {
  for (let i = 1; i <= max; i++) {
    run(net, 1)
    if (done()) return i
  }
  return undefined
}

function liveLeader(net: Network, among: string[] = net.ids): string | undefined {
  const l = leaders(net).find((r) => among.includes(r.id))
  return l?.id
}

function electedCluster(size: number, seed: number, cfg: Cfg = {}): Network {
  const net = makeNetwork(size, cfg, seed)
  const t = roundsUntil(net, () => liveLeader(net) !== undefined, 200)
  if (t === undefined) throw new Error(`seed ${seed}: no leader`)
  run(net, 3)
  return net
}

function maxCommit(net: Network): number {
  let c = 0
  for (const id of net.ids) {
    const r = net.members[id]?.raft
    if (r !== undefined) c = Math.max(c, r.log.committed)
  }
  return c
}

describe('liveness', () => {
  it.each([3, 5])(
    'elects a leader within a few election timeouts (%i members, 20 seeds)',
    (size) => {
      for (const seed of SEEDS) {
        const net = makeNetwork(size, {}, seed)
        // electionTick = 10: randomized timeouts are 10-19 ticks; allow three of the longest.
        const ticks = roundsUntil(net, () => liveLeader(net) !== undefined, 3 * 20)
        expect(ticks, `seed ${seed}`).toBeDefined()
      }
    },
  )

  it('elects a leader with a minority down (5 members, 2 crashed)', () => {
    for (const seed of SEEDS) {
      const net = electedCluster(5, seed)
      const old = liveLeader(net) as string
      crash(net, old)
      crash(net, net.ids.find((id) => id !== old) as string)
      const live = net.ids.filter((id) => net.members[id]?.raft !== undefined)
      const ticks = roundsUntil(net, () => liveLeader(net, live) !== undefined, 4 * 20)
      expect(ticks, `seed ${seed}`).toBeDefined()
    }
  })

  it('a leader cut off from its majority steps down within two election timeouts', () => {
    for (const seed of SEEDS) {
      const net = electedCluster(3, seed)
      const old = liveLeader(net) as string
      isolate(net, old)
      const ticks = roundsUntil(net, () => raftOf(net, old).role !== 'leader', 100)
      expect(ticks, `seed ${seed}`).toBeLessThanOrEqual(2 * 10)
      // The majority side elects a new leader meanwhile (L3: within 2 timeouts + one more).
      const others = net.ids.filter((id) => id !== old)
      expect(roundsUntil(net, () => liveLeader(net, others) !== undefined, 40)).toBeDefined()
    }
  })

  it('with PreVote a rejoining isolated member does not disrupt a stable leader', () => {
    for (const seed of SEEDS) {
      const net = electedCluster(3, seed, { preVote: true })
      const leader = liveLeader(net) as string
      const term = raftOf(net, leader).term
      const loner = net.ids.find((id) => id !== leader) as string
      isolate(net, loner)
      run(net, 100)
      heal(net)
      run(net, 50)
      expect(liveLeader(net), `seed ${seed}`).toBe(leader)
      expect(raftOf(net, leader).term).toBe(term)
      expect(raftOf(net, loner).lead).toBe(leader)
    }
  })

  it('without PreVote a rejoining isolated member forces a new term', () => {
    for (const seed of SEEDS) {
      const net = electedCluster(3, seed, { preVote: false })
      const leader = liveLeader(net) as string
      const term = raftOf(net, leader).term
      const loner = net.ids.find((id) => id !== leader) as string
      isolate(net, loner)
      run(net, 100)
      expect(raftOf(net, loner).term).toBeGreaterThan(term)
      heal(net)
      run(net, 50)
      const now = leaders(net)[0]
      expect(now?.term, `seed ${seed}`).toBeGreaterThan(term)
    }
  })

  it('commits nothing with a majority down', () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const net = electedCluster(3, seed)
      const leader = liveLeader(net) as string
      const before = maxCommit(net)
      for (const id of net.ids) if (id !== leader) crash(net, id)
      for (let i = 0; i < 20; i++) {
        proposeAt(net, leader, `w${i}`)
        run(net, 5)
      }
      expect(maxCommit(net), `seed ${seed}`).toBe(before)
      expect(raftOf(net, leader).role).not.toBe('leader')
    }
  })

  it('commits nothing and elects no leader in a 2|2 split of 4 members', () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const net = electedCluster(4, seed)
      const before = maxCommit(net)
      partition(net, [net.ids.slice(0, 2), net.ids.slice(2)])
      run(net, 30)
      for (let i = 0; i < 20; i++) {
        for (const id of net.ids) proposeAt(net, id, `w${seed}-${i}-${id}`)
        run(net, 5)
        expect(leaders(net), `seed ${seed}`).toEqual([])
      }
      expect(maxCommit(net)).toBe(before)
      // Healing brings progress back.
      heal(net)
      expect(roundsUntil(net, () => liveLeader(net) !== undefined, 100)).toBeDefined()
    }
  })

  it('a member down long enough catches up by snapshot', () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const net = electedCluster(3, seed, { snapshotThreshold: 10, compactionKeep: 2 })
      const leader = liveLeader(net) as string
      const lagger = net.ids.find((id) => id !== leader) as string
      crash(net, lagger)
      for (let i = 0; i < 40; i++) {
        proposeAt(net, leader, `w${i}`)
        deliverAll(net)
      }
      run(net, 2)
      const leaderStatus = getStatus(raftOf(net, leader))
      expect(leaderStatus.firstIndex).toBeGreaterThan(2)
      restart(net, lagger)
      run(net, 20)
      const s = getStatus(raftOf(net, lagger))
      expect(s.snapshotIndex, `seed ${seed}`).toBeGreaterThan(0)
      expect(s.applied).toBe(getStatus(raftOf(net, leader)).commit)
      expect(net.members[lagger]?.app).toEqual(net.members[leader]?.app)
    }
  })
})
