import { describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../sim/index'
import type { FaultContext, FaultPlan } from '../protocol/faults/catalog'
import { planFault } from '../protocol/faults/catalog'
import { planPreset } from '../protocol/faults/presets'
import { etcdRecord } from './frame-builder'
import { podManifest } from './testing/manifests'

const POD = podManifest()

/** The context the failure panel reads from the store, built from the same records. */
const contextOf = (sim: Simulation): FaultContext => ({
  components: sim.components(),
  etcd: etcdRecord(sim),
})

/** Dispatches a plan as the UI does: each step with its heal as a follow-up when timed. */
function inject(sim: Simulation, plan: FaultPlan | { error: string }): void {
  if ('error' in plan) throw new Error(plan.error)
  for (const step of plan.steps)
    sim.dispatch(
      step.action,
      plan.healAfterMs !== undefined
        ? { afterMs: plan.healAfterMs, actions: step.heal }
        : undefined,
    )
}

function booted(seed = 3): Simulation {
  const sim = createSimulation({ seed })
  sim.advance(3_000)
  return sim
}

const leader = (sim: Simulation) => sim.etcd().members.find((m) => m.running && m.role === 'leader')
const podPhase = (sim: Simulation, name: string) =>
  (
    sim.snapshot().objects.find((o) => o.kind === 'Pod' && o.metadata?.name === name) as
      { status?: { phase?: string } } | undefined
  )?.status?.phase

describe('presets do what they promise, headless', () => {
  it('kill the etcd leader: a new leader at a higher term within 2 s', () => {
    const sim = booted()
    const before = leader(sim)
    inject(sim, planPreset(contextOf(sim), 'kill-etcd-leader'))
    sim.advance(2_000)
    const after = leader(sim)
    expect(after?.id).not.toBe(before?.id)
    expect(after?.term).toBeGreaterThan(before?.term ?? Infinity)
  })

  it('split brain: the API server’s side cannot write; the majority has a leader', () => {
    const sim = booted()
    const mine = sim.etcdClients()[0]?.endpoint
    inject(sim, planPreset(contextOf(sim), 'split-brain'))
    sim.advance(5_000)
    expect(leader(sim)?.id).not.toBe(mine)
    expect(sim.kubectl('apply -f -', POD).output).toMatch(/etcdserver: request timed out/)
  })

  it('lose quorum: the API server’s member runs alone and every write fails', () => {
    const sim = booted()
    const mine = sim.etcdClients()[0]?.endpoint
    inject(sim, planPreset(contextOf(sim), 'lose-quorum'))
    sim.advance(3_000)
    const running = sim.etcd().members.filter((m) => m.running)
    expect(running.map((m) => m.id)).toEqual([mine])
    expect(leader(sim)).toBeUndefined()
    expect(sim.kubectl('apply -f -', POD).exitCode).toBe(1)
  })

  it('stop the scheduler: a new Pod is stored and stays Pending', () => {
    const sim = booted()
    inject(sim, planPreset(contextOf(sim), 'stop-scheduler'))
    expect(sim.kubectl('apply -f -', POD).output).toBe('pod/web created')
    sim.advance(20_000)
    expect(podPhase(sim, 'web')).toBe('Pending')
  })

  it('stop the API server: kubectl fails, a running Pod keeps running', () => {
    const sim = booted()
    sim.kubectl('apply -f -', POD)
    sim.runUntil((s) => podPhase(s, 'web') === 'Running', 30_000)
    inject(sim, planPreset(contextOf(sim), 'stop-apiserver'))
    sim.advance(10_000)
    expect(sim.kubectl('get pods').exitCode).toBe(1)
    expect(podPhase(sim, 'web')).toBe('Running')
  })

  it('slow etcd disk: the leader stalls, heartbeats go late, the term rises', () => {
    const sim = booted()
    const before = leader(sim)
    inject(sim, planPreset(contextOf(sim), 'slow-etcd-disk'))
    for (let i = 0; i < 10; i++) {
      sim.kubectl('apply -f -', POD.replace('name: web', `name: web-${i}`))
      sim.advance(500)
    }
    expect(sim.etcd().members.find((m) => m.id === before?.id)?.fsyncMs).toBe(1_500)
    expect(Math.max(...sim.etcd().members.map((m) => m.term))).toBeGreaterThan(before?.term ?? 0)
  })

  it('a timed preset heals itself: the stopped members start again when due', () => {
    const sim = booted()
    inject(sim, planPreset(contextOf(sim), 'lose-quorum', 10_000))
    sim.advance(9_000)
    expect(sim.etcd().members.filter((m) => m.running)).toHaveLength(1)
    sim.advance(5_000)
    expect(sim.etcd().members.filter((m) => m.running)).toHaveLength(3)
    expect(leader(sim)).toBeDefined()
  })
})

describe('failure panel faults, headless', () => {
  it('partitions a node away and heals only that partition when due', () => {
    const sim = booted()
    const plan = planFault(contextOf(sim), {
      kind: 'partition',
      target: 'node-2',
      healAfterMs: 8_000,
    })
    inject(sim, plan)
    expect(sim.linkStatus('kubelet/node-2', 'kube-apiserver').blocked).toBe(true)
    expect(sim.linkStatus('kubelet/node-1', 'kube-apiserver').blocked).toBe(false)
    sim.advance(8_000)
    expect(sim.linkStatus('kubelet/node-2', 'kube-apiserver').blocked).toBe(false)
  })

  it('loses the chosen share of messages on an etcd link, and repairs it', () => {
    const sim = booted()
    inject(
      sim,
      planFault(contextOf(sim), { kind: 'lossy-link', target: 'etcd-1|etcd-2', value: 50 }),
    )
    expect(sim.linkStatus('etcd-1', 'etcd-2').loss).toBe(0.5)
  })
})
