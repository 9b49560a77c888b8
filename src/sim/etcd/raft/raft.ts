/**
 * The Raft core's entry points: createRaft, step and tick, modelled on raft/raft.go newRaft,
 * Step, tickElection and tickHeartbeat (etcd v3.5). Pure and synchronous: every function here
 * mutates the plain-data state it is given and performs no I/O; output is read with takeReady.
 */
import { createRng, forkRng } from '../../core/rng'
import { becomeFollower } from './become'
import { hup } from './election'
import { commitTo, createLog, isUpToDate, lastIndex, lastTerm } from './log'
import { makeProgress } from './progress'
import { makeReadOnly } from './read-only'
import {
  DEFAULT_CONFIG,
  hardState,
  logEvent,
  pastElectionTimeout,
  promotable,
  send,
  softState,
} from './raft-state'
import type { RaftConfig, RaftConfigInput, RaftState } from './raft-state'
import { stepLeader } from './step-leader'
import { stepCandidate, stepFollower } from './step-follower'
import { asIndex, asTerm, makeMessage, NONE } from './types'
import type { Message, PersistedState, RaftError, Snapshot } from './types'

/**
 * createRaft: a follower at the persisted term (0 on first boot) with no leader. A restart
 * passes what was persisted: HardState, the snapshot, and the entries after it.
 */
export function createRaft(input: RaftConfigInput, persisted?: PersistedState): RaftState {
  const config: RaftConfig = { ...DEFAULT_CONFIG, ...input, voters: [...input.voters].sort() }
  if (config.heartbeatTick <= 0) throw new Error('heartbeat tick must be greater than 0')
  if (config.electionTick <= config.heartbeatTick) {
    throw new Error('election tick must be greater than heartbeat tick')
  }
  const snapshot: Snapshot = persisted?.snapshot ?? {
    metadata: { index: asIndex(0), term: asTerm(0), confState: { voters: config.voters } },
    data: null,
  }
  const log = createLog(snapshot, persisted?.entries ?? [])
  const voters = [...snapshot.metadata.confState.voters].sort()
  const hs = persisted?.hardState ?? { term: asTerm(0), vote: NONE, commit: asIndex(0) }
  const r: RaftState = {
    config,
    id: config.id,
    term: hs.term,
    vote: hs.vote,
    lead: NONE,
    role: 'follower',
    log,
    voters,
    progress: new Map(voters.map((id) => [id, makeProgress(1, config.maxInflightMsgs)])),
    votes: {},
    msgs: [],
    readStates: [],
    readOnly: makeReadOnly(),
    pendingReadIndexMessages: [],
    electionElapsed: 0,
    heartbeatElapsed: 0,
    randomizedElectionTimeout: config.electionTick,
    leadTransferee: NONE,
    pendingConfIndex: asIndex(0),
    rng: forkRng(createRng(config.rngSeed), `raft:${config.id}`),
    prevSoftState: { leader: NONE, role: 'follower' },
    prevHardState: hs,
    events: [],
  }
  // loadState: a persisted commit beyond the log is corruption (raft/raft.go loadState).
  if (hs.commit > lastIndex(log)) throw new Error(`commit ${hs.commit} is out of range`)
  commitTo(log, hs.commit)
  becomeFollower(r, r.term, NONE)
  r.prevHardState = hardState(r)
  r.prevSoftState = softState(r)
  return r
}

/**
 * step: the one entry point for every message, remote or local. Term rules first:
 * - higher term: step down, except PreVote traffic, and except (Pre)Vote inside the CheckQuorum
 *   lease (we heard from a leader less than electionTick ago) unless it is a transfer;
 * - lower term: ignored, but a stale MsgApp/MsgHeartbeat gets an empty MsgAppResp (frees a
 *   leader stuck in an old term) and a stale MsgPreVote gets a rejection.
 * raft/raft.go Step (etcd v3.5).
 */
export function step(r: RaftState, m: Message): RaftError | undefined {
  if (m.term > r.term) {
    if (!stepHigherTerm(r, m)) return undefined
  } else if (m.term !== 0 && m.term < r.term) {
    stepStale(r, m)
    return undefined
  }
  switch (m.type) {
    case 'MsgHup':
      hup(r, r.config.preVote ? 'CampaignPreElection' : 'CampaignElection')
      return undefined
    case 'MsgVote':
    case 'MsgPreVote':
      stepVoteRequest(r, m)
      return undefined
    case 'MsgBeat':
    case 'MsgProp':
    case 'MsgApp':
    case 'MsgAppResp':
    case 'MsgVoteResp':
    case 'MsgSnap':
    case 'MsgHeartbeat':
    case 'MsgHeartbeatResp':
    case 'MsgUnreachable':
    case 'MsgSnapStatus':
    case 'MsgCheckQuorum':
    case 'MsgTransferLeader':
    case 'MsgTimeoutNow':
    case 'MsgReadIndex':
    case 'MsgReadIndexResp':
    case 'MsgPreVoteResp':
      break
  }
  switch (r.role) {
    case 'leader':
      return stepLeader(r, m)
    case 'candidate':
    case 'pre-candidate':
      return stepCandidate(r, m)
    case 'follower':
      return stepFollower(r, m)
  }
}

