import type { Pod } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../simulation'
import { BOOT_MS, makePodManifest, podsOf } from '../../testing/manifests'

const HIGH = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`
const withClass = (name: string, cls: string, cpu: string) =>
  makePodManifest(name)
    .req({ cpu })
    .yaml()
    .replace('spec:\n', `spec:\n  priorityClassName: ${cls}\n`)

describe('Priority admission and preemption', () => {
  it('resolves priorityClassName into spec.priority, and refuses an unknown class', () => {
    const sim = createSimulation({ seed: 1, nodes: 1 })
    sim.advance(BOOT_MS)
    expect(sim.kubectl('apply -f -', HIGH).output).toBe(
      'priorityclass.scheduling.k8s.io/high created',
    )
    expect(sim.kubectl('apply -f -', withClass('vip', 'high', '100m')).output).toBe(
      'pod/vip created',
    )
    expect((podsOf(sim)[0] as Pod).spec).toMatchObject({
      priority: 1000,
      preemptionPolicy: 'PreemptLowerPriority',
    })
    expect(sim.kubectl('apply -f -', withClass('x', 'nope', '100m')).output).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "x" is forbidden: no PriorityClass with name nope was found',
    )
  })

  it('a high-priority Pod that does not fit preempts a lower-priority one and runs', () => {
    const sim = createSimulation({ seed: 2, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', HIGH)
    sim.kubectl('apply -f -', makePodManifest('low').req({ cpu: '3' }).yaml())
    sim.runUntil((s) => podsOf(s).some((p) => p.status?.phase === 'Running'), 30_000)
    sim.kubectl('apply -f -', withClass('vip', 'high', '3'))
    const ran = sim.runUntil(
      (s) => podsOf(s).some((p) => p.metadata?.name === 'vip' && p.spec?.nodeName === 'node-1'),
      120_000,
    )
    expect(ran).toBe(true)
    expect(podsOf(sim).some((p) => p.metadata?.name === 'low')).toBe(false)
  })
})
