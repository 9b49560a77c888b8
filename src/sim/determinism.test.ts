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
