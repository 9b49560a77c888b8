import type { FlowStep } from '../../network/types'
import type { HttpRequest } from '../../runtime/messages'
import type { AuthenticatedUser } from '../authz/attributes'
import {
  classify,
  DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT,
  DEFAULT_MAX_REQUESTS_INFLIGHT,
  nominalConcurrencyLimit,
  PRIORITY_LEVEL_CONFIG,
  PRIORITY_LEVELS,
  type PriorityLevelName,
} from './priority-levels'
import { dealHand, fnv1a32 } from './shuffle-shard'

/** A request that passed authentication, waiting for seats or running. */
export interface AdmittedRequest {
  from: string
  request: HttpRequest
  step?: FlowStep | undefined
  user: AuthenticatedUser
  seats: number
  /** When the request reached the server (queue wait counts in a list's time). */
  arrivedMs: number
}

export interface LevelState {
  /** Seats taken by requests running now, and how many requests that is. */
  seatsInUse: number
  executing: number
  /** Queues by index (sparse: most of the 64–128 queues are empty). */
  queues: Record<number, AdmittedRequest[]>
  queued: number
  /** Round-robin position over the queues when dispatching. */
  nextQueue: number
  dispatched: number
  rejected: number
}

export interface FlowControlState {
  /** --max-requests-inflight and --max-mutating-requests-inflight. */
  maxRequestsInflight: number
  maxMutatingRequestsInflight: number
  levels: Record<PriorityLevelName, LevelState>
  /** Requests holding seats, by "client#requestId". */
  running: Record<string, RunningRequest>
}

export interface RunningRequest {
  level: PriorityLevelName
  seats: number
  arrivedMs: number
}

const newLevel = (): LevelState => ({
  seatsInUse: 0,
  executing: 0,
  queues: {},
  queued: 0,
  nextQueue: 0,
  dispatched: 0,
  rejected: 0,
})

export function createFlowControl(
  maxRequestsInflight = DEFAULT_MAX_REQUESTS_INFLIGHT,
  maxMutatingRequestsInflight = DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT,
): FlowControlState {
  const levels = {} as Record<PriorityLevelName, LevelState>
  for (const level of PRIORITY_LEVELS) levels[level] = newLevel()
  return { maxRequestsInflight, maxMutatingRequestsInflight, levels, running: {} }
}

/** A new process: nothing runs or waits; counters restart, as a process's metrics do. */
export function resetFlowControl(state: FlowControlState): void {
  for (const level of PRIORITY_LEVELS) state.levels[level] = newLevel()
  state.running = {}
}

export const serverSeats = (state: FlowControlState): number =>
  state.maxRequestsInflight + state.maxMutatingRequestsInflight

export const levelLimit = (state: FlowControlState, level: PriorityLevelName): number =>
  nominalConcurrencyLimit(level, serverSeats(state))

const runKey = (client: string, requestId: number) => `${client}#${String(requestId)}`

function start(state: FlowControlState, level: PriorityLevelName, admitted: AdmittedRequest) {
  const seats = Math.min(admitted.seats, levelLimit(state, level))
  const l = state.levels[level]
  l.seatsInUse += seats
  l.executing++
  l.dispatched++
  state.running[runKey(admitted.from, admitted.request.requestId)] = {
    level,
    seats,
    arrivedMs: admitted.arrivedMs,
  }
}

// A flow's hand depends on its distinguisher and its level's configuration only: dealt once per
// flow (a memo outside the sim state, as the result is a pure function of the key), not per
// queued request. Bounded: cleared when full; above 5,000 kubelets (a flow each) plus the
// control plane's users, ~1 MB at most.
const HANDS_LIMIT = 8_192
const hands = new Map<string, readonly number[]>()

function handOf(flow: string, queues: number, handSize: number): readonly number[] {
  const key = `${flow}|${String(queues)}|${String(handSize)}`
  let hand = hands.get(key)
  if (hand === undefined) {
    if (hands.size >= HANDS_LIMIT) hands.clear()
    hand = dealHand(fnv1a32(flow), queues, handSize)
    hands.set(key, hand)
  }
  return hand
}

