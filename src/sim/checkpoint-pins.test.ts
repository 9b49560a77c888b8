import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkpointBytes,
  withCheckpoint,
  type Checkpoint,
  type ShareBase,
} from './checkpoint-policy'
import { PIN_BYTES_SCALE } from './checkpoint-pins'
import type { AnyActor } from './cluster'
import { ownBytes, PinLedger } from './core/pin-ledger'
import type { KernelState } from './runtime/kernel'
import { createSimulation } from './simulation'
import { BOOT_MS, makeReplicaSetManifest } from './testing/manifests'

// What kept checkpoints pin (core/pin-ledger.ts, checkpoint-pins.ts): the frozen values they
// hold that the newest no longer does, each counted once, and weighed by the budget.

/** A kernel with no actors: two Maps of frozen values, as etcd's log and key index hold them. */
interface Toy {
  nowMs: number
  processedEvents: number
  actors: Record<string, never>
  left: Map<number, object>
  right: Map<number, object>
}
const asKernel = (toy: Toy) => toy as unknown as KernelState<AnyActor>

/** Shares with the last copy taken, as ChangedActors does after events only. */
function lastCopy(): ShareBase {
  let from: KernelState<AnyActor> | undefined
  return {
    pins: new PinLedger(),
    base: () => (from ? { from, changedGroups: new Set<string>() } : undefined),
    since: (copy) => {
      from = copy
    },
  }
}

const value = (id: number) => Object.freeze({ name: `value-${String(id).padStart(12, '0')}`, id })

/** The frozen values a copy holds (the Maps' values). */
function held(c: Checkpoint): Set<object> {
  const toy = c.kernel as unknown as Toy
  return new Set([...toy.left.values(), ...toy.right.values()])
}

/** The oracle: bytes of values some kept checkpoint holds and the newest does not, once each. */
function pinnedByOracle(kept: readonly Checkpoint[]): number {
  const newest = held(kept[kept.length - 1] as Checkpoint)
  const union = new Set<object>()
  for (const c of kept) for (const v of held(c)) if (!newest.has(v)) union.add(v)
  return [...union].reduce((sum, v) => sum + ownBytes(v) * PIN_BYTES_SCALE, 0)
}

/** One step of the toy's life: values added (to the left), dropped, or moved left to right. */
interface Step {
  add: number
  drop: number[]
  move: number[]
}

/** Runs the toy through `steps`, a checkpoint after each, and checks the kept ones each time. */
function run(steps: Step[], budgetBytes: number, check: (kept: readonly Checkpoint[]) => void) {
  const toy: Toy = { nowMs: 0, processedEvents: 0, actors: {}, left: new Map(), right: new Map() }
  const sharing = lastCopy()
  let checkpoints: Checkpoint[] = []
  let next = 0
  for (const [i, step] of steps.entries()) {
    for (let k = 0; k < step.add; k++) toy.left.set(next, value(next++))
    const keys = [...toy.left.keys(), ...toy.right.keys()]
    for (const d of step.drop) {
      const key = keys[d % Math.max(1, keys.length)]
      if (key !== undefined && !toy.left.delete(key)) toy.right.delete(key)
    }
    for (const m of step.move) {
      const key = [...toy.left.keys()][m % Math.max(1, toy.left.size)]
      const v = key === undefined ? undefined : toy.left.get(key)
      if (key === undefined || !v) continue
      toy.left.delete(key)
      toy.right.set(key, v)
    }
    toy.nowMs = i * 1_000
    toy.processedEvents += 1_000_000
    const where = { atMs: toy.nowMs, traceLength: 0, actionCount: 0 }
    checkpoints = withCheckpoint(checkpoints, asKernel(toy), where, sharing, budgetBytes)
    check(checkpoints)
  }
  return checkpoints
}

const steps = fc.array(
  fc.record({
    add: fc.integer({ min: 0, max: 6 }),
    drop: fc.array(fc.nat(), { maxLength: 4 }),
    move: fc.array(fc.nat(), { maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 40 },
)

describe('what kept checkpoints pin', () => {
  it('counts each value some kept checkpoint holds and the newest does not, once', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 500, max: 20_000 }), (s, budget) => {
        run(s, budget, (kept) => {
          const counted = kept.reduce((sum, c) => sum + (c.pinnedBytes ?? 0), 0)
          expect(counted).toBe(pinnedByOracle(kept))
          expect((kept[kept.length - 1] as Checkpoint).pinnedBytes).toBe(0)
        })
      }),
    )
  })

  it('keeps the kept checkpoints within the byte budget, or only the first and the newest', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 500, max: 20_000 }), (s, budget) => {
        run(s, budget, (kept) => {
          const total = kept.reduce((sum, c) => sum + checkpointBytes(c), 0)
          expect(total <= budget || kept.length <= 2).toBe(true)
        })
      }),
    )
  })

  it('charges a dropped value to the checkpoint that last held it, and a moved one to none', () => {
    // Values 0-3 at t = 0; at 1 s value 0 is dropped and value 1 moves to the other Map; at 2 s
    // nothing changes. Only value 0 is pinned, by the first checkpoint.
    const kept = run(
      [
        { add: 4, drop: [], move: [] },
        { add: 0, drop: [0], move: [0] },
        { add: 0, drop: [], move: [] },
      ],
      1e9,
      () => undefined,
    )
    expect(kept.map((c) => c.pinnedBytes)).toEqual([ownBytes(value(0)) * PIN_BYTES_SCALE, 0, 0])
    expect(ownBytes(value(0))).toBe(24 + 8 + (16 + 24) + 8)
  })

  it('thins checkpoints by what they pin, where their copied objects alone fit the budget', () => {
    // Each step adds 5 values and drops 5: each checkpoint pins 5 × 80 bytes (× PIN_BYTES_SCALE);
    // its copy makes 2 objects (the kernel, a Map) × 220 bytes: 20 copy ~9 KB, and pin more.
    const churn = Array.from({ length: 20 }, (_, i) => ({
      add: 5,
      drop: i === 0 ? [] : [0, 1, 2, 3, 4],
      move: [],
    }))
    const copiedOnly = 20 * 3 * 220
    const kept = run(churn, copiedOnly + 1_000, () => undefined)
    expect(kept.length).toBeLessThan(20)
    expect(kept.reduce((sum, c) => sum + checkpointBytes(c), 0)).toBeLessThanOrEqual(
      copiedOnly + 1_000,
    )
  })
})

describe('seeking with checkpoints thinned by bytes', () => {
  it('still reaches any instant of a run exactly', () => {
    // A budget a 3-node cluster's checkpoints outgrow: thinned all along.
    const sim = createSimulation({ seed: 9, checkpointByteBudget: 300_000 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makeReplicaSetManifest('web', 4))
    sim.advance(60_000)
    const inside = sim as unknown as { checkpoints: Checkpoint[] }
    expect(inside.checkpoints.length).toBeLessThan(sim.nowMs / 5_000 / 2)
    const end = sim.nowMs
    const trace = JSON.stringify(sim.trace)
    for (const back of [57_777, 31_001, 9_001, 1]) {
      sim.seekTo(back)
      expect(sim.nowMs).toBe(back)
      expect(sim.trace.every((e) => e.atMs <= back)).toBe(true)
    }
    sim.seekTo(end)
    expect(JSON.stringify(sim.trace)).toBe(trace)
  }, 120_000)
})
