import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { BOOT_MS, makePodManifest, podsOf, runningPods } from '../testing/manifests'

describe('kube-scheduler actor on the scheduling framework', () => {
  it("leaves a Pod that fits nowhere Pending with kube-scheduler's FailedScheduling message", () => {
    const sim = createSimulation({ seed: 5 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makePodManifest('big').req({ cpu: '8' }).yaml())
    sim.advance(5_000)
    expect(podsOf(sim)[0]?.spec?.nodeName).toBeUndefined()
    const failed = sim.trace.filter(
      (e) => e.type === 'KubeEventRecorded' && e.reason === 'FailedScheduling',
    )
    expect(failed[0]).toMatchObject({
      message:
        '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    })
    expect(sim.kubectl('get pods').output).toMatch(/big\s+0\/1\s+Pending/)
  })

  it('schedules the Pod once it asks for what a node has', () => {
    const sim = createSimulation({ seed: 5 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makePodManifest('big').req({ cpu: '8' }).yaml())
    sim.advance(2_000)
    sim.kubectl('delete pod big')
    sim.kubectl('apply -f -', makePodManifest('big').req({ cpu: '2' }).yaml())
    sim.runUntil((s) => runningPods(s).length === 1, 30_000)
    expect(runningPods(sim)[0]?.metadata?.name).toBe('big')
  })

  it('spreads replicas by least-allocated scoring and never overcommits a node', () => {
    const sim = createSimulation({ seed: 8 })
    sim.advance(BOOT_MS)
    for (let i = 0; i < 7; i++)
      sim.kubectl('apply -f -', makePodManifest(`p${i}`).req({ cpu: '1500m' }).yaml())
    sim.advance(20_000)
    const perNode: Record<string, number> = {}
    for (const pod of podsOf(sim)) {
      const node = pod.spec?.nodeName
      if (node) perNode[node] = (perNode[node] ?? 0) + 1
    }
    // 4 CPUs per node fit two 1.5-CPU pods; the seventh waits.
    expect(Object.values(perNode).sort()).toEqual([2, 2, 2])
    expect(podsOf(sim).filter((p) => !p.spec?.nodeName)).toHaveLength(1)
  })
})
