import { describe, expect, it } from 'vitest'
import { CHECKPOINT_BYTE_BUDGET, COPIED_OBJECT_BYTES } from '../sim/checkpoint-policy'
import { DEFAULT_CATCHUP_ENTRIES, DEFAULT_SNAPSHOT_COUNT } from '../sim/etcd/member-state'
import { SCALE_TRACE_LIMIT } from '../sim/index'
import { SIM_BOUNDS, TAB_CHECKPOINT_BYTE_BUDGET } from '../protocol/scale'
import { loadSimulation } from './load-simulation'

// The tab's capacity (protocol/scale.ts) counts what the simulation bounds at its bound; the
// protocol layer cannot import the simulation, so it mirrors them. Keep these in sync.
describe("the tab capacity's simulation bounds", () => {
  it('are the bounds the simulation keeps', () => {
    expect(SIM_BOUNDS.raftLogEntries).toBe(DEFAULT_SNAPSHOT_COUNT + DEFAULT_CATCHUP_ENTRIES)
    expect(SIM_BOUNDS.checkpointObjects).toBe(CHECKPOINT_BYTE_BUDGET / COPIED_OBJECT_BYTES)
    expect(SIM_BOUNDS.traceEvents).toBe(SCALE_TRACE_LIMIT)
  })
})

describe("scale mode's checkpoint budget", () => {
  it('is passed to the simulation, and is the share the capacity estimate gives checkpoints', () => {
    const { sim } = loadSimulation({
      type: 'load',
      options: { nodes: 3 },
      bootMs: 0,
      scale: { pods: 0 },
    })
    expect(sim.options.checkpointByteBudget).toBe(TAB_CHECKPOINT_BYTE_BUDGET)
    // 2,500,000 objects × 0.15 KB (the Chromium fit's unit cost) ≈ 366 MB, under the headless 550.
    expect(Math.round(TAB_CHECKPOINT_BYTE_BUDGET / 2 ** 20)).toBe(366)
    expect(TAB_CHECKPOINT_BYTE_BUDGET).toBeLessThan(CHECKPOINT_BYTE_BUDGET)
    const plain = loadSimulation({ type: 'load', options: { nodes: 3 }, bootMs: 0 })
    expect(plain.sim.options.checkpointByteBudget).toBeUndefined()
  })
})
