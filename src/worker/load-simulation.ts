import { createSimulation, type Simulation } from '../sim/index'
import type { ToWorkerBody } from '../protocol/messages'

type LoadBody = Extract<ToWorkerBody, { type: 'load' }>

export type Loaded = { sim: Simulation; refused?: undefined } | { sim: Simulation; refused: string }

/**
 * Builds the simulation a `load` asks for: boot, then the recorded actions (after a crash, or
 * a shared scenario), then the time to show. A scenario (a load with a `fallback`) must replay
 * whole: if an action does not fit the cluster or the replay throws, it is refused with the
 * reason and the fallback cluster (the default one) is opened instead, booted and empty.
 */
export function loadSimulation(body: LoadBody): Loaded {
  if (!body.fallback) return { sim: replay(body) }
  try {
    const sim = replay(body, true)
    return { sim }
  } catch (error) {
    const sim = createSimulation(body.fallback)
    sim.advance(body.bootMs)
    return { sim, refused: error instanceof Error ? error.message : String(error) }
  }
}

function replay(body: LoadBody, strict = false): Simulation {
  const sim = createSimulation(body.options)
  const log = body.replay ?? []
  sim.adoptActions(log)
  const last = log[log.length - 1]?.atMs ?? 0
  if (strict) {
    // Every action must apply: run to the last one, then look for a rejection in the trace.
    sim.advanceTo(last)
    const rejected = sim.trace.find((e) => e.type === 'ActionApplied' && e.rejected !== undefined)
    if (rejected?.type === 'ActionApplied')
      throw new Error(`the action "${rejected.summary}" does not apply: ${rejected.rejected ?? ''}`)
  }
  sim.seekTo(body.seekMs ?? (log.length > 0 ? last : body.bootMs))
  return sim
}
