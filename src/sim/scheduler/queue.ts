/**
 * The scheduling queue as a pure state machine over plain data, driven by explicit `nowMs`:
 * activeQ (priority, then timestamp), backoffQ (by backoff expiry) and unschedulablePods, with
 * the periodic flushes modelled as ticks at fixed intervals from the queue's start.
 * Source: PriorityQueue, pkg/scheduler/internal/queue/scheduling_queue.go (v1.32);
 * PrioritySort.Less, pkg/scheduler/framework/plugins/queuesort/priority_sort.go (v1.32)
 *
 * Functions mutate the queue they are given (like rng.ts); the caller owns it.
 * Invariant: a pod key is in at most one of activeQ, backoffQ, unschedulablePods, inFlight.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { podKey, podPriority } from './framework/node-info'
import { isPodWorthRequeuing, type ClusterEvent, type QueueingStrategy } from './queueing-hints'
import { heapPop, heapPush, heapRemoveAt, type Less } from './util/heap'
import { deleteKey } from './util/records'

// DefaultPodInitialBackoffDuration = 1s: scheduling_queue.go (v1.32)
export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000
// DefaultPodMaxBackoffDuration = 10s: scheduling_queue.go (v1.32)
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000
// DefaultPodMaxInUnschedulablePodsDuration = 5min: scheduling_queue.go (v1.32)
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000
// flushBackoffQCompleted runs every 1s: PriorityQueue.Run, scheduling_queue.go (v1.32)
export const BACKOFF_FLUSH_INTERVAL_MS = 1_000
// flushUnschedulablePodsLeftover runs every 30s: PriorityQueue.Run, scheduling_queue.go (v1.32)
export const UNSCHEDULABLE_FLUSH_INTERVAL_MS = 30_000

export interface QueueConfig {
  podInitialBackoffMs: number
  podMaxBackoffMs: number
  podMaxInUnschedulablePodsMs: number
}

/** framework.QueuedPodInfo */
export interface QueuedPodInfo {
  key: string
  pod: Pod
  /** When the pod was last added (or re-added after a failure) to the queue. */
  timestampMs: number
  initialAttemptTimestampMs?: number
  attempts: number
  unschedulablePlugins: string[]
  pendingPlugins: string[]
  /** Held by PreEnqueue (spec.schedulingGates). */
  gated: boolean
  /** Insertion order: breaks PrioritySort ties deterministically (NB: upstream's heap is not stable). */
  seq: number
}

export interface InFlightEvent {
  seq: number
  event: ClusterEvent
}

export interface SchedulingQueue {
  config: QueueConfig
  startedAtMs: number
  activeQ: QueuedPodInfo[]
  backoffQ: QueuedPodInfo[]
  unschedulablePods: Record<string, QueuedPodInfo>
  /** Popped pods whose scheduling cycle has not finished, with the first event seq they must see. */
  inFlight: Record<string, { pInfo: QueuedPodInfo; firstEventSeq: number }>
  inFlightEvents: InFlightEvent[]
  /**
   * The queued pods (in any of the four places) whose status.nominatedNodeName is set, by key:
   * upstream's nominator (nominatedPods, scheduling_queue.go v1.32), kept as pods come, change
   * and leave, so a cycle does not walk the whole queue to find them.
   * Invariant: equals a scan of the four places (queue-properties.test.ts).
   */
  nominated: Record<string, Pod>
  /**
   * Which heap holds each pod in activeQ or backoffQ, by key: upstream finds a queued pod by key
   * (the heaps' key-indexed items map, internal/heap/heap.go v1.32), so adding, updating and
   * deleting a pod that is in neither heap scans neither. Invariant: matches the two heaps.
   */
  heaped: Record<string, 'activeQ' | 'backoffQ'>
  nextEventSeq: number
  nextSeq: number
  schedulingCycle: number
  moveRequestCycle: number
}

export function createSchedulingQueue(
  nowMs: number,
  config: Partial<QueueConfig> = {},
): SchedulingQueue {
  return {
    config: {
      podInitialBackoffMs: config.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS,
      podMaxBackoffMs: config.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS,
      podMaxInUnschedulablePodsMs:
        config.podMaxInUnschedulablePodsMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS,
    },
    startedAtMs: nowMs,
    activeQ: [],
    backoffQ: [],
    unschedulablePods: {},
    inFlight: {},
    inFlightEvents: [],
    nominated: {},
    heaped: {},
    nextEventSeq: 0,
    nextSeq: 0,
    schedulingCycle: 0,
    moveRequestCycle: -1,
  }
}

