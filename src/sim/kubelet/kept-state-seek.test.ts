import { describe, expect, it } from 'vitest'
import type { AnyActor } from '../cluster'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, makeDeploymentManifest } from '../testing/manifests'
import { tokenText } from './projected-token'
import { reportedStatusOf } from './reported-status'
import { viewOf } from './settled-pod'

// Each run below simulates minutes of a cluster: seconds of CPU on a loaded machine.
const SIMULATES_MINUTES = { timeout: 60_000 }

/**
 * What the kubelets keep per Pod in compact form, as they would use it: the status last
 * reported (the next patch's base), the mounted token's text, the event correlator's entries.
 */
function keptState(sim: Simulation): string {
  const actors = (sim as unknown as { kernel: { actors: Record<string, AnyActor> } }).kernel.actors
  const out: unknown[] = []
  for (const actor of Object.values(actors)) {
    if (actor.kind !== 'kubelet') continue
    for (const worker of Object.values(actor.workers).map(viewOf))
      out.push([
        worker.name,
        reportedStatusOf(worker),
        worker.files?.token === undefined ? null : tokenText(worker, worker.files.token),
      ])
    out.push([...(actor.recorder?.byObject ?? [])])
  }
  return JSON.stringify(out)
}

describe('the kubelet’s compact per-Pod state', () => {
  it(
    'is the same after a seek back and forth, and after a kubelet restart as in a fresh run',
    SIMULATES_MINUTES,
    () => {
      const run = () => {
        const sim = createSimulation({ seed: 13, nodes: 2, checkpointIntervalMs: 20_000 })
        sim.advance(BOOT_MS)
        sim.kubectl('apply -f -', makeDeploymentManifest('web', 5))
        sim.advance(40_000)
        sim.dispatch({ type: 'restartComponent', id: 'kubelet/node-1' })
        sim.advance(40_000)
        return sim
      }
      const sim = run()
      const end = sim.nowMs
      const atEnd = keptState(sim)
      expect(atEnd).toContain('"lastProbeTime":null')
      expect(atEnd).toMatch(/"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+"/)
      sim.seekTo(BOOT_MS + 30_000)
      const midway = keptState(sim)
      sim.seekTo(end)
      expect(keptState(sim)).toBe(atEnd)
      sim.seekTo(BOOT_MS + 30_000)
      expect(keptState(sim)).toBe(midway)
      expect(keptState(run())).toBe(atEnd)
    },
  )
})
