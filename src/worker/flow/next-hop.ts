import type { Simulation } from '../../sim/index'
import type { FlowTracker } from './flow-tracker'

// Next hop waits at most this long for the flow's next message (an image pull, a backoff),
// then stops there; the user can press again.
const MAX_WAIT_MS = 60_000

/**
 * Moves to the followed flow's next hop: the instant its next message is sent, or one in flight
 * arrives, whichever comes first. Runs instant by instant, so it never jumps past either. Without
 * a flow in progress it is the fine step.
 */
export function nextHop(sim: Simulation, tracker: FlowTracker, withRaft: boolean): void {
  tracker.ingest(sim.trace, sim.actions, sim.traceStart)
  const start = tracker.hops(sim.nowMs, withRaft)
  if (!start) {
    sim.step()
    return
  }
  const deadline = sim.nowMs + MAX_WAIT_MS
  for (;;) {
    const next = sim.nextEventAtMs
    if (next === undefined || next > Math.min(start.nextArrival, deadline)) {
      sim.advanceTo(Math.min(start.nextArrival, deadline))
      return
    }
    sim.advanceTo(next)
    tracker.ingest(sim.trace, sim.actions, sim.traceStart)
    const now = tracker.hops(sim.nowMs, withRaft)
    if (!now || now.count > start.count || sim.nowMs >= start.nextArrival) return
  }
}