/** PrioritySort.Less: higher priority first, then the earlier timestamp. */
export const activeLess: Less<QueuedPodInfo> = (a, b) => {
  const pa = podPriority(a.pod)
  const pb = podPriority(b.pod)
  if (pa !== pb) return pa > pb
  if (a.timestampMs !== b.timestampMs) return a.timestampMs < b.timestampMs
  return a.seq < b.seq
}

/** calculateBackoffDuration: initial · 2^(attempts−1), capped at max; 0 before any attempt. */
export function backoffDurationMs(config: QueueConfig, attempts: number): number {
  if (attempts === 0) return 0
  let d = config.podInitialBackoffMs
  for (let i = 1; i < attempts; i++) {
    if (d > config.podMaxBackoffMs - d) return config.podMaxBackoffMs
    d += d
  }
  return d
}

export function backoffExpiryMs(q: SchedulingQueue, p: QueuedPodInfo): number {
  return p.timestampMs + backoffDurationMs(q.config, p.attempts)
}

function backoffLess(q: SchedulingQueue): Less<QueuedPodInfo> {
  return (a, b) => {
    const ea = backoffExpiryMs(q, a)
    const eb = backoffExpiryMs(q, b)
    return ea !== eb ? ea < eb : a.seq < b.seq
  }
}

/** isPodBackingoff: gated pods never back off. */
function isBackingOff(q: SchedulingQueue, p: QueuedPodInfo, nowMs: number): boolean {
  return !p.gated && backoffExpiryMs(q, p) > nowMs
}

/** Where a pod is, for the queue view and tests. */
export function locatePod(
  q: SchedulingQueue,
  key: string,
): 'activeQ' | 'backoffQ' | 'unschedulablePods' | 'inFlight' | undefined {
  const heap = q.heaped[key]
  if (heap !== undefined) return heap
  if (key in q.unschedulablePods) return 'unschedulablePods'
  if (key in q.inFlight) return 'inFlight'
  return undefined
}

/** Where the pod of `key` sits in a heap that holds it (q.heaped says which). */
const indexOfKey = (list: readonly QueuedPodInfo[], key: string): number =>
  list.findIndex((p) => p.key === key)

function moveToActiveQ(q: SchedulingQueue, p: QueuedPodInfo): void {
  // PreEnqueue (SchedulingGates): a gated pod waits in unschedulablePods.
  p.gated = (p.pod.spec?.schedulingGates?.length ?? 0) > 0
  if (p.gated) {
    q.unschedulablePods[p.key] = p
    return
  }
  heapPush(q.activeQ, p, activeLess)
  q.heaped[p.key] = 'activeQ'
}

/** Keeps q.nominated in step with the pod now queued under `key`. */
function noteNominated(q: SchedulingQueue, key: string, pod: Pod): void {
  if (pod.status?.nominatedNodeName) q.nominated[key] = pod
  else if (key in q.nominated) deleteKey(q.nominated, key)
}

/** Add: a new unscheduled pod enters activeQ (or unschedulablePods while gated). */
export function addPod(q: SchedulingQueue, pod: Pod, nowMs: number): void {
  const key = podKey(pod)
  if (locatePod(q, key) !== undefined) return
  noteNominated(q, key, pod)
  moveToActiveQ(q, {
    key,
    pod,
    timestampMs: nowMs,
    attempts: 0,
    unschedulablePlugins: [],
    pendingPlugins: [],
    gated: false,
    seq: q.nextSeq++,
  })
}

/** Pop: the next pod to schedule; attempts and the scheduling cycle counter advance. */
export function popPod(q: SchedulingQueue, nowMs: number): QueuedPodInfo | undefined {
  const p = heapPop(q.activeQ, activeLess)
  if (!p) return undefined
  deleteKey(q.heaped, p.key)
  p.attempts++
  p.initialAttemptTimestampMs ??= nowMs
  // The rejectors are reset for the next attempt (Pop, scheduling_queue.go v1.32).
  p.unschedulablePlugins = []
  p.pendingPlugins = []
  q.schedulingCycle++
  q.inFlight[p.key] = { pInfo: p, firstEventSeq: q.nextEventSeq }
  return p
}

