import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { createSimulation } from '../../simulation'
import { BOOT_MS, makeDeploymentManifest } from '../../testing/manifests'
import { StoreMirror } from '../../testing/store-mirror'
import { resolveFenceposts } from './deployment-util'

const isReady = (pod: Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true

/** What the Deployment's ReplicaSets and Pods add up to at one instant. */
function tally(mirror: StoreMirror) {
  const replicaSets = mirror.ofKind('ReplicaSet') as ReplicaSet[]
  const owned = new Set(replicaSets.map((rs) => rs.metadata?.uid))
  const pods = (mirror.ofKind('Pod') as Pod[]).filter(
    (p) =>
      !p.metadata?.deletionTimestamp &&
      p.metadata?.ownerReferences?.some((r) => owned.has(r.uid)) === true,
  )
  // Pods a ReplicaSet holds beyond its spec are ones its controller has yet to delete: maxSurge
  // bounds the ReplicaSets' replicas (NewRSNewReplicas counts GetReplicaCountForReplicaSets), and
  // the new ReplicaSet's creates race the old one's deletes (one work queue, no order between
  // them, upstream as here), so for a few milliseconds there can be one Pod more.
  const beyondSpec = replicaSets.reduce((sum, rs) => {
    const held = pods.filter((p) =>
      p.metadata?.ownerReferences?.some((r) => r.uid === rs.metadata?.uid),
    )
    return sum + Math.max(0, held.length - (rs.spec?.replicas ?? 0))
  }, 0)
  return {
    specTotal: replicaSets.reduce((sum, rs) => sum + (rs.spec?.replicas ?? 0), 0),
    pods: pods.length,
    podsWithinSpec: pods.length - beyondSpec,
    ready: pods.filter(isReady).length,
    updated: pods.filter((p) => p.spec?.containers[0]?.image === 'nginx:1.28').length,
  }
}

const intOrPercent = fc.oneof(
  fc.integer({ min: 0, max: 4 }),
  fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
)

describe('RollingUpdate bounds (deployment/rolling.go, ResolveFenceposts)', () => {
  it('never exceeds replicas + maxSurge nor drops below replicas - maxUnavailable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        intOrPercent,
        intOrPercent,
        fc.integer({ min: 1, max: 1000 }),
        (replicas, surge, unavailable, seed) => {
          const bounds = resolveFenceposts(surge, unavailable, replicas)
          fc.pre(bounds.surge > 0 || bounds.unavailable > 0)
          const sim = createSimulation({ seed })
          sim.advance(BOOT_MS)
          const manifest = (image: string) =>
            makeDeploymentManifest('web', replicas, image, {
              maxSurge: surge,
              maxUnavailable: unavailable,
            })
          sim.kubectl('apply -f -', manifest('nginx:1.27'))
          const mirror = new StoreMirror(sim)
          const settled = sim.runUntil(
            () => mirror.sync() && tally(mirror).ready === replicas,
            60_000,
          )
          expect(settled).toBe(true)
          sim.kubectl('apply -f -', manifest('nginx:1.28'))
          const done = sim.runUntil(() => {
            mirror.sync()
            const t = tally(mirror)
            expect(t.specTotal).toBeLessThanOrEqual(replicas + bounds.surge)
            expect(t.podsWithinSpec).toBeLessThanOrEqual(replicas + bounds.surge)
            expect(t.ready).toBeGreaterThanOrEqual(replicas - bounds.unavailable)
            return t.updated === replicas && t.pods === replicas && t.ready === replicas
          }, 180_000)
          expect(done).toBe(true)
        },
      ),
      { numRuns: 12, seed: 13 },
    )
  }, 120_000)
})
