/**
 * Campaigns, modelled on raft/raft.go hup / campaign / poll (etcd v3.5).
 */
import type { Term } from '../../core/brand'
import { becomeCandidate, becomeLeader, becomePreCandidate } from './become'
import { lastIndex, lastTerm, nextCommittedEntries } from './log'
import { voteResult } from './quorum'
import type { VoteResult } from './quorum'
import { logEvent, promotable, send } from './raft-state'
import type { RaftState } from './raft-state'
import { bcastAppend } from './replicate'
import { makeMessage } from './types'
import type { MemberId } from './types'

// CampaignType: campaignPreElection / campaignElection / campaignTransfer, raft/raft.go (etcd v3.5)
export type CampaignType = 'CampaignPreElection' | 'CampaignElection' | 'CampaignTransfer'

/**
 * hup: start a campaign unless leader, not promotable, or a committed conf change is still
 * unapplied (it could change who may vote). raft/raft.go hup (etcd v3.5).
 */
export function hup(r: RaftState, t: CampaignType): void {
  if (r.role === 'leader') return
  if (!promotable(r)) return
  const unapplied = nextCommittedEntries(r.log)
  if (unapplied.some((e) => e.type === 'ConfChange')) return
  logEvent(r, 'StartedElection', `${r.id} is starting a new election at term ${r.term}`)
  campaign(r, t)
}

/**
 * campaign: a pre-election asks for term+1 without taking it; a real one increments the term
 * and votes for itself. A transfer campaign marks its MsgVote so the lease is bypassed.
 */
export function campaign(r: RaftState, t: CampaignType): void {
  let term: Term
  let voteMsg: 'MsgPreVote' | 'MsgVote'
  if (t === 'CampaignPreElection') {
    becomePreCandidate(r)
    voteMsg = 'MsgPreVote'
    // PreVote RPCs are sent for the next term before we've incremented r.Term.
    term = (r.term + 1) as Term
  } else {
    becomeCandidate(r)
    voteMsg = 'MsgVote'
    term = r.term
  }
  if (poll(r, r.id, true) === 'VoteWon') {
    // A single-voter cluster wins at once.
    if (t === 'CampaignPreElection') campaign(r, 'CampaignElection')
    else becomeLeader(r)
    return
  }
  for (const id of r.voters) {
    if (id === r.id) continue
    send(
      r,
      makeMessage({
        type: voteMsg,
        to: id,
        term,
        index: lastIndex(r.log),
        logTerm: lastTerm(r.log),
        context: t === 'CampaignTransfer' ? 'CampaignTransfer' : '',
      }),
    )
  }
}

/** poll: record a (pre-)vote and tally (raft.poll, tracker.TallyVotes). */
export function poll(r: RaftState, id: MemberId, granted: boolean): VoteResult {
  if (id !== r.id) {
    const t = r.role === 'pre-candidate' ? 'MsgPreVoteResp' : 'MsgVoteResp'
    if (granted) logEvent(r, 'ReceivedVote', `${r.id} received ${t} from ${id} at term ${r.term}`)
    else {
      logEvent(
        r,
        'ReceivedVoteRejection',
        `${r.id} received ${t} rejection from ${id} at term ${r.term}`,
      )
    }
  }
  if (!(id in r.votes)) r.votes[id] = granted
  return voteResult(r.voters, r.votes)
}

/** After winning: a pre-candidate starts the real election; a candidate leads. */
export function onVoteWon(r: RaftState): void {
  if (r.role === 'pre-candidate') {
    campaign(r, 'CampaignElection')
  } else {
    becomeLeader(r)
    bcastAppend(r)
  }
}
