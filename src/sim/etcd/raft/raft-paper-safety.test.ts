/**
 * The Raft paper's rules, case by case (log repair, safety, reads, PreVote/CheckQuorum), after etcd-io/raft raft_paper_test.go (etcd v3.5).
 * Each test ends with the section of "In Search of an Understandable Consensus Algorithm
 * (Extended Version)" it checks, or of Ongaro's thesis where the paper is silent.
 */
import { describe, expect, it } from 'vitest'
import { becomeCandidate, becomeLeader } from './become'
import { step, tick } from './raft'
import { readIndex } from './rawnode'
import { entriesOfTerms, entry, logTerms, makeRaft, msg, takeMessages } from './testing/builders'
import {
  deliver,
  deliverAll,
  isolate,
  heal,
  makeNetwork,
  member,
  processReady,
  raftOf,
  readIndexAt,
  run,
} from './testing/network'
import type { Network } from './testing/network'
import type { Message } from './types'

import { N1, N2, N3, makeLeader } from './testing/paper-helpers'

/** A network whose members start from the given log terms and terms (etcd's newNetwork). */
function networkFrom(specs: { terms: number[]; term: number; commit?: number }[]): Network {
  const net = makeNetwork(specs.length, { preVote: false, checkQuorum: false })
  specs.forEach((s, i) => {
    const id = net.ids[i] as string
    member(net, id).raft = makeRaft({
      size: specs.length,
      id,
      terms: s.terms,
      term: s.term,
      commit: s.commit ?? 0,
    })
  })
  return net
}

/** Delivers everything in order; returns how many MsgAppResp rejections went by. */
function deliverCountingRejections(net: Network): number {
  let rejections = 0
  for (let m = net.inFlight[0]; m !== undefined; m = net.inFlight[0]) {
    if (m.type === 'MsgAppResp' && m.reject) rejections++
    deliver(net, 0)
  }
  return rejections
}

describe('§5.3 log repair (Figure 7)', () => {
  const leaderTerms = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6]
  it.each<[string, number[]]>([
    ['a: missing one entry', [1, 1, 1, 4, 4, 5, 5, 6, 6]],
    ['b: missing many entries', [1, 1, 1, 4]],
    ['c: one extra entry of term 6', [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6]],
    ['d: extra entries of term 7', [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7]],
    ['e: extra entries of term 4', [1, 1, 1, 4, 4, 4, 4]],
    ['f: extra entries of terms 2 and 3', [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3]],
  ])('the term-8 leader makes follower (%s) match its log', (_name, followerTerms) => {
    // etcd-3 is down; it grants the leader's vote by hand, as the upstream test does.
    const net = networkFrom([
      { terms: leaderTerms, term: 7, commit: leaderTerms.length },
      { terms: followerTerms, term: 7 },
      { terms: [], term: 7 },
    ])
    member(net, N3).raft = undefined
    const leader = raftOf(net, N1)
    step(leader, msg('MsgHup', N1, N1))
    step(leader, msg('MsgVoteResp', N3, N1, { term: 8 }))
    processReady(net, N1)
    expect(leader.role).toBe('leader')
    const rejections = deliverCountingRejections(net)
    step(leader, msg('MsgProp', N1, N1, { entries: entriesOfTerms([0], 'x') }))
    processReady(net, N1)
    deliverAll(net)
    expect(logTerms(raftOf(net, N2))).toEqual(logTerms(leader))
    expect(logTerms(leader)).toEqual([...leaderTerms, 8, 8])
    // Fast back-off (rejectHint + logTerm, findConflictByTerm on both sides): one rejected
    // probe repairs each of these followers; decrementing next by one would need up to 7.
    expect(rejections).toBeLessThanOrEqual(1)
    // Reference: §5.3, Figure 7
  })
})

