import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from './simulation'
import { BOOT_MS, makePodManifest, makeReplicaSetManifest, podsOf } from './testing/manifests'

/** A scripted session: boot, a ReplicaSet, a deleted Pod, a lone Pod, some waiting. */
function runSession(seed: number): Simulation {
  const sim = createSimulation({ seed })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeReplicaSetManifest('web', 3))
  sim.advance(6_000)
  const victim = podsOf(sim)[0]?.metadata?.name ?? ''
  sim.kubectl(`delete pod ${victim}`)
  sim.kubectl('apply -f -', makePodManifest('solo').yaml())
  sim.advance(10_000)
  return sim
}

const serialize = (sim: Simulation): string => JSON.stringify(sim.trace)

describe('determinism', () => {
  it('gives an identical trace for the same seed and actions', () => {
    const a = runSession(7)
    const b = runSession(7)
    expect(a.trace.length).toBeGreaterThan(500)
    expect(serialize(a)).toBe(serialize(b))
  })

  it('gives a different trace for a different seed', () => {
    expect(serialize(runSession(7))).not.toBe(serialize(runSession(8)))
  })

  it('replays to the identical trace after seeking back', () => {
    const sim = runSession(11)
    const end = sim.nowMs
    const original = serialize(sim)
    for (const back of [end - 1, 12_345, 4_000, 0]) {
      sim.seekTo(back)
      expect(sim.nowMs).toBe(back)
      sim.seekTo(end)
      expect(serialize(sim)).toBe(original)
    }
  })

  it('shows the earlier state after seeking back', () => {
    const sim = runSession(11)
    expect(podsOf(sim).length).toBeGreaterThanOrEqual(4)
    sim.seekTo(BOOT_MS)
    expect(podsOf(sim)).toHaveLength(0)
  })

  it('forks a new history when an action is dispatched after seeking back', () => {
    const sim = runSession(5)
    const end = sim.nowMs
    sim.seekTo(BOOT_MS + 1)
    sim.kubectl('apply -f -', makePodManifest('other').yaml())
    expect(sim.actions.map((a) => a.action.type)).toEqual(['runKubectl', 'runKubectl'])
    sim.seekTo(end)
    const names = podsOf(sim).map((p) => p.metadata?.name)
    expect(names).toContain('other')
    expect(names).not.toContain('solo')
  })
})

describe('resetTo (a lesson step reset)', () => {
  it('goes back and forgets the actions after the kept ones, so playing on does not redo them', () => {
    const sim = createSimulation({ seed: 3 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makePodManifest('kept').yaml())
    const start = { atMs: sim.nowMs, actions: sim.actions.length }
    sim.advance(2_000)
    sim.kubectl('apply -f -', makePodManifest('forgotten').yaml())
    sim.advance(8_000)
    sim.resetTo(start.atMs, start.actions)
    expect(sim.nowMs).toBe(start.atMs)
    expect(sim.actions).toHaveLength(start.actions)
    expect(sim.horizonMs).toBe(start.atMs)
    sim.advance(12_000)
    const names = podsOf(sim).map((p) => p.metadata?.name)
    expect(names).toEqual(['kept'])
  })

  it('replays to the same trace as the first time through the kept actions', () => {
    const sim = createSimulation({ seed: 4 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makeReplicaSetManifest('web', 2))
    const keep = sim.actions.length
    sim.advance(9_000)
    const upTo = sim.nowMs
    const before = serialize(sim)
    sim.kubectl('scale rs web --replicas=4')
    sim.advance(5_000)
    sim.resetTo(BOOT_MS, keep)
    sim.advanceTo(upTo)
    expect(serialize(sim)).toBe(before)
  })
})

describe('read-only accessors', () => {
  it('revision moves exactly when the store changes', () => {
    const sim = createSimulation({ seed: 2 })
    sim.advance(BOOT_MS)
    expect(sim.revision).toBe(sim.snapshot().revision)
    const before = sim.revision
    sim.kubectl('apply -f -', makePodManifest('web').yaml())
    expect(sim.revision).toBeGreaterThan(before)
    expect(sim.revision).toBe(sim.snapshot().revision)
  })

  it("lists the runtimes' containers, which keep running while etcd is down", () => {
    const sim = createSimulation({ seed: 2 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makePodManifest('web').yaml())
    sim.advance(8_000)
    const uid = podsOf(sim)[0]?.metadata?.uid
    const running = () =>
      sim.containers().filter((c) => c.podUid === uid && c.state === 'running' && c.runtimeRunning)
    expect(running()).toHaveLength(1)
    for (const id of ['etcd-1', 'etcd-2', 'etcd-3']) sim.dispatch({ type: 'stopComponent', id })
    sim.advance(30_000)
    expect(running()).toHaveLength(1)
  })
})
