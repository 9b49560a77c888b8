import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { handOverShared, type Checkpoint } from './checkpoint-policy'
import { shareGroupOf } from './changed-actors'
import type { AnyActor } from './cluster'
import type { SimAction } from './actions'
import type { KernelState } from './runtime/kernel'
import { createSimulation, type Simulation } from './simulation'
import { BOOT_MS, makeReplicaSetManifest } from './testing/manifests'

// Checkpoints share the copy of every actor that did nothing since the last one
// (checkpoint-policy.ts, changed-actors.ts). What a shared copy stands for must still be the
// state at the checkpoint's time: a kept checkpoint equals a full structuredClone of a straight
// run's kernel at that instant.

interface Internals {
  kernel: KernelState<AnyActor>
  checkpoints: Checkpoint[]
}
const inside = (sim: Simulation) => sim as unknown as Internals

const OPTIONS = { nodes: 3, checkpointIntervalMs: 1_000 }

/** What a user might do between two waits: each reaches different actors. */
const ACTIONS: ((n: number) => SimAction)[] = [
  (n) => ({
    type: 'runKubectl',
    commandId: `apply-${n}`,
    command: 'apply -f -',
    stdin: makeReplicaSetManifest(`web-${n % 3}`, 1 + (n % 4)),
  }),
  (n) => ({ type: 'runKubectl', commandId: `get-${n}`, command: 'get pods -A' }),
  () => ({ type: 'stopComponent', id: 'kube-scheduler' }),
  () => ({ type: 'startComponent', id: 'kube-scheduler' }),
  () => ({ type: 'partition', sides: [['etcd-1'], ['etcd-2', 'etcd-3']] }),
  () => ({ type: 'heal' }),
  () => ({ type: 'stopNode', node: 'node-2' }),
  () => ({ type: 'startNode', node: 'node-2' }),
  () => ({ type: 'restartComponent', id: 'kube-controller-manager' }),
]

const step = fc.record({
  waitMs: fc.integer({ min: 0, max: 6_000 }),
  action: fc.integer({ min: 0, max: ACTIONS.length - 1 }),
})

function play(sim: Simulation, steps: { waitMs: number; action: number }[], from: number): void {
  steps.forEach(({ waitMs, action }, i) => {
    sim.advance(waitMs)
    const make = ACTIONS[action]
    if (make) sim.dispatch(make(from + i))
  })
}

/** Every kept checkpoint of `sim` against a straight run of its actions to the same instant. */
function expectCheckpointsExact(sim: Simulation, seed: number): void {
  const straight = createSimulation({ seed, ...OPTIONS })
  straight.adoptActions(sim.actions)
  for (const checkpoint of inside(sim).checkpoints) {
    straight.advanceTo(checkpoint.atMs)
    expect(checkpoint.kernel).toEqual(structuredClone(inside(straight).kernel))
  }
}

/** How many actor copies kept checkpoints share with an earlier kept one. */
function sharedCopies(sim: Simulation): number {
  const seen = new Set<unknown>()
  let shared = 0
  for (const c of inside(sim).checkpoints)
    for (const actor of Object.values(c.kernel.actors)) {
      if (seen.has(actor)) shared++
      seen.add(actor)
    }
  return shared
}

/** The mutable objects reachable from `roots`, each once (frozen ones are shared, not copies). */
function distinctMutable(roots: unknown[]): number {
  const seen = new Set<object>()
  const stack = [...roots]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) continue
    if (seen.has(value)) continue
    seen.add(value)
    if (value instanceof Map) for (const [k, v] of value) stack.push(k, v)
    else if (value instanceof Set) for (const v of value) stack.push(v)
    else if (!ArrayBuffer.isView(value)) stack.push(...(Object.values(value) as unknown[]))
  }
  return seen.size
}

/** The mutable objects reachable from `root`. */
function mutableObjects(root: unknown): Set<object> {
  const seen = new Set<object>()
  const stack = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) continue
    if (seen.has(value)) continue
    seen.add(value)
    if (value instanceof Map) for (const [k, v] of value) stack.push(k, v)
    else if (value instanceof Set) for (const v of value) stack.push(v)
    else if (!ArrayBuffer.isView(value)) stack.push(...(Object.values(value) as unknown[]))
  }
  return seen
}

/** A checkpoint holding `actors` (copies), owning the objects of those in `owns`. */
function fakeCheckpoint(atMs: number, actors: Record<string, object>, owns: [string, number][]) {
  const kernel = { actors } as unknown as KernelState<AnyActor>
  const copiedObjects = owns.reduce((sum, [, n]) => sum + n, 0)
  const base = { atMs, processedEvents: 0, traceLength: 0, actionCount: 0 }
  const counts = { copiedObjects, walkedObjects: copiedObjects, actorObjects: new Map(owns) }
  const pinned = { pinnedBytes: 0, pinnedByBirth: new Map<number, number>() }
  return { ...base, kernel, ...counts, ...pinned } satisfies Checkpoint
}

