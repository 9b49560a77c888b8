import { describe, expect, it } from 'vitest'
import type { LogIndex, Term } from '../../core/brand'
import { createRaft, step, tick } from './raft'
import {
  campaign,
  proposeConfChange,
  propose,
  serializableReadIndex,
  timeoutNow,
  transferLeader,
} from './rawnode'
import { advance, hasReady, takeReady } from './ready'
import { getStatus } from './status'
import { ids, makeRaft, msg } from './testing/builders'
import {
  crash,
  deliverAll,
  leaders,
  makeNetwork,
  member,
  processReady,
  proposeAt,
  raftOf,
  restart,
  run,
} from './testing/network'
import type { Network } from './testing/network'

const [N1, N2, N3, N4] = ids(4) as [string, string, string, string]

function stableLeader(net: Network): string {
  run(net, 40)
  const l = leaders(net)[0]
  if (l === undefined) throw new Error('no leader')
  return l.id
}

describe('proposals', () => {
  it('a follower without a leader and a candidate drop proposals (ErrProposalDropped)', () => {
    const r = makeRaft()
    expect(propose(r, 'x')).toEqual({ ok: false, error: 'ErrProposalDropped' })
    campaign(r)
    expect(r.role).toBe('candidate')
    expect(propose(r, 'x')).toEqual({ ok: false, error: 'ErrProposalDropped' })
  })

  it('a leader returns the index; a follower forwards to the leader', () => {
    const net = makeNetwork(3, {}, 2)
    const leader = stableLeader(net)
    const follower = net.ids.find((id) => id !== leader) as string
    const res = proposeAt(net, leader, 'a')
    expect(res).toEqual({ ok: true, index: raftOf(net, leader).log.entries.at(-1)?.index })
    expect(proposeAt(net, follower, 'b')).toEqual({ ok: true })
    deliverAll(net)
    expect(getStatus(raftOf(net, leader)).log.map((e) => e.data)).toContain('b')
  })
})

describe('membership (ConfChange V1)', () => {
  it('adds a member, which catches up, and then counts toward the quorum', () => {
    const net = makeNetwork(4, {}, 4, [N1, N2, N3])
    const leader = stableLeader(net)
    expect(proposeConfChange(raftOf(net, leader), { type: 'AddNode', nodeId: N4 }).ok).toBe(true)
    processReady(net, leader)
    run(net, 10)
    expect(raftOf(net, leader).voters).toEqual([N1, N2, N3, N4])
    expect(raftOf(net, N4).voters).toEqual([N1, N2, N3, N4])
    expect(getStatus(raftOf(net, N4)).commit).toBe(getStatus(raftOf(net, leader)).commit)
    // With 4 voters, two crashed followers leave no quorum.
    const [a, b] = net.ids.filter((id) => id !== leader) as [string, string]
    crash(net, a)
    crash(net, b)
    const before = raftOf(net, leader).log.committed
    proposeAt(net, leader, 'stuck')
    run(net, 3)
    expect(raftOf(net, leader).log.committed).toBe(before)
  })

  it('refuses a second change while one is unapplied, as pendingConfIndex does', () => {
    const net = makeNetwork(3, {}, 6)
    const leader = raftOf(net, stableLeader(net))
    expect(proposeConfChange(leader, { type: 'RemoveNode', nodeId: N3 }).ok).toBe(true)
    expect(proposeConfChange(leader, { type: 'AddNode', nodeId: N4 })).toEqual({
      ok: false,
      error: 'ErrConfChangePending',
    })
  })

  it('a removed member stops counting and never campaigns', () => {
    const net = makeNetwork(3, {}, 8)
    const leader = stableLeader(net)
    const gone = net.ids.find((id) => id !== leader) as string
    proposeConfChange(raftOf(net, leader), { type: 'RemoveNode', nodeId: gone })
    processReady(net, leader)
    run(net, 10)
    expect(raftOf(net, leader).voters).not.toContain(gone)
    const r = raftOf(net, gone)
    for (let i = 0; i < 100; i++) tick(r)
    expect(r.role).toBe('follower')
  })
})

describe('leadership transfer and forced campaigns', () => {
  it('transfers leadership with MsgTimeoutNow to a caught-up follower', () => {
    const net = makeNetwork(3, {}, 9)
    const leader = stableLeader(net)
    const target = net.ids.find((id) => id !== leader) as string
    transferLeader(raftOf(net, leader), target)
    processReady(net, leader)
    deliverAll(net)
    expect(leaders(net).map((r) => r.id)).toEqual([target])
  })

  it('drops proposals while a transfer is in progress, and aborts it after an election timeout', () => {
    const net = makeNetwork(3, {}, 17)
    const leader = stableLeader(net)
    const target = net.ids.find((id) => id !== leader) as string
    crash(net, target)
    const r = raftOf(net, leader)
    transferLeader(r, target)
    expect(r.leadTransferee).toBe(target)
    expect(propose(r, 'x')).toEqual({ ok: false, error: 'ErrProposalDropped' })
    for (let i = 0; i < r.config.electionTick; i++) tick(r)
    expect(r.leadTransferee).toBe('')
    expect(propose(r, 'x').ok).toBe(true)
  })

  it('timeoutNow campaigns at once, skipping PreVote', () => {
    const r = makeRaft({ preVote: true })
    step(r, msg('MsgHeartbeat', N2, N1, { term: 1 }))
    timeoutNow(r)
    expect(r.role).toBe('candidate')
    expect(r.term).toBe(2)
    expect(r.msgs.filter((m) => m.type === 'MsgVote').map((m) => m.context)).toEqual([
      'CampaignTransfer',
      'CampaignTransfer',
    ])
  })
})

