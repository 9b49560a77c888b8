import {
  createSimulation,
  SCALE_TRACE_LIMIT,
  type RecordedAction,
  type Simulation,
} from '../sim/index'
import type { ToWorkerBody } from '../protocol/messages'
import { TAB_CHECKPOINT_BYTE_BUDGET } from '../protocol/scale'

type LoadBody = Extract<ToWorkerBody, { type: 'load' }>

export type Loaded = { sim: Simulation; refused?: undefined } | { sim: Simulation; refused: string }

/** Called before each recorded action is replayed (progress, so a crash can be attributed). */
export type BeforeReplay = (index: number, entry: RecordedAction) => void

/**
 * Builds the simulation a `load` asks for: boot, then the recorded actions (after a crash, or
 * a shared scenario), then the time to show. A scenario (a load with a `fallback`) must replay
 * whole: if an action does not fit the cluster or the replay throws, it is refused with the
 * reason and the fallback cluster (the default one) is opened instead, booted and empty.
 */
export function loadSimulation(body: LoadBody, beforeEach?: BeforeReplay): Loaded {
  if (!body.fallback) return { sim: replay(body, false, beforeEach) }
  try {
    return { sim: replay(body, true, beforeEach) }
  } catch (error) {
    const sim = createSimulation(body.fallback)
    sim.advance(body.bootMs)
    return { sim, refused: error instanceof Error ? error.message : String(error) }
  }
}

function replay(body: LoadBody, strict: boolean, beforeEach?: BeforeReplay): Simulation {
  // Scale mode keeps the recent trace only: the page animates a frame's worth, not the history;
  // and its checkpoints within the tab's share for them (protocol/scale.ts).
  const scale = { traceLimit: SCALE_TRACE_LIMIT, checkpointByteBudget: TAB_CHECKPOINT_BYTE_BUDGET }
  const sim = createSimulation(body.scale ? { ...scale, ...body.options } : body.options)
  const log = body.replay ?? []
  // The whole log, follow-ups included, is adopted; time then applies each entry when due.
  sim.adoptActions(log)
  log.forEach((entry, index) => {
    beforeEach?.(index, entry)
    sim.advanceTo(entry.atMs)
  })
  if (strict) {
    const rejected = sim.trace.find((e) => e.type === 'ActionApplied' && e.rejected !== undefined)
    if (rejected?.type === 'ActionApplied')
      throw new Error(`the action "${rejected.summary}" does not apply: ${rejected.rejected ?? ''}`)
  }
  if (log.length === 0) sim.advance(body.bootMs)
  if (body.seekMs !== undefined) sim.seekTo(body.seekMs)
  return sim
}
