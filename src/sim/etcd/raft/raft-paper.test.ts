/**
 * The Raft paper's rules, case by case, after etcd-io/raft raft_paper_test.go (etcd v3.5).
 * Each test ends with the section of "In Search of an Understandable Consensus Algorithm
 * (Extended Version)" it checks, or of Ongaro's thesis where the paper is silent.
 */
import { describe, expect, it } from 'vitest'
import { becomeCandidate, becomeFollower, becomeLeader } from './become'
import { lastIndex } from './log'
import { step, tick } from './raft'
import type { RaftState } from './raft-state'
import { readIndex } from './rawnode'
import { takeReady } from './ready'
import { bcastAppend } from './replicate'
import {
  entriesOfTerms,
  entry,
  ids,
  logTerms,
  makeRaft,
  msg,
  takeMessages,
} from './testing/builders'
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
import { asTerm } from './types'
import type { Message, RaftRole } from './types'

const [N1, N2, N3, N4, N5] = ids(5) as [string, string, string, string, string]

/** The follower's answer to an MsgApp that it accepts in full. */
function acceptAndReply(m: Message): Message {
  return msg('MsgAppResp', m.to, m.from, { term: m.term, index: m.index + m.entries.length })
}

/** commitNoopEntry: replicate and commit the new leader's empty entry. */
function commitNoopEntry(r: RaftState): void {
  bcastAppend(r)
  for (const m of takeMessages(r)) step(r, acceptAndReply(m))
  takeMessages(r)
}

function makeLeader(size = 3, spec: Parameters<typeof makeRaft>[0] = {}): RaftState {
  const r = makeRaft({ size, ...spec })
  becomeCandidate(r)
  becomeLeader(r)
  return r
}

describe('§5.1 terms', () => {
  it.each<RaftRole>(['follower', 'candidate', 'leader'])(
    'a %s that sees a higher term takes it and becomes a follower',
    (role) => {
      const r = makeRaft()
      if (role !== 'follower') becomeCandidate(r)
      if (role === 'leader') becomeLeader(r)
      step(r, msg('MsgApp', N2, N1, { term: 2 }))
      expect(r.term).toBe(2)
      expect(r.role).toBe('follower')
      expect(r.lead).toBe(N2)
      // Reference: §5.1
    },
  )

  it('ignores a request with a stale term', () => {
    const r = makeRaft({ term: 2 })
    step(r, msg('MsgApp', N2, N1, { term: 1, entries: entriesOfTerms([1]) }))
    expect(r.term).toBe(2)
    expect(lastIndex(r.log)).toBe(0)
    expect(takeMessages(r)).toEqual([])
    // Reference: §5.1
  })
})

