import type { Node } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, makePodManifest, podsOf } from '../testing/manifests'
import { capacityChangeError } from './capacity'

const node1 = (sim: Simulation): Node =>
  sim.snapshot().objects.find((o) => o.kind === 'Node' && o.metadata?.name === 'node-1') as Node

describe('setNodeCapacity: the kubelet reports a resized machine', () => {
  it('patches status.capacity and allocatable (allocatable keeps the 100Mi eviction reserve)', () => {
    const sim = createSimulation({ seed: 1, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.dispatch({ type: 'setNodeCapacity', node: 'node-1', cpu: '16', memory: '32Gi', pods: 20 })
    sim.advance(500)
    // 32Gi = 33554432Ki; allocatable = 33554432Ki − 102400Ki (memory.available<100Mi)
    expect(node1(sim).status?.capacity).toEqual({ cpu: '16', memory: '33554432Ki', pods: '20' })
    expect(node1(sim).status?.allocatable).toEqual({
      cpu: '16',
      memory: '33452032Ki',
      pods: '20',
    })
    expect(
      sim.trace.some((e) => e.type === 'MessageSent' && e.label.includes('nodes/node-1/status')),
    ).toBe(true)
  })

  it('a pod too big for the node schedules once the node grows (NodeUpdate queueing hint)', () => {
    const sim = createSimulation({ seed: 2, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.kubectl('apply -f -', makePodManifest('big').req({ cpu: '8' }).yaml())
    sim.advance(2_000)
    expect(podsOf(sim)[0]?.spec?.nodeName).toBeUndefined()
    sim.dispatch({ type: 'setNodeCapacity', node: 'node-1', cpu: '12' })
    expect(sim.runUntil((s) => podsOf(s)[0]?.spec?.nodeName === 'node-1', 15_000)).toBe(true)
  })

  it('ignores an invalid change and says why', () => {
    expect(capacityChangeError({ cpu: 'lots' })).toBe('cpu: invalid quantity "lots"')
    expect(capacityChangeError({ pods: -1 })).toBe('pods: must be a whole number ≥ 0, got -1')
    expect(capacityChangeError({ memory: '1Gi', pods: 3 })).toBeUndefined()
    const sim = createSimulation({ seed: 1, nodes: 1 })
    sim.advance(BOOT_MS)
    sim.dispatch({ type: 'setNodeCapacity', node: 'node-1', cpu: 'lots' })
    expect(node1(sim).status?.capacity?.['cpu']).toBe('4')
  })

  it('is replayed like every action: seeking back and forth gives the same node', () => {
    const sim = createSimulation({ seed: 1, nodes: 1, checkpointIntervalMs: 1_000 })
    sim.advance(BOOT_MS)
    sim.dispatch({ type: 'setNodeCapacity', node: 'node-1', pods: 5 })
    sim.advance(2_000)
    sim.seekTo(1_000)
    sim.seekTo(6_000)
    expect(node1(sim).status?.capacity?.['pods']).toBe('5')
  })
})
