import { describe, expect, it } from 'vitest'
import type { RecordedAction } from './actions'
import { createSimulation, type Simulation } from './simulation'
import { BOOT_MS, makePodManifest, makeReplicaSetManifest } from './testing/manifests'

const serialize = (sim: Simulation): string => JSON.stringify(sim.trace)
const running = (sim: Simulation, id: string): boolean | undefined =>
  sim.components().find((c) => c.id === id)?.running
const applied = (sim: Simulation) =>
  sim.trace.flatMap((e) => (e.type === 'ActionApplied' ? [{ at: e.atMs, ...e }] : []))

/** Boot, stop the scheduler for 10 s (it heals itself), apply a Pod meanwhile. */
function timedSchedulerOutage(seed: number): Simulation {
  const sim = createSimulation({ seed })
  sim.advance(BOOT_MS)
  sim.dispatch(
    { type: 'stopComponent', id: 'kube-scheduler' },
    { afterMs: 10_000, actions: [{ type: 'startComponent', id: 'kube-scheduler' }] },
  )
  sim.advance(2_000)
  sim.kubectl('apply -f -', makePodManifest('web').yaml())
  // The restarted scheduler is a new identity: it leads (and binds) only once its old self's
  // Lease has expired (leaseDurationSeconds 15), as kube-scheduler's leader election does.
  sim.advance(30_000)
  return sim
}

describe('timed faults: a fault that heals itself is two recorded actions', () => {
  it('records the heal with the time it was scheduled, and applies it when due', () => {
    const sim = timedSchedulerOutage(3)
    const log = sim.actions.map((a) => [a.atMs, a.action.type, a.scheduledAtMs])
    expect(log).toEqual([
      [BOOT_MS, 'stopComponent', undefined],
      [BOOT_MS + 2_000, 'runKubectl', undefined],
      [BOOT_MS + 10_000, 'startComponent', BOOT_MS],
    ])
    expect(running(sim, 'kube-scheduler')).toBe(true)
    const heal = applied(sim).find((e) => e.summary === 'start kube-scheduler')
    expect(heal?.at).toBe(BOOT_MS + 10_000)
    // The Pod stayed Pending while the scheduler was down and was bound after it came back.
    const bound = sim.trace.find(
      (e) => e.type === 'MessageSent' && e.label.startsWith('POST pods/web/binding'),
    )
    expect(bound?.atMs).toBeGreaterThanOrEqual(BOOT_MS + 10_000)
  })

  it('is deterministic, and replays identically after seeking back over fault and heal', () => {
    const a = timedSchedulerOutage(9)
    expect(serialize(a)).toBe(serialize(timedSchedulerOutage(9)))
    const end = a.nowMs
    const original = serialize(a)
    a.seekTo(BOOT_MS + 5_000)
    expect(running(a, 'kube-scheduler')).toBe(false)
    a.seekTo(end)
    expect(serialize(a)).toBe(original)
  })

  it('keeps a pending heal when the history forks after its fault, drops it when before', () => {
    const sim = timedSchedulerOutage(4)
    sim.seekTo(BOOT_MS + 1_000)
    sim.dispatch({ type: 'heal' })
    expect(sim.actions.map((a) => a.action.type)).toEqual([
      'stopComponent',
      'heal',
      'startComponent',
    ])
    sim.seekTo(BOOT_MS - 1_000)
    sim.dispatch({ type: 'heal' })
    expect(sim.actions.map((a) => a.action.type)).toEqual(['heal'])
  })

  it('a dispatch while a heal is pending does not fork the pending heal away', () => {
    const sim = createSimulation({ seed: 2 })
    sim.advance(BOOT_MS)
    sim.dispatch(
      { type: 'partition', sides: [['etcd-1'], ['etcd-2', 'etcd-3', 'kube-apiserver']] },
      {
        afterMs: 5_000,
        actions: [
          { type: 'healPartition', sides: [['etcd-1'], ['etcd-2', 'etcd-3', 'kube-apiserver']] },
        ],
      },
    )
    sim.advance(1_000)
    sim.dispatch({ type: 'setDiskLatency', id: 'etcd-2', fsyncMs: 200 })
    expect(sim.actions.map((a) => a.action.type)).toEqual([
      'partition',
      'setDiskLatency',
      'healPartition',
    ])
    expect(sim.linkStatus('etcd-1', 'etcd-2').blocked).toBe(true)
    sim.advance(5_000)
    expect(sim.linkStatus('etcd-1', 'etcd-2').blocked).toBe(false)
  })
})

