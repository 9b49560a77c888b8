/**
 * Progress: the leader's view of one follower, modelled on raft/tracker/progress.go and
 * raft/tracker/inflights.go (etcd v3.5). Plain data; the functions mutate it in place.
 */
import type { LogIndex } from '../../core/brand'
import { asIndex } from './types'

// StateProbe / StateReplicate / StateSnapshot: raft/tracker/state.go (etcd v3.5)
export type ProgressState = 'probe' | 'replicate' | 'snapshot'

export interface Progress {
  /** Invariant: match < next; match only grows while the leader stays leader. */
  match: LogIndex
  next: LogIndex
  state: ProgressState
  /** Index of the snapshot in flight while state === 'snapshot'. */
  pendingSnapshot: LogIndex
  /** Heard from this follower since the last CheckQuorum (tracker.Progress.RecentActive). */
  recentActive: boolean
  /** Probe state: one MsgApp was sent and is unanswered (tracker.Progress.ProbeSent). */
  probeSent: boolean
  /** Last indexes of the MsgApps in flight (Inflights), oldest first. */
  inflights: LogIndex[]
  /** Inflights.size: MaxInflightMsgs, raft/raft.go Config (etcd v3.5). */
  maxInflight: number
}

export function makeProgress(next: number, maxInflight: number): Progress {
  return {
    match: asIndex(0),
    next: asIndex(next),
    state: 'probe',
    pendingSnapshot: asIndex(0),
    recentActive: false,
    probeSent: false,
    inflights: [],
    maxInflight,
  }
}

function resetState(pr: Progress, state: ProgressState): void {
  pr.probeSent = false
  pr.pendingSnapshot = asIndex(0)
  pr.state = state
  pr.inflights = []
}

// BecomeProbe: after a snapshot, resume after it; else after match. tracker/progress.go (etcd v3.5)
export function becomeProbe(pr: Progress): void {
  if (pr.state === 'snapshot') {
    const pending = pr.pendingSnapshot
    resetState(pr, 'probe')
    pr.next = asIndex(Math.max(pr.match + 1, pending + 1))
  } else {
    resetState(pr, 'probe')
    pr.next = asIndex(pr.match + 1)
  }
}

export function becomeReplicate(pr: Progress): void {
  resetState(pr, 'replicate')
  pr.next = asIndex(pr.match + 1)
}

export function becomeSnapshot(pr: Progress, snapshotIndex: LogIndex): void {
  resetState(pr, 'snapshot')
  pr.pendingSnapshot = snapshotIndex
}

/** MaybeUpdate: a successful MsgAppResp for index n; false if it tells nothing new. */
export function maybeUpdate(pr: Progress, n: number): boolean {
  let updated = false
  if (pr.match < n) {
    pr.match = asIndex(n)
    updated = true
    pr.probeSent = false
  }
  pr.next = asIndex(Math.max(pr.next, n + 1))
  return updated
}

/** OptimisticUpdate: in replicate state, assume the MsgApp up to n will arrive. */
export function optimisticUpdate(pr: Progress, n: number): void {
  pr.next = asIndex(n + 1)
}

/**
 * MaybeDecrTo: a rejection of the MsgApp whose prev index was `rejected`. In replicate state
 * fall back to match+1; in probe state jump to min(rejected, matchHint+1), ignoring stale
 * rejections. tracker/progress.go (etcd v3.5).
 */
export function maybeDecrTo(pr: Progress, rejected: number, matchHint: number): boolean {
  if (pr.state === 'replicate') {
    if (rejected <= pr.match) return false
    pr.next = asIndex(pr.match + 1)
    return true
  }
  if (pr.next - 1 !== rejected) return false
  pr.next = asIndex(Math.max(Math.min(rejected, matchHint + 1), 1))
  pr.probeSent = false
  return true
}

/** IsPaused: probe waits for its answer, replicate for window room, snapshot for the snapshot. */
export function isPaused(pr: Progress): boolean {
  switch (pr.state) {
    case 'probe':
      return pr.probeSent
    case 'replicate':
      return isInflightsFull(pr)
    case 'snapshot':
      return true
  }
}

export function isInflightsFull(pr: Progress): boolean {
  return pr.inflights.length >= pr.maxInflight
}

export function addInflight(pr: Progress, last: LogIndex): void {
  if (isInflightsFull(pr)) throw new Error('cannot add into a full inflights')
  pr.inflights.push(last)
}

/** FreeLE: drop every in-flight MsgApp ending at or before `to`. */
export function freeInflightsTo(pr: Progress, to: number): void {
  let i = 0
  while (i < pr.inflights.length && (pr.inflights[i] as number) <= to) i++
  if (i > 0) dropFirst(pr.inflights, i)
}

export function freeFirstInflight(pr: Progress): void {
  dropFirst(pr.inflights, 1)
}

/** Removes the first `n` items in place: no new array per acknowledged MsgApp. */
function dropFirst(items: LogIndex[], n: number): void {
  items.copyWithin(0, n)
  items.length = Math.max(0, items.length - n)
}