describe('§5.4 safety', () => {
  it.each<[number[], number]>([
    [[1], 2],
    [[1, 2], 3],
  ])('a candidate sends its last log index and term with its vote request (%j)', (terms, wterm) => {
    const r = makeRaft()
    step(r, msg('MsgApp', N2, N1, { term: wterm - 1, entries: entriesOfTerms(terms) }))
    takeMessages(r)
    while (r.role !== 'candidate') tick(r)
    expect(takeMessages(r).map((m) => [m.type, m.to, m.term, m.index, m.logTerm])).toEqual([
      ['MsgVote', N2, wterm, terms.length, terms[terms.length - 1]],
      ['MsgVote', N3, wterm, terms.length, terms[terms.length - 1]],
    ])
    // Reference: §5.4.1
  })

  // voter's log terms, candidate last term, candidate last index, rejected?
  it.each<[number[], number, number, boolean]>([
    [[1], 1, 1, false], // same last term, same length
    [[1], 1, 2, false], // same last term, candidate longer
    [[1, 1], 1, 1, true], // same last term, candidate shorter
    [[1], 2, 1, false], // candidate has the later term
    [[1], 2, 2, false],
    [[1, 1], 2, 1, false],
    [[2], 1, 1, true], // voter has the later term
    [[2], 1, 2, true],
    [[2, 1], 1, 1, true],
  ])(
    'a voter with log %j asked by a candidate at %i/%i rejects: %s (up-to-date rule)',
    (terms, logTerm, index, reject) => {
      const r = makeRaft({ terms })
      step(r, msg('MsgVote', N2, N1, { term: 3, logTerm, index }))
      expect(takeMessages(r).map((m) => [m.type, m.reject])).toEqual([['MsgVoteResp', reject]])
      // Reference: §5.4.1
    },
  )

  // index acked by a follower -> commit index; the leader is at term 3 with entries of terms 1, 2
  it.each<[number, number]>([
    [1, 0], // an entry of term 1 on a majority is not committed by counting
    [2, 0], // neither is one of term 2
    [3, 3], // the leader's own term-3 entry commits, and everything before it with it
  ])(
    'a leader commits by counting replicas only entries of its own term (ack %i -> commit %i)',
    (acked, wcommit) => {
      const r = makeRaft({ size: 2, terms: [1, 2], term: 2 })
      becomeCandidate(r)
      becomeLeader(r)
      takeMessages(r)
      step(r, msg('MsgAppResp', N2, N1, { term: r.term, index: acked }))
      expect(r.log.committed).toBe(wcommit)
      // Reference: §5.4.2, Figure 8
    },
  )

  it('a leader never overwrites or deletes its own entries', () => {
    const r = makeLeader(3, { terms: [1, 1], term: 1 })
    const before = logTerms(r)
    // A stale leader's append with conflicting entries: ignored (stale term).
    step(r, msg('MsgApp', N2, N1, { term: 1, index: 1, logTerm: 1, entries: [entry(2, 1, 'z')] }))
    expect(logTerms(r)).toEqual(before)
    expect(r.role).toBe('leader')
    // An append of its own term from someone else cannot exist; the leader ignores MsgApp.
    step(r, msg('MsgApp', N2, N1, { term: r.term, index: 1, logTerm: 1, entries: [entry(2, 9)] }))
    expect(logTerms(r)).toEqual(before)
    // Reference: §5.3 (Leader Append-Only, Figure 3)
  })
})

describe('§8 / thesis §6.4 linearizable reads (ReadIndex)', () => {
  it('a new leader answers ReadIndex only after it has committed an entry of its term', () => {
    const net = makeNetwork(3, { preVote: false }, 3)
    const leader = raftOf(net, N1)
    step(leader, msg('MsgHup', N1, N1))
    processReady(net, N1)
    // Deliver the vote requests and the votes, but not yet the leader's first MsgApps.
    for (let i = 0; i < 4; i++) deliverAllOf(net, ['MsgVote', 'MsgVoteResp'])
    expect(leader.role).toBe('leader')
    expect(leader.log.committed).toBe(0)
    readIndexAt(net, N1, 'read-1')
    expect(leader.pendingReadIndexMessages).toHaveLength(1)
    expect(net.reads).toEqual([])
    deliverAll(net)
    expect(net.reads.map((r) => [r.ctx, r.index])).toEqual([['read-1', 1]])
    // Reference: §8 (read-only operations), thesis §6.4
  })

  it('a follower forwards ReadIndex to the leader and serves it once applied', () => {
    const net = makeNetwork(3, {}, 5)
    run(net, 30)
    const follower = net.ids.find((id) => raftOf(net, id).role === 'follower') as string
    expect(readIndexAt(net, follower, 'read-2')).toEqual({ ok: true })
    deliverAll(net)
    expect(net.reads.map((r) => [r.id, r.ctx])).toEqual([[follower, 'read-2']])
    // Reference: thesis §6.4
  })

  it('a member that knows no leader drops ReadIndex', () => {
    const r = makeRaft()
    expect(readIndex(r, 'read-3')).toEqual({ ok: false, error: 'ErrReadIndexDropped' })
    // Reference: thesis §6.4
  })
})