describe('adoptActions: taking over another run’s action log', () => {
  it('a fresh run that adopts a log replays to the identical trace', () => {
    const original = timedSchedulerOutage(21)
    const copy = createSimulation({ seed: 21 })
    copy.adoptActions(original.actions)
    copy.seekTo(original.nowMs)
    expect(serialize(copy)).toBe(serialize(original))
  })

  it('an entry inserted in the past rewinds and replays, as a fresh run would', () => {
    const base = createSimulation({ seed: 5 })
    base.advance(BOOT_MS)
    base.kubectl('apply -f -', makeReplicaSetManifest('web', 2))
    base.advance(8_000)
    const extra: RecordedAction = {
      atMs: BOOT_MS + 3_000,
      action: { type: 'stopComponent', id: 'kube-controller-manager' },
    }
    const log = [...base.actions, extra]
    const end = base.nowMs
    base.adoptActions(log)
    expect(base.nowMs).toBe(end)
    const fresh = createSimulation({ seed: 5 })
    fresh.adoptActions(log)
    fresh.seekTo(end)
    expect(serialize(base)).toBe(serialize(fresh))
    expect(running(base, 'kube-controller-manager')).toBe(false)
  })

  it('refuses a log out of time order', () => {
    const sim = createSimulation({ seed: 1 })
    expect(() => {
      sim.adoptActions([
        { atMs: 5, action: { type: 'heal' } },
        { atMs: 2, action: { type: 'heal' } },
      ])
    }).toThrow(/action 2 at 2 ms comes before/)
  })
})

describe('actions that do not fit the cluster, heal all, one partition healed', () => {
  it('records an action naming an unknown component as rejected, and changes nothing', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS)
    sim.dispatch({ type: 'stopComponent', id: 'etcd-9' })
    sim.dispatch({ type: 'setNodeCapacity', node: 'node-7', pods: 3 })
    const rejected = applied(sim).map((e) => e.rejected)
    expect(rejected).toEqual([
      'there is no component "etcd-9" in this cluster',
      'there is no component "kubelet/node-7" in this cluster',
    ])
  })

  it('heal all restarts stopped processes, reconnects every link, heals every disk', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS)
    sim.dispatch({ type: 'stopComponent', id: 'kube-scheduler' })
    sim.dispatch({ type: 'stopComponent', id: 'etcd-2' })
    sim.dispatch({ type: 'partition', sides: [['etcd-3'], ['etcd-1']] })
    sim.dispatch({ type: 'setDiskLatency', id: 'etcd-1', fsyncMs: 1_500 })
    sim.advance(1_000)
    sim.dispatch({ type: 'healAll' })
    sim.advance(3_000)
    expect(running(sim, 'kube-scheduler')).toBe(true)
    expect(running(sim, 'etcd-2')).toBe(true)
    expect(sim.linkStatus('etcd-3', 'etcd-1').blocked).toBe(false)
    expect(sim.etcd().members.map((m) => m.fsyncMs)).toEqual([2, 2, 2])
  })

  it('healing one partition leaves another in place', () => {
    const sim = createSimulation({ seed: 1 })
    sim.advance(BOOT_MS)
    sim.dispatch({ type: 'partition', sides: [['etcd-1'], ['etcd-2']] })
    sim.dispatch({ type: 'partition', sides: [['etcd-3'], ['kube-apiserver']] })
    sim.dispatch({ type: 'healPartition', sides: [['etcd-1'], ['etcd-2']] })
    expect(sim.linkStatus('etcd-1', 'etcd-2').blocked).toBe(false)
    expect(sim.linkStatus('etcd-3', 'kube-apiserver').blocked).toBe(true)
  })
})