/** Done: the pod's scheduling attempt is over; drop in-flight events nobody needs any more. */
export function donePod(q: SchedulingQueue, key: string): void {
  if (key in q.inFlight) {
    deleteKey(q.inFlight, key)
    // It leaves the queue, unless addUnschedulableIfNotPresent puts it back (and notes it again).
    if (key in q.nominated) deleteKey(q.nominated, key)
  }
  const firstNeeded = Math.min(
    ...Object.values(q.inFlight).map((f) => f.firstEventSeq),
    q.nextEventSeq,
  )
  q.inFlightEvents = q.inFlightEvents.filter((e) => e.seq >= firstNeeded)
}

/** requeuePodViaQueueingHint: returns where the pod went. */
function requeue(
  q: SchedulingQueue,
  p: QueuedPodInfo,
  strategy: QueueingStrategy,
  nowMs: number,
): 'activeQ' | 'backoffQ' | 'unschedulablePods' {
  if (strategy === 'queueSkip') {
    q.unschedulablePods[p.key] = p
    return 'unschedulablePods'
  }
  if (strategy === 'queueAfterBackoff' && isBackingOff(q, p, nowMs)) {
    heapPush(q.backoffQ, p, backoffLess(q))
    q.heaped[p.key] = 'backoffQ'
    return 'backoffQ'
  }
  moveToActiveQ(q, p)
  return p.gated ? 'unschedulablePods' : 'activeQ'
}

/**
 * AddUnschedulableIfNotPresent: after a failed attempt, the pod is re-timestamped and placed by
 * the events that arrived while it was in flight (determineSchedulingHintForInFlightPod): with no
 * rejector plugins it backs off; otherwise it waits in unschedulablePods unless such an event
 * made it worth retrying.
 */
export function addUnschedulableIfNotPresent(
  q: SchedulingQueue,
  p: QueuedPodInfo,
  rejection: { unschedulablePlugins: readonly string[]; pendingPlugins: readonly string[] },
  nowMs: number,
): 'activeQ' | 'backoffQ' | 'unschedulablePods' {
  const flight = q.inFlight[p.key]
  const firstSeq = flight?.firstEventSeq ?? q.nextEventSeq
  p.unschedulablePlugins = [...rejection.unschedulablePlugins]
  p.pendingPlugins = [...rejection.pendingPlugins]
  p.timestampMs = nowMs
  let strategy: QueueingStrategy = 'queueSkip'
  if (p.unschedulablePlugins.length + p.pendingPlugins.length === 0) strategy = 'queueAfterBackoff'
  else {
    for (const e of q.inFlightEvents) {
      if (e.seq < firstSeq) continue
      const s = isPodWorthRequeuing(p, e.event)
      if (s === 'queueImmediately') {
        strategy = s
        break
      }
      if (s === 'queueAfterBackoff') strategy = s
    }
  }
  donePod(q, p.key)
  noteNominated(q, p.key, p.pod)
  return requeue(q, p, strategy, nowMs)
}

/**
 * MoveAllToActiveOrBackoffQueue: a cluster event may make unschedulable pods schedulable; each
 * pod's rejector plugins decide. The event is also remembered for pods in flight.
 */
export function moveAllToActiveOrBackoffQueue(
  q: SchedulingQueue,
  event: ClusterEvent,
  nowMs: number,
): string[] {
  const moved: string[] = []
  for (const p of Object.values(q.unschedulablePods)) {
    if (p.gated) continue
    const strategy = isPodWorthRequeuing(p, event)
    if (strategy === 'queueSkip') continue
    deleteKey(q.unschedulablePods, p.key)
    requeue(q, p, strategy, nowMs)
    moved.push(p.key)
  }
  q.moveRequestCycle = q.schedulingCycle
  if (Object.keys(q.inFlight).length > 0) q.inFlightEvents.push({ seq: q.nextEventSeq++, event })
  return moved
}

/** Delete: an unscheduled pod was deleted (or got bound elsewhere). */
export function deletePod(q: SchedulingQueue, pod: Pod): void {
  const key = podKey(pod)
  const heap = q.heaped[key]
  if (heap === 'activeQ') heapRemoveAt(q.activeQ, indexOfKey(q.activeQ, key), activeLess)
  else if (heap === 'backoffQ')
    heapRemoveAt(q.backoffQ, indexOfKey(q.backoffQ, key), backoffLess(q))
  if (heap !== undefined) deleteKey(q.heaped, key)
  deleteKey(q.unschedulablePods, key)
  // A pod in flight stays queued (and nominated) until its cycle is done.
  if (!(key in q.inFlight) && key in q.nominated) deleteKey(q.nominated, key)
}