function deliverAllOf(net: Network, types: string[]): void {
  for (let i = net.inFlight.length - 1; i >= 0; i--) {
    const m = net.inFlight[i] as Message
    if (!types.includes(m.type)) continue
    net.inFlight.splice(i, 1)
    net.inFlight.unshift(m)
    deliverFirst(net)
  }
}

function deliverFirst(net: Network): void {
  const m = net.inFlight.shift() as Message
  const target = raftOf(net, m.to)
  step(target, m)
  processReady(net, m.to)
}

describe('thesis §9.6 PreVote and §6.2 CheckQuorum', () => {
  it('with PreVote an isolated member does not raise its term', () => {
    const net = makeNetwork(3, { preVote: true }, 11)
    run(net, 30)
    const follower = net.ids.find((id) => raftOf(net, id).role === 'follower') as string
    const term = raftOf(net, follower).term
    isolate(net, follower)
    run(net, 60)
    expect(raftOf(net, follower).term).toBe(term)
    expect(raftOf(net, follower).role).toBe('pre-candidate')
    // Reference: thesis §9.6
  })

  it('with CheckQuorum a follower that heard from its leader ignores a vote for a higher term', () => {
    const r = makeRaft({ checkQuorum: true })
    step(r, msg('MsgHeartbeat', N2, N1, { term: 1 }))
    takeMessages(r)
    step(r, msg('MsgVote', N3, N1, { term: 2, logTerm: 0, index: 0 }))
    expect(r.term).toBe(1)
    expect(takeMessages(r)).toEqual([])
    // ...unless the vote is a leadership transfer.
    step(r, msg('MsgVote', N3, N1, { term: 2, context: 'CampaignTransfer' }))
    expect(r.term).toBe(2)
    expect(takeMessages(r).map((m) => [m.type, m.reject])).toEqual([['MsgVoteResp', false]])
    // Reference: thesis §4.2.3 (disruptive servers)
  })

  it('with CheckQuorum a stale append is answered with the higher term, freeing the old leader', () => {
    const r = makeRaft({ checkQuorum: true, term: 3 })
    step(r, msg('MsgApp', N2, N1, { term: 2 }))
    expect(takeMessages(r).map((m) => [m.type, m.to, m.term])).toEqual([['MsgAppResp', N2, 3]])
    // Reference: thesis §4.2.3
  })

  it('a PreVote is granted for a later term without changing the voter’s term', () => {
    const r = makeRaft({ preVote: true, term: 1 })
    step(r, msg('MsgPreVote', N2, N1, { term: 2 }))
    expect(r.term).toBe(1)
    expect(r.vote).toBe('')
    expect(takeMessages(r).map((m) => [m.type, m.term, m.reject])).toEqual([
      ['MsgPreVoteResp', 2, false],
    ])
    // Reference: thesis §9.6
  })

  it('with CheckQuorum a leader that hears from no quorum for an election timeout steps down', () => {
    const net = makeNetwork(3, { checkQuorum: true }, 13)
    run(net, 30)
    const leader = net.ids.find((id) => raftOf(net, id).role === 'leader') as string
    isolate(net, leader)
    const r = raftOf(net, leader)
    for (let i = 0; i < 2 * r.config.electionTick && r.role === 'leader'; i++) run(net, 1)
    expect(r.role).toBe('follower')
    heal(net)
    // Reference: thesis §6.2
  })
})