describe('stale terms and snapshots', () => {
  it('rejects a stale PreVote with its own term, so the pre-candidate learns it', () => {
    const r = makeRaft({ term: 5, preVote: true })
    step(r, msg('MsgPreVote', N2, N1, { term: 3 }))
    expect(r.msgs.map((m) => [m.type, m.term, m.reject])).toEqual([['MsgPreVoteResp', 5, true]])
  })

  it('restores a snapshot sent by the leader and answers with its new last index', () => {
    const r = makeRaft({ terms: [1] })
    const snapshot = {
      metadata: { index: 10 as LogIndex, term: 2 as Term, confState: { voters: [N1, N2, N3] } },
      data: { app: 'state' },
    }
    step(r, msg('MsgSnap', N2, N1, { term: 2, snapshot }))
    expect(r.msgs.map((m) => [m.type, m.index])).toEqual([['MsgAppResp', 10]])
    const rd = takeReady(r)
    expect(rd.snapshot).toBe(snapshot)
    expect(rd.hardState).toEqual({ term: 2, vote: '', commit: 10 })
    advance(r, rd)
    expect(getStatus(r)).toMatchObject({ commit: 10, applied: 10, lastIndex: 10, firstIndex: 11 })
  })
})

describe('Ready / Advance and restarts', () => {
  it('hands out HardState only when it changed, and messages once', () => {
    const r = makeRaft()
    campaign(r)
    expect(hasReady(r)).toBe(true)
    const rd = takeReady(r)
    expect(rd.hardState).toEqual({ term: 1, vote: N1, commit: 0 })
    expect(rd.mustSync).toBe(true)
    expect(rd.messages).toHaveLength(2)
    expect(rd.softState).toEqual({ leader: '', role: 'candidate' })
    advance(r, rd)
    expect(hasReady(r)).toBe(false)
  })

  it('restarts as a follower with the persisted term, vote, commit and log', () => {
    const net = makeNetwork(3, {}, 12)
    const leader = stableLeader(net)
    for (let i = 0; i < 5; i++) proposeAt(net, leader, `v${i}`)
    run(net, 3)
    const before = getStatus(raftOf(net, leader))
    crash(net, leader)
    restart(net, leader)
    const after = getStatus(raftOf(net, leader))
    expect(after.role).toBe('follower')
    expect([after.term, after.vote, after.commit]).toEqual([
      before.term,
      before.vote,
      before.commit,
    ])
    expect(after.log).toEqual(before.log)
    expect(member(net, leader).app.index).toBe(before.commit)
  })

  it('a serializable read is the applied index, possibly behind the commit index', () => {
    const net = makeNetwork(3, {}, 14)
    const leader = stableLeader(net)
    expect(serializableReadIndex(raftOf(net, leader))).toBe(raftOf(net, leader).log.applied)
  })

  it('a structuredClone checkpoint resumes exactly, random draws included', () => {
    const a = createRaft({ id: N1, voters: [N1, N2, N3], rngSeed: 99 })
    for (let i = 0; i < 15; i++) tick(a)
    const b = structuredClone(a)
    for (let i = 0; i < 200; i++) {
      tick(a)
      tick(b)
      if (i % 17 === 0) {
        step(a, msg('MsgHeartbeat', N2, N1, { term: a.term + 1 }))
        step(b, msg('MsgHeartbeat', N2, N1, { term: b.term + 1 }))
      }
    }
    expect(b).toEqual(a)
    expect(getStatus(b)).toEqual(getStatus(a))
  })

  it('a structuredClone of a whole test network resumes exactly', () => {
    const net = makeNetwork(3, {}, 23)
    run(net, 25)
    proposeAt(net, net.ids[0] as string, 'a')
    const copy = structuredClone(net)
    for (const n of [net, copy]) {
      run(n, 20)
      proposeAt(n, leaders(n)[0]?.id ?? N1, 'b')
      run(n, 5)
    }
    expect(copy).toEqual(net)
  })

  it('the same seed gives the same run', () => {
    const trace = (seed: number) => {
      const net = makeNetwork(5, {}, seed)
      run(net, 60)
      return net.ids.map((id) => getStatus(raftOf(net, id)))
    }
    expect(trace(21)).toEqual(trace(21))
  })

  it("narrates with etcd's own log lines", () => {
    const net = makeNetwork(3, { checkQuorum: true }, 16)
    const texts: string[] = []
    for (const id of net.ids) {
      const r = raftOf(net, id)
      for (let i = 0; i < 30; i++) tick(r)
      texts.push(...takeReady(r).events.map((e) => e.text))
    }
    expect(texts).toContain('etcd-1 became pre-candidate at term 0')
    const r = makeRaft({ checkQuorum: true })
    campaign(r)
    step(r, msg('MsgVoteResp', N2, N1, { term: 1 }))
    expect(takeReady(r).events.map((e) => e.text)).toEqual([
      'etcd-1 became follower at term 0',
      'etcd-1 is starting a new election at term 0',
      'etcd-1 became candidate at term 1',
      'etcd-1 received MsgVoteResp from etcd-2 at term 1',
      'etcd-1 became leader at term 1',
    ])
    for (let i = 0; i < 2 * r.config.electionTick; i++) tick(r)
    expect(takeReady(r).events.map((e) => e.text)).toContain(
      'etcd-1 stepped down to follower since quorum is not active',
    )
  })
})
