/**
 * stepLeader, modelled on raft/raft.go stepLeader (etcd v3.5).
 */
import { becomeFollower } from './become'
import { lastIndex, termAt, findConflictByTerm } from './log'
import {
  becomeProbe,
  becomeReplicate,
  freeFirstInflight,
  freeInflightsTo,
  isInflightsFull,
  isPaused,
  maybeDecrTo,
  maybeUpdate,
} from './progress'
import type { Progress } from './progress'
import { voteResult } from './quorum'
import { addRequest, advanceReadOnly, recvAck } from './read-only'
import { logEvent, send } from './raft-state'
import type { RaftState } from './raft-state'
import {
  appendEntry,
  bcastAppend,
  bcastHeartbeat,
  bcastHeartbeatWithCtx,
  maybeCommit,
  maybeSendAppend,
  sendAppend,
} from './replicate'
import { asIndex, makeMessage, NONE, requestCtxOf } from './types'
import type { Entry, Message, RaftError } from './types'

/** Returns an error for a dropped proposal, as etcd's step functions do. */
export function stepLeader(r: RaftState, m: Message): RaftError | undefined {
  switch (m.type) {
    case 'MsgBeat':
      bcastHeartbeat(r)
      return undefined
    case 'MsgCheckQuorum':
      checkQuorum(r)
      return undefined
    case 'MsgProp':
      return propose(r, m)
    case 'MsgReadIndex':
      readIndex(r, m)
      return undefined
    // Everything else is about one follower:
    case 'MsgHup':
    case 'MsgApp':
    case 'MsgAppResp':
    case 'MsgVote':
    case 'MsgVoteResp':
    case 'MsgSnap':
    case 'MsgHeartbeat':
    case 'MsgHeartbeatResp':
    case 'MsgUnreachable':
    case 'MsgSnapStatus':
    case 'MsgTransferLeader':
    case 'MsgTimeoutNow':
    case 'MsgReadIndexResp':
    case 'MsgPreVote':
    case 'MsgPreVoteResp':
      break
  }
  const pr = r.progress.get(m.from)
  if (pr === undefined) return undefined
  switch (m.type) {
    case 'MsgAppResp':
      handleAppendResponse(r, m, pr)
      break
    case 'MsgHeartbeatResp':
      handleHeartbeatResponse(r, m, pr)
      break
    case 'MsgSnapStatus':
      // ReportSnapshot: success or failure, go back to probing; wait a heartbeat first.
      if (pr.state !== 'snapshot') break
      if (m.reject) pr.pendingSnapshot = asIndex(0)
      becomeProbe(pr)
      pr.probeSent = true
      break
    case 'MsgUnreachable':
      if (pr.state === 'replicate') becomeProbe(pr)
      break
    case 'MsgTransferLeader':
      transferLeader(r, m.from, pr)
      break
    // Ignored by a leader:
    case 'MsgHup':
    case 'MsgApp':
    case 'MsgVote':
    case 'MsgVoteResp':
    case 'MsgSnap':
    case 'MsgHeartbeat':
    case 'MsgTimeoutNow':
    case 'MsgReadIndexResp':
    case 'MsgPreVote':
    case 'MsgPreVoteResp':
      break
  }
  return undefined
}

/**
 * CheckQuorum: step down unless a quorum was heard from since the last check, then mark all
 * followers inactive again. "stepped down to follower since quorum is not active".
 */
function checkQuorum(r: RaftState): void {
  const self = r.progress.get(r.id)
  if (self !== undefined) self.recentActive = true
  const active: Record<string, boolean> = {}
  for (const [id, p] of r.progress) active[id] = p.recentActive
  if (voteResult(r.voters, active) !== 'VoteWon') {
    logEvent(
      r,
      'SteppedDownNoQuorum',
      `${r.id} stepped down to follower since quorum is not active`,
    )
    becomeFollower(r, r.term, NONE)
  }
  for (const [id, p] of r.progress) if (id !== r.id) p.recentActive = false
}

/**
 * MsgProp: refused during a leadership transfer; a conf change while another one is not yet
 * applied is turned into an empty entry (pendingConfIndex), as etcd does.
 */
function propose(r: RaftState, m: Message): RaftError | undefined {
  if (m.entries.length === 0) throw new Error('stepped empty MsgProp')
  if (!r.progress.has(r.id)) return 'ErrProposalDropped'
  if (r.leadTransferee !== NONE) {
    logEvent(
      r,
      'DroppedProposal',
      `${r.id} [term ${r.term}] transfer leadership to ${r.leadTransferee} is in progress; dropping proposal`,
    )
    return 'ErrProposalDropped'
  }
  const li = lastIndex(r.log)
  const ents = m.entries.map((e, i): Pick<Entry, 'type' | 'data'> => {
    if (e.type !== 'ConfChange') return { type: e.type, data: e.data }
    if (r.pendingConfIndex > r.log.applied) return { type: 'Empty', data: null }
    r.pendingConfIndex = asIndex(li + i + 1)
    return { type: e.type, data: e.data }
  })
  appendEntry(r, ents)
  bcastAppend(r)
  return undefined
}

