import { describe, expect, it } from 'vitest'
import { createSimulation } from './simulation'

// The control-plane views skip the nodes' agents and remember the other actors' ids: what they
// show must still be the whole cluster's truth, as actors are added, stopped, restored.
describe('control-plane views (Simulation.etcd, etcdClients, loadMeters, changesSince)', () => {
  it('see an etcd member added after boot, a member stopped, and a seek back before the add', () => {
    const sim = createSimulation({ seed: 4, nodes: 3, etcdMembers: 3 })
    sim.advance(3000)
    expect(sim.etcd().members.map((m) => m.id)).toEqual(['etcd-1', 'etcd-2', 'etcd-3'])
    const beforeAdd = sim.nowMs
    sim.dispatch({ type: 'addEtcdMember' })
    sim.advance(2000)
    expect(sim.etcd().members.map((m) => m.id)).toEqual(['etcd-1', 'etcd-2', 'etcd-3', 'etcd-4'])
    sim.dispatch({ type: 'stopComponent', id: 'etcd-2' })
    expect(sim.etcd().members.find((m) => m.id === 'etcd-2')?.running).toBe(false)
    sim.seekTo(beforeAdd - 1)
    expect(sim.etcd().members.map((m) => m.id)).toEqual(['etcd-1', 'etcd-2', 'etcd-3'])
    expect(sim.etcd().members.every((m) => m.running)).toBe(true)
  })

  it('list the control plane as the full scan does, and no node agent', () => {
    const sim = createSimulation({ seed: 2, nodes: 4 })
    sim.advance(3000)
    const all = sim.components()
    for (const kind of ['etcd', 'kube-apiserver', 'kube-scheduler', 'kubelet'] as const)
      expect(sim.components(kind)).toEqual(all.filter((c) => c.kind === kind))
    expect(sim.etcdClients().map((c) => c.id)).toEqual(
      all.filter((c) => c.kind === 'kube-apiserver').map((c) => c.id),
    )
    expect(sim.loadMeters().apiServers.map((a) => a.id)).toEqual(
      all.filter((c) => c.kind === 'kube-apiserver').map((c) => c.id),
    )
    const changes = sim.changesSince(0)
    expect(changes !== 'reset' && changes.some((c) => c.key.startsWith('/registry/minions/'))).toBe(
      true,
    )
  })
})