export type Admission =
  | { outcome: 'execute' }
  | { outcome: 'queued'; level: PriorityLevelName }
  | { outcome: 'rejected'; level: PriorityLevelName }

/**
 * Classifies a request and runs it if its level has seats free and nobody waits, queues it on
 * the shortest queue of its flow's hand, or rejects it: when that queue holds queueLengthLimit
 * requests, or at once for a level that does not queue (catch-all).
 * Source: staging/src/k8s.io/apiserver/pkg/util/flowcontrol/fairqueuing/queueset/queueset.go
 * StartRequest / timeoutOldRequestsAndRejectOrEnqueueLocked (v1.32). Fair queuing by virtual
 * finish time is approximated by round-robin over the queues; the queue wait limit (a quarter
 * of the request deadline) is left to --request-timeout.
 */
export function admit(
  state: FlowControlState,
  admitted: AdmittedRequest,
  resource: string,
  namespace: string | undefined,
): Admission {
  const { level, flowSchema } = classify({ user: admitted.user, resource, namespace })
  const l = state.levels[level]
  const limit = levelLimit(state, level)
  if (l.queued === 0 && (l.seatsInUse + admitted.seats <= limit || l.seatsInUse === 0)) {
    start(state, level, admitted)
    return { outcome: 'execute' }
  }
  const queuing = PRIORITY_LEVEL_CONFIG[level].queuing
  if (!queuing) {
    l.rejected++
    return { outcome: 'rejected', level }
  }
  // The flow distinguisher: the user (FlowDistinguisherMethodByUser, as global-default uses).
  const hand = handOf(`${flowSchema},${admitted.user.name}`, queuing.queues, queuing.handSize)
  let best = hand[0] ?? 0
  for (const q of hand) if ((l.queues[q]?.length ?? 0) < (l.queues[best]?.length ?? 0)) best = q
  const queue = (l.queues[best] ??= [])
  if (queue.length >= queuing.queueLengthLimit) {
    l.rejected++
    return { outcome: 'rejected', level }
  }
  queue.push(admitted)
  l.queued++
  return { outcome: 'queued', level }
}

/** An answer went out: the request's seats are free again. */
export function release(state: FlowControlState, client: string, requestId: number): void {
  const key = runKey(client, requestId)
  const running = state.running[key]
  if (!running) return
  delete state.running[key]
  const l = state.levels[running.level]
  l.seatsInUse -= running.seats
  l.executing--
}

/** Takes the requests that now fit, round-robin over each level's queues, and starts them. */
export function dispatchQueued(state: FlowControlState): AdmittedRequest[] {
  const started: AdmittedRequest[] = []
  for (const level of PRIORITY_LEVELS) {
    const l = state.levels[level]
    const queues = PRIORITY_LEVEL_CONFIG[level].queuing?.queues ?? 0
    while (l.queued > 0) {
      let index = l.nextQueue
      for (let i = 0; i < queues && (l.queues[index]?.length ?? 0) === 0; i++)
        index = (index + 1) % queues
      const queue = l.queues[index]
      const head = queue?.[0]
      if (!queue || !head) break
      if (l.seatsInUse > 0 && l.seatsInUse + head.seats > levelLimit(state, level)) break
      queue.shift()
      if (queue.length === 0) delete l.queues[index]
      l.queued--
      l.nextQueue = (index + 1) % queues
      start(state, level, head)
      started.push(head)
    }
  }
  return started
}

/** Drops a queued request whose client was answered already (its deadline passed). */
export function forgetQueued(state: FlowControlState, client: string, requestId: number): void {
  for (const level of PRIORITY_LEVELS) {
    const l = state.levels[level]
    for (const [index, queue] of Object.entries(l.queues)) {
      const at = queue.findIndex((q) => q.from === client && q.request.requestId === requestId)
      if (at < 0) continue
      queue.splice(at, 1)
      l.queued--
      if (queue.length === 0) delete l.queues[Number(index)]
      return
    }
  }
}
