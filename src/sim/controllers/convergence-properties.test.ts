import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { createSimulation, type Simulation } from '../simulation'
import {
  BOOT_MS,
  makeDeploymentManifest,
  makeReplicaSetManifest,
  runningPods,
} from '../testing/manifests'

/** A deletion: after `afterMs`, delete the `pick`-th live pod (modulo how many there are). */
const deletionArb = fc.record({
  afterMs: fc.integer({ min: 0, max: 4_000 }),
  pick: fc.nat(),
  now: fc.boolean(),
})

function deleteSome(
  sim: Simulation,
  deletions: readonly { afterMs: number; pick: number; now: boolean }[],
) {
  for (const d of deletions) {
    sim.advance(d.afterMs)
    const pods = runningPods(sim)
    const victim = pods[d.pick % Math.max(1, pods.length)]?.metadata?.name
    if (victim) sim.kubectl(`delete pod ${victim}${d.now ? ' --now' : ''}`)
  }
}

const ownedBy = (pod: Pod, uid: string | undefined) =>
  pod.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === uid) === true

describe('controllers converge under random Pod deletions', () => {
  it('a ReplicaSet gets back to its replicas, all Running, and says so in its status', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(deletionArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        (replicas, deletions, seed) => {
          const sim = createSimulation({ seed })
          sim.advance(BOOT_MS)
          sim.kubectl('apply -f -', makeReplicaSetManifest('web', replicas))
          sim.runUntil((s) => runningPods(s).length === replicas, 60_000)
          deleteSome(sim, deletions)
          const converged = sim.runUntil(() => {
            const objects = sim.snapshot().objects
            const rs = objects.find((o) => o.kind === 'ReplicaSet') as ReplicaSet | undefined
            const live = objects.filter(
              (o) => o.kind === 'Pod' && ownedBy(o as Pod, rs?.metadata?.uid),
            ) as Pod[]
            return (
              live.length === replicas &&
              live.every((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp) &&
              rs?.status?.readyReplicas === replicas &&
              rs.status.availableReplicas === replicas
            )
          }, 120_000)
          expect(converged).toBe(true)
        },
      ),
      { numRuns: 10, seed: 21 },
    )
  }, 120_000)

  it('a Deployment gets back to its replicas through its one ReplicaSet, status Available', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(deletionArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        (replicas, deletions, seed) => {
          const sim = createSimulation({ seed })
          sim.advance(BOOT_MS)
          sim.kubectl('apply -f -', makeDeploymentManifest('web', replicas))
          sim.runUntil((s) => runningPods(s).length === replicas, 60_000)
          deleteSome(sim, deletions)
          const converged = sim.runUntil(() => {
            const objects = sim.snapshot().objects
            const d = objects.find((o) => o.kind === 'Deployment') as Deployment | undefined
            const sets = objects.filter((o) => o.kind === 'ReplicaSet') as ReplicaSet[]
            const live = runningPods(sim).filter((p) => ownedBy(p, sets[0]?.metadata?.uid))
            const available = d?.status?.conditions?.find((c) => c.type === 'Available')
            return (
              sets.length === 1 &&
              live.length === replicas &&
              d?.status?.availableReplicas === replicas &&
              d.status.updatedReplicas === replicas &&
              d.status.observedGeneration === d.metadata?.generation &&
              available?.status === 'True'
            )
          }, 120_000)
          expect(converged).toBe(true)
        },
      ),
      { numRuns: 10, seed: 22 },
    )
  }, 120_000)
})
