import { describe, expect, it } from 'vitest'
import { CHECKPOINT_OBJECT_BUDGET } from '../sim/checkpoint-policy'
import { DEFAULT_CATCHUP_ENTRIES, DEFAULT_SNAPSHOT_COUNT } from '../sim/etcd/member-state'
import { SCALE_TRACE_LIMIT } from '../sim/index'
import { SIM_BOUNDS } from '../protocol/scale'

// The tab's capacity (protocol/scale.ts) counts what the simulation bounds at its bound; the
// protocol layer cannot import the simulation, so it mirrors them. Keep these in sync.
describe("the tab capacity's simulation bounds", () => {
  it('are the bounds the simulation keeps', () => {
    expect(SIM_BOUNDS.raftLogEntries).toBe(DEFAULT_SNAPSHOT_COUNT + DEFAULT_CATCHUP_ENTRIES)
    expect(SIM_BOUNDS.checkpointObjects).toBe(CHECKPOINT_OBJECT_BUDGET)
    expect(SIM_BOUNDS.traceEvents).toBe(SCALE_TRACE_LIMIT)
  })
})