/**
 * Update: replaces the pod object wherever it is. An unschedulable pod whose spec changed is
 * offered to its rejectors' hints as an UnscheduledPod Update (a gate removal re-runs PreEnqueue).
 */
export function updatePod(q: SchedulingQueue, oldPod: Pod, newPod: Pod, nowMs: number): void {
  const key = podKey(newPod)
  const heap = q.heaped[key]
  if (heap !== undefined) {
    const list = heap === 'activeQ' ? q.activeQ : q.backoffQ
    const found = list[indexOfKey(list, key)]
    if (found) found.pod = newPod
    noteNominated(q, key, newPod)
  }
  const u = q.unschedulablePods[key]
  if (!u) return
  u.pod = newPod
  noteNominated(q, key, newPod)
  const strategy: QueueingStrategy = u.gated
    ? 'queueImmediately'
    : isPodWorthRequeuing(u, { resource: 'UnscheduledPod', action: 'Update', oldPod, pod: newPod })
  if (strategy === 'queueSkip') return
  deleteKey(q.unschedulablePods, key)
  requeue(q, u, strategy, nowMs)
}

/** The most recent flush tick at or before nowMs, for a flush loop of `intervalMs`. */
function lastTickAtOrBefore(q: SchedulingQueue, intervalMs: number, nowMs: number): number {
  return q.startedAtMs + Math.floor((nowMs - q.startedAtMs) / intervalMs) * intervalMs
}

/**
 * Runs the periodic flushes due by nowMs, as if they ran at their tick times:
 * flushBackoffQCompleted (every 1 s) moves pods whose backoff expired to activeQ;
 * flushUnschedulablePodsLeftover (every 30 s) moves pods that sat in unschedulablePods for more
 * than podMaxInUnschedulablePodsDuration (5 min), as an UnschedulableTimeout event.
 */
export function tickQueue(
  q: SchedulingQueue,
  nowMs: number,
): { movedFromBackoff: string[]; movedFromUnschedulable: string[] } {
  // The leftover flush first: a pod it sends to backoffQ may already be due at a later 1 s tick.
  const uTick = lastTickAtOrBefore(q, UNSCHEDULABLE_FLUSH_INTERVAL_MS, nowMs)
  const movedFromUnschedulable: string[] = []
  for (const p of Object.values(q.unschedulablePods)) {
    if (p.gated || uTick - p.timestampMs <= q.config.podMaxInUnschedulablePodsMs) continue
    deleteKey(q.unschedulablePods, p.key)
    requeue(q, p, 'queueAfterBackoff', uTick)
    movedFromUnschedulable.push(p.key)
  }
  const tick = lastTickAtOrBefore(q, BACKOFF_FLUSH_INTERVAL_MS, nowMs)
  const movedFromBackoff: string[] = []
  const less = backoffLess(q)
  for (let top = q.backoffQ[0]; top && backoffExpiryMs(q, top) <= tick; top = q.backoffQ[0]) {
    heapPop(q.backoffQ, less)
    deleteKey(q.heaped, top.key)
    moveToActiveQ(q, top)
    movedFromBackoff.push(top.key)
  }
  return { movedFromBackoff, movedFromUnschedulable }
}

/** The first flush tick at or after atMs, for a flush loop of `intervalMs`. */
export function firstTickAtOrAfter(q: SchedulingQueue, intervalMs: number, atMs: number): number {
  return q.startedAtMs + Math.ceil((atMs - q.startedAtMs) / intervalMs) * intervalMs
}

/**
 * The next time a flush would move a pod, or undefined when no timer is needed. (A non-empty
 * activeQ needs no timer: the actor pops it at once.)
 */
export function nextWakeupMs(q: SchedulingQueue): number | undefined {
  let next: number | undefined
  const consider = (t: number): void => {
    if (next === undefined || t < next) next = t
  }
  // backoffQ is a heap by backoff expiry, and the first tick after a time never comes earlier
  // for a later time: its top is due first.
  const top = q.backoffQ[0]
  if (top) consider(firstTickAtOrAfter(q, BACKOFF_FLUSH_INTERVAL_MS, backoffExpiryMs(q, top)))
  for (const p of Object.values(q.unschedulablePods)) {
    if (p.gated) continue
    // moved once now - timestamp > max: the first 30 s tick strictly after timestamp + max
    const due = p.timestampMs + q.config.podMaxInUnschedulablePodsMs + 1
    consider(firstTickAtOrAfter(q, UNSCHEDULABLE_FLUSH_INTERVAL_MS, due))
  }
  return next
}
