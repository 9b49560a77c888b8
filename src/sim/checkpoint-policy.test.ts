import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CHECKPOINT_BYTE_BUDGET,
  checkpointBytes,
  COPIED_OBJECT_BYTES,
  isCheckpointDue,
  MAX_CHECKPOINTS,
  OBJECTS_PER_EVENT,
  thinCheckpoints,
  WALKED_OBJECTS_PER_MEMBER,
  type CheckpointCost,
} from './checkpoint-policy'
import { createSimulation } from './simulation'
import { BOOT_MS, makeReplicaSetManifest } from './testing/manifests'

const cost = (atMs: number, copiedObjects: number, processedEvents = 0): CheckpointCost => ({
  atMs,
  copiedObjects,
  walkedObjects: copiedObjects,
  processedEvents,
})

describe('checkpoint policy', () => {
  it.each([
    // 1,500 objects (a 3-node cluster's checkpoint) / 30 per event = 50 events needed.
    { name: 'small copy, enough events', objects: 1_500, events: 50, due: true },
    { name: 'small copy, too few events', objects: 1_500, events: 49, due: false },
    // 200,000 objects (a 1,000-node cluster's busy actors) / 0.5 = 400,000 events.
    { name: 'large copy, a quiet interval', objects: 200_000, events: 399_999, due: false },
    { name: 'large copy, a busy interval', objects: 200_000, events: 400_000, due: true },
  ])('$name', ({ objects, events, due }) => {
    expect(isCheckpointDue(cost(0, objects, 1_000), 1_000 + events)).toBe(due)
    expect(OBJECTS_PER_EVENT).toBe(0.5)
  })

  it.each([
    // 200,000 objects + 0.2 × 1,000,000 members (etcd's logs and key indexes, the informers'
    // Maps) = 400,000 walked / 0.5 per event = 800,000 events.
    { name: 'large copy with members, half way', members: 1_000_000, events: 400_000, due: false },
    { name: 'large copy with members, paid for', members: 1_000_000, events: 800_000, due: true },
    { name: 'large copy, no members counted', members: 0, events: 400_000, due: true },
  ])('$name', ({ members, events, due }) => {
    const last = { ...cost(0, 200_000, 1_000), walkedMembers: members }
    expect(isCheckpointDue(last, 1_000 + events)).toBe(due)
    expect(WALKED_OBJECTS_PER_MEMBER).toBe(0.2)
  })

  it("weighs a small copy by its objects alone: a lesson's cluster seeks as before", () => {
    // 1,500 objects / 30 per event = 50 events, whatever its members.
    const last = { ...cost(0, 1_500, 1_000), walkedMembers: 100_000 }
    expect(isCheckpointDue(last, 1_050)).toBe(true)
  })

  it('always takes the first checkpoint', () => {
    expect(isCheckpointDue(undefined, 0)).toBe(true)
  })

  it('thins to the byte budget, keeping the first and the newest', () => {
    const each = CHECKPOINT_BYTE_BUDGET / COPIED_OBJECT_BYTES / 10
    const list = Array.from({ length: 40 }, (_, i) => cost(i * 5_000, each))
    const kept = thinCheckpoints(list)
    expect(kept.reduce((sum, c) => sum + checkpointBytes(c), 0)).toBeLessThanOrEqual(
      CHECKPOINT_BYTE_BUDGET,
    )
    expect(kept[0]?.atMs).toBe(0)
    expect(kept[kept.length - 1]?.atMs).toBe(39 * 5_000)
    expect(kept.length).toBeGreaterThan(2)
  })

  it('thins to the first and the newest when even three outweigh the budget (a 5,000-node cluster at 52,000 Pods hung here)', () => {
    const big = CHECKPOINT_BYTE_BUDGET / COPIED_OBJECT_BYTES / 2
    const kept = thinCheckpoints([cost(0, big), cost(5_000, big), cost(10_000, big)])
    expect(kept.map((c) => c.atMs)).toEqual([0, 10_000])
  })

  it('always ends within the budgets, or with only the first and the newest', () => {
    const maxObjects = CHECKPOINT_BYTE_BUDGET / COPIED_OBJECT_BYTES
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            objects: fc.integer({ min: 0, max: maxObjects }),
            pinned: fc.integer({ min: 0, max: CHECKPOINT_BYTE_BUDGET }),
          }),
          { minLength: 1, maxLength: MAX_CHECKPOINTS + 20 },
        ),
        fc.integer({ min: 1, max: CHECKPOINT_BYTE_BUDGET }),
        (sizes, budget) => {
          const list = sizes.map(({ objects, pinned }, i) => ({
            ...cost(i * 5_000, objects),
            pinnedBytes: pinned,
          }))
          const kept = thinCheckpoints(list, undefined, budget)
          const total = kept.reduce((sum, c) => sum + checkpointBytes(c), 0)
          expect(kept[0]).toBe(list[0])
          expect(kept[kept.length - 1]).toBe(list[list.length - 1])
          expect(kept.length).toBeLessThanOrEqual(MAX_CHECKPOINTS)
          expect(total <= budget || kept.length <= 2).toBe(true)
        },
      ),
    )
  })

  it('weighs what a checkpoint pins: copied objects alone within the budget, pinned bytes past it', () => {
    // 10 checkpoints of a tenth of the budget's objects each fit (10 × 1/10); with a tenth of
    // the budget pinned by each as well they weigh twice the budget, and thinning halves them.
    const each = CHECKPOINT_BYTE_BUDGET / COPIED_OBJECT_BYTES / 10
    const list = Array.from({ length: 10 }, (_, i) => cost(i * 5_000, each))
    expect(thinCheckpoints(list)).toHaveLength(10)
    const pinning = list.map((c) => ({ ...c, pinnedBytes: CHECKPOINT_BYTE_BUDGET / 10 }))
    expect(thinCheckpoints(pinning).length).toBeLessThanOrEqual(5)
  })

  it('keeps at most MAX_CHECKPOINTS small ones', () => {
    const list = Array.from({ length: MAX_CHECKPOINTS + 1 }, (_, i) => cost(i * 5_000, 10))
    expect(thinCheckpoints(list).length).toBeLessThanOrEqual(MAX_CHECKPOINTS)
  })

  it('still seeks to any instant of a run exactly', () => {
    const sim = createSimulation({ seed: 9 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makeReplicaSetManifest('web', 4))
    sim.advance(20_000)
    const end = sim.nowMs
    const trace = JSON.stringify(sim.trace)
    for (const back of [17_777, 9_001, 1]) {
      sim.seekTo(back)
      expect(sim.nowMs).toBe(back)
      expect(sim.trace.every((e) => e.atMs <= back)).toBe(true)
    }
    sim.seekTo(end)
    expect(JSON.stringify(sim.trace)).toBe(trace)
  }, 60_000)
})