/** A message from a later term; false if it is to be ignored (a (Pre)Vote inside the lease). */
function stepHigherTerm(r: RaftState, m: Message): boolean {
  if (m.type === 'MsgVote' || m.type === 'MsgPreVote') {
    const force = m.context === 'CampaignTransfer'
    const inLease =
      r.config.checkQuorum && r.lead !== NONE && r.electionElapsed < r.config.electionTick
    if (!force && inLease) {
      logEvent(
        r,
        'IgnoredVoteInLease',
        `${r.id} [logterm: ${lastTerm(r.log)}, index: ${lastIndex(r.log)}, vote: ${r.vote || 'None'}] ignored ${m.type} from ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${r.term}: lease is not expired (remaining ticks: ${r.config.electionTick - r.electionElapsed})`,
      )
      return false
    }
  }
  // Never change our term in response to a PreVote, or to a granted PreVote response: the
  // pre-candidate asked for a term it does not hold yet.
  if (m.type === 'MsgPreVote' || (m.type === 'MsgPreVoteResp' && !m.reject)) return true
  logEvent(
    r,
    'ReceivedHigherTerm',
    `${r.id} [term: ${r.term}] received a ${m.type} message with higher term from ${m.from} [term: ${m.term}]`,
  )
  const fromLeader = m.type === 'MsgApp' || m.type === 'MsgHeartbeat' || m.type === 'MsgSnap'
  becomeFollower(r, m.term, fromLeader ? m.from : NONE)
  return true
}

function stepStale(r: RaftState, m: Message): void {
  const c = r.config
  if ((c.checkQuorum || c.preVote) && (m.type === 'MsgHeartbeat' || m.type === 'MsgApp')) {
    send(r, makeMessage({ type: 'MsgAppResp', to: m.from }))
  } else if (m.type === 'MsgPreVote') {
    send(r, makeMessage({ type: 'MsgPreVoteResp', to: m.from, term: r.term, reject: true }))
  } else {
    logEvent(
      r,
      'IgnoredLowerTerm',
      `${r.id} [term: ${r.term}] ignored a ${m.type} message with lower term from ${m.from} [term: ${m.term}]`,
    )
  }
}

/**
 * MsgVote / MsgPreVote: grant a repeat of our vote, or a first vote when we know no leader, or
 * any PreVote for a later term, if the candidate's log is at least as up to date as ours
 * (Raft paper §5.4.1). Granting a real vote resets the election timer.
 */
function stepVoteRequest(r: RaftState, m: Message): void {
  const canVote =
    r.vote === m.from ||
    (r.vote === NONE && r.lead === NONE) ||
    (m.type === 'MsgPreVote' && m.term > r.term)
  const respType = m.type === 'MsgVote' ? 'MsgVoteResp' : 'MsgPreVoteResp'
  const granted = canVote && isUpToDate(r.log, m.index, m.logTerm)
  logEvent(
    r,
    granted ? 'CastVote' : 'RejectedVote',
    `${r.id} [logterm: ${lastTerm(r.log)}, index: ${lastIndex(r.log)}, vote: ${r.vote || 'None'}] ${granted ? 'cast' : 'rejected'} ${m.type} ${granted ? 'for' : 'from'} ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${r.term}`,
  )
  if (granted) {
    // The response carries the request's term, not ours (a granted PreVote is for the future).
    send(r, makeMessage({ type: respType, to: m.from, term: m.term }))
    if (m.type === 'MsgVote') {
      r.electionElapsed = 0
      r.vote = m.from
    }
  } else {
    send(r, makeMessage({ type: respType, to: m.from, term: r.term, reject: true }))
  }
}

/** tick: one logical clock tick; followers and candidates count toward an election. */
export function tick(r: RaftState): void {
  if (r.role === 'leader') tickHeartbeat(r)
  else tickElection(r)
}

function tickElection(r: RaftState): void {
  r.electionElapsed++
  if (promotable(r) && pastElectionTimeout(r)) {
    r.electionElapsed = 0
    step(r, makeMessage({ type: 'MsgHup', from: r.id }))
  }
}

/**
 * tickHeartbeat: every electionTick (not randomized) run CheckQuorum and abort a stuck
 * leadership transfer; every heartbeatTick broadcast a heartbeat.
 */
function tickHeartbeat(r: RaftState): void {
  r.heartbeatElapsed++
  r.electionElapsed++
  if (r.electionElapsed >= r.config.electionTick) {
    r.electionElapsed = 0
    if (r.config.checkQuorum) step(r, makeMessage({ type: 'MsgCheckQuorum', from: r.id }))
    if (r.role === 'leader' && r.leadTransferee !== NONE) r.leadTransferee = NONE
  }
  if (r.role !== 'leader') return
  if (r.heartbeatElapsed >= r.config.heartbeatTick) {
    r.heartbeatElapsed = 0
    step(r, makeMessage({ type: 'MsgBeat', from: r.id }))
  }
}
