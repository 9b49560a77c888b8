/**
 * The Raft paper's rules, case by case, after etcd-io/raft raft_paper_test.go (etcd v3.5).
 * Each test ends with the section of "In Search of an Understandable Consensus Algorithm
 * (Extended Version)" it checks, or of Ongaro's thesis where the paper is silent.
 */
import { describe, expect, it } from 'vitest'
import { becomeCandidate, becomeFollower, becomeLeader } from './become'
import { lastIndex } from './log'
import { step, tick } from './raft'
import { takeReady } from './ready'
import { bcastAppend } from './replicate'
import { entriesOfTerms, entry, logTerms, makeRaft, msg, takeMessages } from './testing/builders'
import { asTerm } from './types'
import type { RaftRole } from './types'

import {
  N1,
  N2,
  N3,
  N4,
  N5,
  acceptAndReply,
  commitNoopEntry,
  makeLeader,
} from './testing/paper-helpers'

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
