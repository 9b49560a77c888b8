import type { ForkNotice } from '../protocol/messages'
import type { FollowUp, SimAction, Simulation } from '../sim/index'
import { describeAction } from './worker-crash'

/**
 * Applies a user action (and a timed fault's scheduled heal); when it forks the history, returns
 * what the old future lost.
 */
export function dispatchNotingFork(
  sim: Simulation,
  action: SimAction,
  followUp?: FollowUp,
): ForkNotice | undefined {
  const before = [...sim.actions]
  const horizonMs = sim.horizonMs
  const atMs = sim.nowMs
  sim.dispatch(action, followUp)
  // A pending heal scheduled before now survives a fork; everything else of the future goes.
  const kept = new Set(sim.actions.map((a) => JSON.stringify(a)))
  const discarded = before.filter((a) => !kept.has(JSON.stringify(a)))
  if (discarded.length === 0 && atMs >= horizonMs) return undefined
  return {
    atMs,
    horizonMs,
    discarded: discarded.map((a) => ({ atMs: a.atMs, summary: describeAction(a.action) })),
  }
}
