/**
 * Builders for hand-made Raft members and messages, in the spirit of etcd's newTestRaft and
 * raft_paper_test.go helpers: a test shows only the fields that matter to it.
 */
import { createRaft } from '../raft'
import type { RaftConfigInput, RaftState } from '../raft-state'
import { asIndex, asTerm, makeMessage, NONE } from '../types'
import type { Entry, MemberId, Message, MessageType } from '../types'

export const ids = (n: number): MemberId[] => Array.from({ length: n }, (_, i) => `etcd-${i + 1}`)

/** Entries 1..n with the given terms, as in the paper's figures. */
export function entriesOfTerms(terms: readonly number[], data: unknown = null): Entry[] {
  return terms.map((t, i) => ({ index: asIndex(i + 1), term: asTerm(t), type: 'Normal', data }))
}

export interface RaftSpec extends Partial<RaftConfigInput> {
  /** Number of voters (etcd-1..etcd-n) when `voters` is not given. */
  size?: number
  /** Log terms, index 1 first. */
  terms?: number[]
  term?: number
  vote?: MemberId
  commit?: number
}

/** newTestRaft: a member with PreVote and CheckQuorum off unless asked for, seeded. */
export function makeRaft(spec: RaftSpec = {}): RaftState {
  const { size = 3, terms = [], term = 0, vote = NONE, commit = 0, ...config } = spec
  const voters = config.voters ?? ids(size)
  const id = config.id ?? voters[0] ?? NONE
  return createRaft(
    { preVote: false, checkQuorum: false, rngSeed: 1, ...config, id, voters },
    {
      hardState: { term: asTerm(term), vote, commit: asIndex(commit) },
      entries: entriesOfTerms(terms),
    },
  )
}

/** readMessages: takes the outbox, as etcd tests do. */
export function takeMessages(r: RaftState): Message[] {
  const out = r.msgs
  r.msgs = []
  return out
}

type NumericField = 'term' | 'index' | 'logTerm' | 'commit' | 'rejectHint'

/** A message built by hand; numeric fields take plain numbers. */
export function msg(
  type: MessageType,
  from: MemberId,
  to: MemberId,
  fields: Partial<Omit<Message, 'type' | 'from' | 'to' | NumericField>> &
    Partial<Record<NumericField, number>> = {},
): Message {
  const { term = 0, index = 0, logTerm = 0, commit = 0, rejectHint = 0, ...rest } = fields
  return makeMessage({
    type,
    from,
    to,
    term: asTerm(term),
    index: asIndex(index),
    logTerm: asTerm(logTerm),
    commit: asIndex(commit),
    rejectHint: asIndex(rejectHint),
    ...rest,
  })
}

export function entry(index: number, term: number, data: unknown = null): Entry {
  return { index: asIndex(index), term: asTerm(term), type: 'Normal', data }
}

export function logTerms(r: RaftState): number[] {
  return r.log.entries.map((e) => e.term)
}