/** committedEntryInCurrentTerm: a new leader only knows the commit index once it committed. */
function committedEntryInCurrentTerm(r: RaftState): boolean {
  return termAt(r.log, r.log.committed) === r.term
}

/**
 * MsgReadIndex (ReadOnlySafe): a single voter answers at once; otherwise hold it until an entry
 * of this term commits, then record commit and confirm leadership with a heartbeat round.
 */
function readIndex(r: RaftState, m: Message): void {
  if (r.voters.length === 1) {
    respondToReadIndex(r, m, r.log.committed)
    return
  }
  if (!committedEntryInCurrentTerm(r)) {
    r.pendingReadIndexMessages.push(m)
    return
  }
  sendReadIndexResponse(r, m)
}

function sendReadIndexResponse(r: RaftState, m: Message): void {
  const ctx = requestCtxOf(m)
  addRequest(r.readOnly, r.log.committed, m)
  recvAck(r.readOnly, r.id, ctx)
  bcastHeartbeatWithCtx(r, ctx)
}

/** releasePendingReadIndexMessages: after the first commit of the term. */
function releasePendingReadIndexMessages(r: RaftState): void {
  if (!committedEntryInCurrentTerm(r)) return
  const msgs = r.pendingReadIndexMessages
  r.pendingReadIndexMessages = []
  for (const m of msgs) sendReadIndexResponse(r, m)
}

/** responseToReadIndexReq: local requests become ReadStates, remote ones MsgReadIndexResp. */
function respondToReadIndex(r: RaftState, req: Message, index: number): void {
  const ctx = requestCtxOf(req)
  if (req.from === NONE || req.from === r.id) {
    r.readStates.push({ index: asIndex(index), requestCtx: ctx })
    return
  }
  send(
    r,
    makeMessage({
      type: 'MsgReadIndexResp',
      to: req.from,
      index: asIndex(index),
      entries: req.entries,
    }),
  )
}

/**
 * MsgAppResp. A rejection carries rejectHint (and logTerm): with findConflictByTerm the leader
 * skips every index of a term the follower cannot match, one probe per term. A success moves
 * probe to replicate, may commit, and refills the pipeline.
 */
function handleAppendResponse(r: RaftState, m: Message, pr: Progress): void {
  pr.recentActive = true
  if (m.reject) {
    let nextProbeIdx: number = m.rejectHint
    if (m.logTerm > 0) nextProbeIdx = findConflictByTerm(r.log, m.rejectHint, m.logTerm)
    if (maybeDecrTo(pr, m.index, nextProbeIdx)) {
      if (pr.state === 'replicate') becomeProbe(pr)
      sendAppend(r, m.from)
    }
    return
  }
  const oldPaused = isPaused(pr)
  if (!maybeUpdate(pr, m.index)) return
  if (pr.state === 'probe') {
    becomeReplicate(pr)
  } else if (pr.state === 'snapshot' && pr.match >= pr.pendingSnapshot) {
    becomeProbe(pr)
    becomeReplicate(pr)
  } else if (pr.state === 'replicate') {
    freeInflightsTo(pr, m.index)
  }
  if (maybeCommit(r)) {
    releasePendingReadIndexMessages(r)
    bcastAppend(r)
  } else if (oldPaused) {
    sendAppend(r, m.from)
  }
  while (maybeSendAppend(r, m.from, false)) {
    // keep filling the in-flight window
  }
  if (m.from === r.leadTransferee && pr.match === lastIndex(r.log)) {
    send(r, makeMessage({ type: 'MsgTimeoutNow', to: m.from }))
  }
}

function handleHeartbeatResponse(r: RaftState, m: Message, pr: Progress): void {
  pr.recentActive = true
  pr.probeSent = false
  if (pr.state === 'replicate' && isInflightsFull(pr)) freeFirstInflight(pr)
  if (pr.match < lastIndex(r.log)) sendAppend(r, m.from)
  if (m.context === '') return
  const acks = recvAck(r.readOnly, m.from, m.context)
  if (acks === undefined || voteResult(r.voters, acks) !== 'VoteWon') return
  for (const rs of advanceReadOnly(r.readOnly, m.context)) respondToReadIndex(r, rs.req, rs.index)
}

/**
 * MsgTransferLeader: remember the transferee, catch it up, then send MsgTimeoutNow. Proposals
 * are dropped meanwhile; tickHeartbeat aborts after an election timeout.
 */
function transferLeader(r: RaftState, transferee: string, pr: Progress): void {
  if (r.leadTransferee !== NONE) {
    if (r.leadTransferee === transferee) return
    r.leadTransferee = NONE
  }
  if (transferee === r.id) return
  r.electionElapsed = 0
  r.leadTransferee = transferee
  logEvent(
    r,
    'TransferringLeadership',
    `${r.id} [term ${r.term}] starts to transfer leadership to ${transferee}`,
  )
  if (pr.match === lastIndex(r.log)) send(r, makeMessage({ type: 'MsgTimeoutNow', to: transferee }))
  else sendAppend(r, transferee)
}
