/**
 * stepCandidate and stepFollower, and the follower's handlers for MsgApp, MsgHeartbeat and
 * MsgSnap, modelled on raft/raft.go (etcd v3.5).
 */
import type { Term } from '../../core/brand'
import { becomeFollower } from './become'
import { hup, onVoteWon, poll } from './election'
import {
  commitTo,
  findConflictByTerm,
  lastIndex,
  matchTerm,
  maybeAppend,
  restoreSnapshot,
  termAt,
} from './log'
import { makeProgress } from './progress'
import { logEvent, send } from './raft-state'
import type { RaftState } from './raft-state'
import { asIndex, asTerm, makeMessage, NONE, requestCtxOf } from './types'
import type { Message, RaftError, Snapshot } from './types'

/** stepCandidate serves both pre-candidates and candidates. */
export function stepCandidate(r: RaftState, m: Message): RaftError | undefined {
  const myVoteRespType = r.role === 'pre-candidate' ? 'MsgPreVoteResp' : 'MsgVoteResp'
  if (m.type === myVoteRespType) {
    const res = poll(r, m.from, !m.reject)
    if (res === 'VoteWon') onVoteWon(r)
    else if (res === 'VoteLost') becomeFollower(r, r.term, NONE)
    return undefined
  }
  switch (m.type) {
    case 'MsgProp':
      return 'ErrProposalDropped'
    case 'MsgApp':
      becomeFollower(r, m.term, m.from)
      handleAppendEntries(r, m)
      break
    case 'MsgHeartbeat':
      becomeFollower(r, m.term, m.from)
      handleHeartbeat(r, m)
      break
    case 'MsgSnap':
      becomeFollower(r, m.term, m.from)
      handleSnapshot(r, m)
      break
    // Ignored: MsgTimeoutNow (already campaigning), the other round's vote responses, and
    // leader-only or local traffic.
    case 'MsgHup':
    case 'MsgBeat':
    case 'MsgAppResp':
    case 'MsgVote':
    case 'MsgVoteResp':
    case 'MsgHeartbeatResp':
    case 'MsgUnreachable':
    case 'MsgSnapStatus':
    case 'MsgCheckQuorum':
    case 'MsgTransferLeader':
    case 'MsgTimeoutNow':
    case 'MsgReadIndex':
    case 'MsgReadIndexResp':
    case 'MsgPreVote':
    case 'MsgPreVoteResp':
      break
  }
  return undefined
}

export function stepFollower(r: RaftState, m: Message): RaftError | undefined {
  switch (m.type) {
    case 'MsgProp':
      if (r.lead === NONE) {
        logEvent(r, 'DroppedProposal', `${r.id} no leader at term ${r.term}; dropping proposal`)
        return 'ErrProposalDropped'
      }
      send(r, { ...m, to: r.lead })
      break
    case 'MsgApp':
      r.electionElapsed = 0
      r.lead = m.from
      handleAppendEntries(r, m)
      break
    case 'MsgHeartbeat':
      r.electionElapsed = 0
      r.lead = m.from
      handleHeartbeat(r, m)
      break
    case 'MsgSnap':
      r.electionElapsed = 0
      r.lead = m.from
      handleSnapshot(r, m)
      break
    case 'MsgTransferLeader':
      if (r.lead !== NONE) send(r, { ...m, to: r.lead })
      break
    case 'MsgTimeoutNow':
      // Leadership transfer: campaign now, skipping pre-vote and the lease.
      logEvent(
        r,
        'ReceivedTimeoutNow',
        `${r.id} [term ${r.term}] received MsgTimeoutNow from ${m.from} and starts an election to get leadership.`,
      )
      hup(r, 'CampaignTransfer')
      break
    case 'MsgReadIndex':
      if (r.lead === NONE) return 'ErrReadIndexDropped'
      send(r, { ...m, to: r.lead })
      break
    case 'MsgReadIndexResp':
      if (m.entries.length !== 1) break
      r.readStates.push({ index: m.index, requestCtx: requestCtxOf(m) })
      break
    // Ignored by a follower:
    case 'MsgHup':
    case 'MsgBeat':
    case 'MsgAppResp':
    case 'MsgVote':
    case 'MsgVoteResp':
    case 'MsgHeartbeatResp':
    case 'MsgUnreachable':
    case 'MsgSnapStatus':
    case 'MsgCheckQuorum':
    case 'MsgPreVote':
    case 'MsgPreVoteResp':
      break
  }
  return undefined
}

/**
 * handleAppendEntries: an append below our commit is answered with our commit; a mismatch is
 * rejected with a hint (the last index whose term <= the leader's logTerm) so the leader can
 * skip a whole term at once. raft/raft.go handleAppendEntries (etcd v3.5).
 */
function handleAppendEntries(r: RaftState, m: Message): void {
  if (m.index < r.log.committed) {
    send(r, makeMessage({ type: 'MsgAppResp', to: m.from, index: r.log.committed }))
    return
  }
  const lastNew = maybeAppend(r.log, m.index, m.logTerm, m.commit, m.entries)
  if (lastNew !== undefined) {
    send(r, makeMessage({ type: 'MsgAppResp', to: m.from, index: lastNew }))
    return
  }
  const hintIndex = findConflictByTerm(r.log, Math.min(m.index, lastIndex(r.log)), m.logTerm)
  const hintTerm = termAt(r.log, hintIndex) ?? asTerm(0)
  send(
    r,
    makeMessage({
      type: 'MsgAppResp',
      to: m.from,
      index: m.index,
      reject: true,
      rejectHint: hintIndex,
      logTerm: hintTerm,
    }),
  )
}

/** handleHeartbeat: commit is min(match, leader commit), so always safe; echo the context. */
function handleHeartbeat(r: RaftState, m: Message): void {
  commitTo(r.log, m.commit)
  send(r, makeMessage({ type: 'MsgHeartbeatResp', to: m.from, context: m.context }))
}

function handleSnapshot(r: RaftState, m: Message): void {
  if (m.snapshot === undefined) return
  const index = restore(r, m.snapshot) ? lastIndex(r.log) : r.log.committed
  send(r, makeMessage({ type: 'MsgAppResp', to: m.from, index }))
}

/**
 * restore: ignore a snapshot we already have committed; if our log already has its last entry,
 * just fast-forward commit; otherwise replace the log and take the snapshot's voters.
 * raft/raft.go restore (etcd v3.5).
 */
function restore(r: RaftState, s: Snapshot): boolean {
  const { index, term, confState } = s.metadata
  if (index <= r.log.committed) return false
  if (r.role !== 'follower') {
    // Defense in depth, as upstream: only a follower may restore.
    becomeFollower(r, (r.term + 1) as Term, NONE)
    return false
  }
  if (!confState.voters.includes(r.id)) return false
  if (matchTerm(r.log, index, term)) {
    commitTo(r.log, index)
    return false
  }
  restoreSnapshot(r.log, s)
  logEvent(
    r,
    'RestoredSnapshot',
    `${r.id} [commit: ${r.log.committed}] restored snapshot [index: ${index}, term: ${term}]`,
  )
  r.voters = [...confState.voters].sort()
  r.progress = new Map(
    r.voters.map((id) => [id, makeProgress(lastIndex(r.log) + 1, r.config.maxInflightMsgs)]),
  )
  const self = r.progress.get(r.id)
  if (self !== undefined) self.match = asIndex(index)
  return true
}