describe('§5.2 leader election', () => {
  it('starts as a follower', () => {
    const r = makeRaft()
    expect(r.role).toBe('follower')
    // Reference: §5.2
  })

  it('a leader broadcasts a heartbeat every heartbeat interval', () => {
    const r = makeLeader()
    takeMessages(r)
    tick(r)
    const beats = takeMessages(r)
    expect(beats.map((m) => [m.type, m.to, m.term])).toEqual([
      ['MsgHeartbeat', N2, 1],
      ['MsgHeartbeat', N3, 1],
    ])
    // Reference: §5.2
  })

  it.each<RaftRole>(['follower', 'candidate'])(
    'a %s whose election timer fires starts an election: term+1, votes for itself, asks all',
    (role) => {
      const r = makeRaft()
      if (role === 'candidate') becomeCandidate(r)
      const term = r.term
      for (let i = 0; i < 2 * r.config.electionTick; i++) tick(r)
      expect(r.term).toBe(term + 1)
      expect(r.role).toBe('candidate')
      expect(r.votes[N1]).toBe(true)
      const votes = takeMessages(r).filter((m) => m.term === term + 1)
      expect(votes.map((m) => [m.type, m.to])).toEqual([
        ['MsgVote', N2],
        ['MsgVote', N3],
      ])
      // Reference: §5.2
    },
  )

  // size, votes by member (true = granted), resulting role
  it.each<[number, Record<string, boolean>, RaftRole]>([
    [1, {}, 'leader'],
    [3, { [N2]: true, [N3]: true }, 'leader'],
    [3, { [N2]: true }, 'leader'],
    [5, { [N2]: true, [N3]: true, [N4]: true, [N5]: true }, 'leader'],
    [5, { [N2]: true, [N3]: true }, 'leader'],
    [3, { [N2]: false, [N3]: false }, 'follower'],
    [5, { [N2]: true, [N3]: false, [N4]: false, [N5]: false }, 'follower'],
    [3, {}, 'candidate'],
    [5, { [N2]: true }, 'candidate'],
    [5, { [N2]: false, [N3]: false }, 'candidate'],
  ])('a candidate of %i members with votes %j ends as %s', (size, votes, want) => {
    const r = makeRaft({ size })
    step(r, msg('MsgHup', N1, N1))
    for (const [from, granted] of Object.entries(votes)) {
      step(r, msg('MsgVoteResp', from, N1, { term: r.term, reject: !granted }))
    }
    expect(r.role).toBe(want)
    expect(r.term).toBe(1)
    // Reference: §5.2
  })

  // vote already cast, candidate asking, rejected?
  it.each<[string, string, boolean]>([
    ['', N1, false],
    ['', N2, false],
    [N1, N1, false],
    [N2, N2, false],
    [N1, N2, true],
    [N2, N1, true],
  ])(
    'a follower that voted for "%s" asked by %s: rejected=%s (one vote per term)',
    (vote, from, reject) => {
      const r = makeRaft({ term: 1, vote })
      step(r, msg('MsgVote', from, N1, { term: 1 }))
      expect(takeMessages(r).map((m) => [m.type, m.to, m.term, m.reject])).toEqual([
        ['MsgVoteResp', from, 1, reject],
      ])
      // Reference: §5.2
    },
  )

  it.each([1, 2])(
    'a candidate that hears from a leader of term >= its own (%i) steps down',
    (term) => {
      const r = makeRaft()
      step(r, msg('MsgHup', N1, N1))
      expect(r.role).toBe('candidate')
      step(r, msg('MsgApp', N2, N1, { term }))
      expect(r.role).toBe('follower')
      expect(r.term).toBe(term)
      // Reference: §5.2
    },
  )

  it('draws every election timeout in [electionTick, 2*electionTick), at random', () => {
    const r = makeRaft({ electionTick: 10 })
    const seen = new Set<number>()
    for (let round = 0; round < 500; round++) {
      becomeFollower(r, asTerm(r.term + 1), N2)
      takeMessages(r)
      let elapsed = 0
      while (r.msgs.length === 0) {
        tick(r)
        elapsed++
      }
      seen.add(elapsed)
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    // Reference: §5.2
  })
})

describe('§5.3 log replication', () => {
  it('a leader appends a proposal and sends it to every follower', () => {
    const r = makeLeader()
    commitNoopEntry(r)
    const li = lastIndex(r.log)
    step(r, msg('MsgProp', N1, N1, { entries: entriesOfTerms([0], 'some data') }))
    expect(lastIndex(r.log)).toBe(li + 1)
    expect(r.log.committed).toBe(li)
    const sent = takeMessages(r)
    expect(sent.map((m) => [m.type, m.to, m.index, m.logTerm, m.commit])).toEqual([
      ['MsgApp', N2, li, 1, li],
      ['MsgApp', N3, li, 1, li],
    ])
    expect(sent[0]!.entries).toEqual([
      { index: li + 1, term: 1, type: 'Normal', data: 'some data' },
    ])
    // Reference: §5.3
  })

  it('a leader commits once a majority stored the entry, and tells the followers', () => {
    const r = makeLeader()
    commitNoopEntry(r)
    const li = lastIndex(r.log)
    step(r, msg('MsgProp', N1, N1, { entries: entriesOfTerms([0], 'some data') }))
    for (const m of takeMessages(r)) step(r, acceptAndReply(m))
    expect(r.log.committed).toBe(li + 1)
    const sent = takeMessages(r)
    expect(sent.map((m) => [m.type, m.to, m.commit])).toEqual([
      ['MsgApp', N2, li + 1],
      ['MsgApp', N3, li + 1],
    ])
    // Reference: §5.3
  })

  // size, followers that store the entry, committed?
  it.each<[number, string[], boolean]>([
    [1, [], true],
    [3, [], false],
    [3, [N2], true],
    [3, [N2, N3], true],
    [5, [], false],
    [5, [N2], false],
    [5, [N2, N3], true],
    [5, [N2, N3, N4, N5], true],
  ])('with %i members and acks from %j the entry is committed: %s', (size, acceptors, want) => {
    const r = makeLeader(size)
    commitNoopEntry(r)
    const li = lastIndex(r.log)
    step(r, msg('MsgProp', N1, N1, { entries: entriesOfTerms([0], 'some data') }))
    for (const m of takeMessages(r)) if (acceptors.includes(m.to)) step(r, acceptAndReply(m))
    expect(r.log.committed > li).toBe(want)
    // Reference: §5.3
  })

  // prior log terms, then the leader (term 3) commits its no-op and a proposal: all of it commits
  it.each([[[]], [[2]], [[1, 2]], [[1]]])(
    'committing an entry commits every entry before it (%j)',
    (terms) => {
      const r = makeRaft({ terms, term: 2 })
      becomeCandidate(r)
      becomeLeader(r)
      step(r, msg('MsgProp', N1, N1, { entries: entriesOfTerms([0], 'some data') }))
      bcastAppend(r)
      for (const m of takeMessages(r)) step(r, acceptAndReply(m))
      const applied = takeReady(r).committedEntries.map((e) => [e.index, e.term])
      const li = terms.length
      expect(applied).toEqual([...terms.map((t, i) => [i + 1, t]), [li + 1, 3], [li + 2, 3]])
      // Reference: §5.3
    },
  )

  // entries sent, leader commit, follower commit afterwards
  it.each<[number[], number]>([
    [[1], 1],
    [[1, 1], 2],
    [[1, 1], 1],
  ])('a follower commits up to the leader commit it learns (%j, commit %i)', (terms, commit) => {
    const r = makeRaft()
    becomeFollower(r, asTerm(1), N2)
    step(r, msg('MsgApp', N2, N1, { term: 1, entries: entriesOfTerms(terms, 'x'), commit }))
    expect(r.log.committed).toBe(commit)
    expect(takeReady(r).committedEntries.map((e) => e.index)).toEqual(
      Array.from({ length: commit }, (_, i) => i + 1),
    )
    // Reference: §5.3
  })

  // prev log term, prev index -> response index, rejected, rejectHint, logTerm
  it.each<[number, number, number, boolean, number, number]>([
    [0, 0, 1, false, 0, 0], // below commit: answered with our commit
    [1, 1, 1, false, 0, 0], // matches a committed entry
    [2, 2, 2, false, 0, 0], // matches an uncommitted entry
    [1, 2, 2, true, 1, 1], // term mismatch at 2: hint the last index with term <= 1
    [3, 3, 3, true, 2, 2], // beyond our log: hint our last index
  ])(
    'a follower checks the previous entry of an append (logTerm %i index %i)',
    (logTerm, index, windex, wreject, hint, hintTerm) => {
      const r = makeRaft({ terms: [1, 2], commit: 1 })
      becomeFollower(r, asTerm(2), N2)
      step(r, msg('MsgApp', N2, N1, { term: 2, logTerm, index }))
      expect(
        takeMessages(r).map((m) => [m.type, m.index, m.reject, m.rejectHint, m.logTerm]),
      ).toEqual([['MsgAppResp', windex, wreject, hint, hintTerm]])
      // Reference: §5.3
    },
  )

  // prev index, prev term, entries (index = position), resulting log terms
  it.each<[number, number, [number, number][], number[]]>([
    [2, 2, [[3, 3]], [1, 2, 3]],
    [
      1,
      1,
      [
        [2, 3],
        [3, 4],
      ],
      [1, 3, 4],
    ],
    [0, 0, [[1, 1]], [1, 2]],
    [0, 0, [[1, 3]], [3]],
  ])(
    'a follower deletes conflicting entries and appends new ones (prev %i/%i)',
    (index, logTerm, ents, want) => {
      const r = makeRaft({ terms: [1, 2] })
      becomeFollower(r, asTerm(2), N2)
      const entries = ents.map(([i, t]) => entry(i, t))
      step(r, msg('MsgApp', N2, N1, { term: 2, logTerm, index, entries }))
      expect(logTerms(r)).toEqual(want)
      // Reference: §5.3
    },
  )
})

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
