import { becomeCandidate, becomeLeader } from '../become'
import { step } from '../raft'
import type { RaftState } from '../raft-state'
import { bcastAppend } from '../replicate'
import type { Message } from '../types'
import { ids, makeRaft, msg, takeMessages } from './builders'

/** Helpers shared by the Raft paper tests (raft-paper*.test.ts). */
export const [N1, N2, N3, N4, N5] = ids(5) as [string, string, string, string, string]

/** The follower's answer to an MsgApp that it accepts in full. */
export function acceptAndReply(m: Message): Message {
  return msg('MsgAppResp', m.to, m.from, { term: m.term, index: m.index + m.entries.length })
}

/** commitNoopEntry: replicate and commit the new leader's empty entry. */
export function commitNoopEntry(r: RaftState): void {
  bcastAppend(r)
  for (const m of takeMessages(r)) step(r, acceptAndReply(m))
  takeMessages(r)
}

export function makeLeader(size = 3, spec: Parameters<typeof makeRaft>[0] = {}): RaftState {
  const r = makeRaft({ size, ...spec })
  becomeCandidate(r)
  becomeLeader(r)
  return r
}
