/**
 * Random schedules over a Network, for property tests and the benchmark: a schedule is a list
 * of plain commands, so fast-check can shrink it and a failing one can be pinned as data.
 */
import type { RaftConfigInput } from '../raft-state'
import {
  campaign,
  proposeConfChange,
  serializableReadIndex,
  timeoutNow,
  transferLeader,
} from '../rawnode'
import { checkInvariants, makeHistory, noteReadRequest } from './invariants'
import type { History } from './invariants'
import {
  crash,
  deliver,
  drop,
  duplicate,
  heal,
  leaders,
  liveRaft,
  makeNetwork,
  member,
  partition,
  processReady,
  proposeAt,
  readIndexAt,
  restart,
  tickMember,
} from './network'
import type { Network } from './network'

export type CommandKind =
  | 'deliver'
  | 'flush'
  | 'drop'
  | 'duplicate'
  | 'tick'
  | 'tickAll'
  | 'propose'
  | 'readIndex'
  | 'serializableRead'
  | 'partition'
  | 'heal'
  | 'crash'
  | 'restart'
  | 'campaign'
  | 'transferLeader'
  | 'timeoutNow'
  | 'addVoter'
  | 'removeVoter'

/** `a` picks a member or an in-flight message (modulo), or a partition as a bit mask. */
export interface Command {
  k: CommandKind
  a: number
}

export interface Schedule {
  size: number
  seed: number
  preVote: boolean
  checkQuorum: boolean
  /** Overrides of SCHEDULE_CONFIG (timeouts, batching, compaction). */
  config?: Omit<RaftConfigInput, 'id' | 'voters' | 'rngSeed'>
  cmds: Command[]
}

// Small timeouts and a tiny snapshot threshold so that short schedules see elections,
// compaction and catch-up by MsgSnap.
export const SCHEDULE_CONFIG: Omit<RaftConfigInput, 'id' | 'voters' | 'rngSeed'> = {
  electionTick: 6,
  heartbeatTick: 2,
  snapshotThreshold: 4,
  compactionKeep: 1,
  maxInflightMsgs: 3,
  maxEntriesPerMsg: 1,
}

/** Runs a schedule, checking every invariant after every command; throws on a violation. */
export function runSchedule(s: Schedule): { net: Network; history: History } {
  const net = makeNetwork(
    s.size,
    { ...SCHEDULE_CONFIG, ...s.config, preVote: s.preVote, checkQuorum: s.checkQuorum },
    s.seed,
  )
  const h = makeHistory()
  let counter = 0
  for (const [i, c] of s.cmds.entries()) {
    counter++
    try {
      applyCommand(net, h, c, counter)
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e)
      throw new Error(`step ${i} (${c.k} ${c.a}) of seed ${s.seed}: ${msg}`, { cause: e })
    }
  }
  return { net, history: h }
}

function pick(net: Network, a: number): string {
  return net.ids[a % net.ids.length] as string
}

/** Applies one command, checking the invariants after every elementary action in it. */
function applyCommand(net: Network, h: History, c: Command, counter: number): void {
  const n = net.inFlight.length
  applyOne(net, h, c, counter, n)
  checkInvariants(net, h)
}

function applyOne(net: Network, h: History, c: Command, counter: number, n: number): void {
  switch (c.k) {
    case 'deliver':
      // Up to four messages, each picked anywhere in the queue: this is the reordering.
      for (let j = 0; j <= (c.a & 3) && net.inFlight.length > 0; j++) {
        deliver(net, (c.a >> 2) % net.inFlight.length)
        checkInvariants(net, h)
      }
      break
    case 'flush':
      for (let j = 0; j < 30 && net.inFlight.length > 0; j++) {
        deliver(net, 0)
        checkInvariants(net, h)
      }
      break
    case 'drop':
      if (n > 0) drop(net, c.a % n)
      break
    case 'duplicate':
      if (n > 0) duplicate(net, c.a % n)
      break
    case 'tick':
      tickMember(net, pick(net, c.a))
      break
    case 'tickAll':
      for (const id of net.ids) {
        tickMember(net, id)
        checkInvariants(net, h)
      }
      break
    case 'propose':
      proposeAt(net, pick(net, c.a), `p${counter}`)
      break
    case 'readIndex': {
      const ctx = `r${counter}`
      noteReadRequest(h, ctx)
      readIndexAt(net, pick(net, c.a), ctx)
      break
    }
    case 'serializableRead':
      checkSerializableRead(net, h, pick(net, c.a))
      break
    case 'partition':
      partition(net, [
        net.ids.filter((_, i) => ((c.a >> i) & 1) === 1),
        net.ids.filter((_, i) => ((c.a >> i) & 1) === 0),
      ])
      break
    case 'heal':
      heal(net)
      break
    case 'crash':
      crash(net, pick(net, c.a))
      break
    case 'restart':
      restart(net, pick(net, c.a))
      break
    case 'addVoter':
    case 'removeVoter':
    case 'transferLeader':
    case 'timeoutNow':
    case 'campaign':
      applyLeadershipCommand(net, c)
      break
  }
}

/** Membership changes, transfers and forced elections. */
function applyLeadershipCommand(net: Network, c: Command): void {
  const id = pick(net, c.a)
  const leader = leaders(net)[0]
  const r = liveRaft(net, id)
  if (c.k === 'addVoter' || c.k === 'removeVoter') {
    if (leader === undefined) return
    proposeConfChange(leader, { type: c.k === 'addVoter' ? 'AddNode' : 'RemoveNode', nodeId: id })
    processReady(net, leader.id)
  } else if (c.k === 'transferLeader') {
    if (leader === undefined) return
    transferLeader(leader, id)
    processReady(net, leader.id)
  } else if (r !== undefined) {
    if (c.k === 'timeoutNow') timeoutNow(r)
    else campaign(r)
    processReady(net, id)
  }
}

/** A serializable read returns the applied state: possibly stale, never uncommitted. */
function checkSerializableRead(net: Network, h: History, id: string): void {
  const m = member(net, id)
  if (m.raft === undefined) return
  const index = serializableReadIndex(m.raft)
  if (index !== m.app.index) throw new Error(`${id}: applied ${index} but app at ${m.app.index}`)
  if (index > m.raft.log.committed || index > h.maxCommitted) {
    throw new Error(`${id}: serializable read at uncommitted ${index}`)
  }
}
