/**
 * Role transitions, modelled on raft/raft.go reset / becomeFollower / becomePreCandidate /
 * becomeCandidate / becomeLeader (etcd v3.5).
 */
import type { Term } from '../../core/brand'
import { lastIndex } from './log'
import { becomeReplicate, makeProgress } from './progress'
import { makeReadOnly } from './read-only'
import { logEvent, resetRandomizedElectionTimeout } from './raft-state'
import type { RaftState } from './raft-state'
import { appendEntry } from './replicate'
import { asIndex, NONE } from './types'
import type { MemberId } from './types'

/**
 * reset: a new term forgets the vote; every role change clears the leader, both timers (with
 * a fresh random election timeout), the votes, the transfer, and every follower's progress.
 */
export function reset(r: RaftState, term: Term): void {
  if (r.term !== term) {
    r.term = term
    r.vote = NONE
  }
  r.lead = NONE
  r.electionElapsed = 0
  r.heartbeatElapsed = 0
  resetRandomizedElectionTimeout(r)
  r.leadTransferee = NONE
  r.votes = {}
  const li = lastIndex(r.log)
  for (const id of r.progress.keys()) {
    const pr = makeProgress(li + 1, r.config.maxInflightMsgs)
    if (id === r.id) pr.match = li
    r.progress.set(id, pr)
  }
  r.pendingConfIndex = asIndex(0)
  r.readOnly = makeReadOnly()
}

export function becomeFollower(r: RaftState, term: Term, lead: MemberId): void {
  reset(r, term)
  r.lead = lead
  r.role = 'follower'
  logEvent(r, 'BecameFollower', `${r.id} became follower at term ${r.term}`)
}

/**
 * becomePreCandidate: changes the role only; term and vote stay, so a failed pre-vote costs
 * the cluster nothing. raft/raft.go (etcd v3.5).
 */
export function becomePreCandidate(r: RaftState): void {
  if (r.role === 'leader') throw new Error('invalid transition [leader -> pre-candidate]')
  r.votes = {}
  r.lead = NONE
  r.role = 'pre-candidate'
  logEvent(r, 'BecamePreCandidate', `${r.id} became pre-candidate at term ${r.term}`)
}

export function becomeCandidate(r: RaftState): void {
  if (r.role === 'leader') throw new Error('invalid transition [leader -> candidate]')
  reset(r, (r.term + 1) as Term)
  r.vote = r.id
  r.role = 'candidate'
  logEvent(r, 'BecameCandidate', `${r.id} became candidate at term ${r.term}`)
}

/**
 * becomeLeader: every follower starts in probe at lastIndex+1; pendingConfIndex is set to the
 * last index conservatively; an empty entry is appended at once so that entries of earlier
 * terms can commit with it (Raft paper §5.4.2 / §8). raft/raft.go (etcd v3.5).
 */
export function becomeLeader(r: RaftState): void {
  if (r.role === 'follower') throw new Error('invalid transition [follower -> leader]')
  reset(r, r.term)
  r.lead = r.id
  r.role = 'leader'
  const self = r.progress.get(r.id)
  if (self !== undefined) {
    becomeReplicate(self)
    self.recentActive = true
  }
  r.pendingConfIndex = lastIndex(r.log)
  appendEntry(r, [{ type: 'Empty', data: null }])
  logEvent(r, 'BecameLeader', `${r.id} became leader at term ${r.term}`)
}