describe('checkpoints that share unchanged actors', () => {
  it("hands a dropped checkpoint's shared copies to the first kept one that shares them", () => {
    const [a1, a2, b1] = [{ n: 1 }, { n: 2 }, { n: 3 }]
    const dropped = fakeCheckpoint(5_000, { a: a1, b: b1 }, [
      ['a', 10],
      ['b', 7],
    ])
    const later = fakeCheckpoint(10_000, { a: a2, b: b1 }, [['a', 11]])
    const latest = fakeCheckpoint(15_000, { a: a2, b: b1 }, [])
    handOverShared(dropped, [fakeCheckpoint(0, {}, []), later, latest])
    // b's copy lives on in `later`: it counts it now; a's copy of `dropped` went with it.
    expect(later.copiedObjects).toBe(11 + 7)
    expect(later.actorObjects.get('b')).toBe(7)
    expect(latest.copiedObjects).toBe(0)
  })

  it("keeps a kubelet in a group of its own: it shares no mutable object with its node's other processes", () => {
    const sim = createSimulation({ seed: 5, nodes: 3 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makeReplicaSetManifest('web', 5))
    sim.advance(20_000)
    sim.kubectl('expose replicaset web --port 80')
    sim.advance(5_000)
    sim.kubectl('delete pod -l app=web --wait=false')
    for (let i = 0; i < 6; i++) {
      sim.advance(2_000)
      const actors = Object.values(inside(sim).kernel.actors)
      for (const kubelet of actors.filter((a) => a.kind === 'kubelet')) {
        expect(shareGroupOf(kubelet)).toBe(kubelet.id)
        const own = mutableObjects(kubelet)
        for (const other of actors) {
          if (other === kubelet || other.host !== kubelet.host) continue
          expect(shareGroupOf(other)).toBe(kubelet.host)
          const shared = [...mutableObjects(other)].filter((o) => own.has(o))
          expect({ pair: [kubelet.id, other.id], shared }).toEqual({
            pair: [kubelet.id, other.id],
            shared: [],
          })
        }
      }
    }
  }, 60_000)

  it("shares every node's placements and its components' credentials: they are frozen, never walked", () => {
    const sim = createSimulation({ seed: 6, nodes: 3, checkpointIntervalMs: 1_000 })
    sim.advance(BOOT_MS + 12_000)
    const { kernel, checkpoints } = inside(sim)
    const placements = Object.values(kernel.network.placements)
    // Each component's own (kubectl's comes from its kubeconfig, and controllers swap tokens in).
    const credentials = Object.values(kernel.actors).flatMap((a) =>
      a.kind === 'kubelet' || a.kind === 'kube-proxy' || a.kind === 'kube-scheduler'
        ? [a.client.credential]
        : [],
    )
    expect(placements.length).toBeGreaterThanOrEqual(9)
    expect(credentials.length).toBe(7)
    for (const frozen of [...placements, ...credentials]) expect(Object.isFrozen(frozen)).toBe(true)
    // A kubelet that renewed its Lease since the last checkpoint: the copy walks its client, but
    // the credential in it is the live one (shared whole), as is every placement.
    const last = checkpoints[checkpoints.length - 1]?.kernel
    const kubelet = last?.actors['kubelet/node-1']
    expect(kubelet?.kind === 'kubelet' && kubelet.client.credential).toBe(
      kernel.actors['kubelet/node-1']?.kind === 'kubelet' &&
        kernel.actors['kubelet/node-1'].client.credential,
    )
    expect(last?.network.placements['kubelet/node-1']).toBe(
      kernel.network.placements['kubelet/node-1'],
    )
  })

  it('counts every object the kept checkpoints hold', () => {
    const sim = createSimulation({ seed: 4, ...OPTIONS })
    sim.advance(BOOT_MS)
    play(sim, [{ waitMs: 0, action: 0 }], 0)
    sim.advance(240_000)
    const kept = inside(sim).checkpoints
    expect(kept.length).toBeGreaterThan(5)
    const counted = kept.reduce((sum, c) => sum + c.copiedObjects, 0)
    const held = distinctMutable(kept.map((c) => c.kernel))
    // Never more than they hold. A little less: an object two machines' actors both reach (a
    // watch cache entry an informer keeps too) is counted under one, and a checkpoint that
    // shares that actor's copy and copies the other's holds it twice.
    expect(counted).toBeLessThanOrEqual(held)
    expect(counted).toBeGreaterThan(held * 0.99)
  }, 120_000)

  it('each equals a full copy of the state at its time, before and after a fork', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.array(step, { minLength: 1, maxLength: 5 }),
        fc.array(step, { minLength: 1, maxLength: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, before, after, back) => {
          const sim = createSimulation({ seed, ...OPTIONS })
          sim.advance(BOOT_MS)
          play(sim, before, 0)
          sim.advance(4_000)
          expect(sharedCopies(sim)).toBeGreaterThan(0)
          expectCheckpointsExact(sim, seed)
          // Back in time and a different future: checkpoints after the fork share with the
          // restored one.
          sim.seekTo(Math.floor(sim.nowMs * back))
          play(sim, after, before.length)
          sim.advance(4_000)
          expectCheckpointsExact(sim, seed)
        },
      ),
      { seed: 15, numRuns: 6 },
    )
  }, 300_000)
})
