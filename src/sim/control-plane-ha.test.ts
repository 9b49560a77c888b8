import { describe, expect, it } from 'vitest'
import type { Lease } from 'kubernetes-types/coordination/v1'
import { createSimulation, type Simulation } from './simulation'
import { BOOT_MS, makeDeploymentManifest, podsOf, runningPods } from './testing/manifests'
import { LEASE_DURATION_MS, RETRY_PERIOD_MS } from './runtime/leader-election'

// v1.32 leader election defaults for kube-controller-manager and kube-scheduler:
// --leader-elect-lease-duration 15s, --leader-elect-renew-deadline 10s,
// --leader-elect-retry-period 2s; candidates retry with JitterFactor 1.2.
const lease = (sim: Simulation, name: string) =>
  sim
    .snapshot()
    .objects.find(
      (o) =>
        o.kind === 'Lease' && o.metadata?.namespace === 'kube-system' && o.metadata.name === name,
    ) as Lease | undefined

/** The component (kube-controller-manager-2 …) whose host the Lease's holder names. */
function holderComponent(sim: Simulation, name: 'kube-controller-manager' | 'kube-scheduler') {
  const holder = lease(sim, name)?.spec?.holderIdentity ?? ''
  const host = holder.slice(0, holder.indexOf('_'))
  return sim.components(name).find((c) => c.host === host)
}

describe('HA control plane: three of each behind a load balancer, one leader per Lease', () => {
  const sim = createSimulation({ seed: 4, controlPlanes: 3 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeDeploymentManifest('web', 3))
  sim.runUntil((s) => runningPods(s).length === 3, 60_000)

  it('runs three API servers, controller managers and schedulers, and a load balancer', () => {
    expect(sim.components('kube-apiserver')).toHaveLength(3)
    expect(sim.components('kube-controller-manager')).toHaveLength(3)
    expect(sim.components('kube-scheduler')).toHaveLength(3)
    expect(sim.components('load-balancer')).toHaveLength(1)
    const leases = sim.kubectl('get leases -n kube-system').output
    expect(leases).toMatch(/^NAME\s+HOLDER\s+AGE\n/)
    expect(leases).toMatch(/kube-controller-manager\s+control-plane(-\d)?_[0-9a-f-]{36}\s/)
    expect(leases).toMatch(/kube-scheduler\s+control-plane(-\d)?_[0-9a-f-]{36}\s/)
  })

  it('hands kube-controller-manager over to a standby once the dead leader’s Lease expires', () => {
    const leader = holderComponent(sim, 'kube-controller-manager')
    expect(leader).toBeDefined()
    const before = lease(sim, 'kube-controller-manager')?.spec
    const stoppedAt = sim.nowMs
    sim.dispatch({ type: 'stopComponent', id: leader?.id ?? '' })
    const handed = sim.runUntil((s) => {
      const now = lease(s, 'kube-controller-manager')?.spec?.holderIdentity
      return now !== undefined && now !== before?.holderIdentity
    }, 60_000)
    expect(handed).toBe(true)
    const took = sim.nowMs - stoppedAt
    // The dead leader last renewed up to 2 s before it stopped; a standby notices the record
    // stop changing on its next 2-4.4 s retry and takes over 15 s after it last saw it change.
    expect(took).toBeGreaterThanOrEqual(LEASE_DURATION_MS - RETRY_PERIOD_MS)
    expect(took).toBeLessThanOrEqual(LEASE_DURATION_MS + 2 * RETRY_PERIOD_MS * 2.2)
    const after = lease(sim, 'kube-controller-manager')?.spec
    expect(after?.leaseTransitions).toBe((before?.leaseTransitions ?? 0) + 1)
    expect(holderComponent(sim, 'kube-controller-manager')?.id).not.toBe(leader?.id)
    sim.advance(1_000)
    const became = sim.trace.filter(
      (e) =>
        e.type === 'KubeEventRecorded' &&
        e.reason === 'LeaderElection' &&
        e.message === `${after?.holderIdentity ?? ''} became leader`,
    )
    expect(became).toHaveLength(1)
  })

  it('the new leader reconciles: a scale-up is carried out', () => {
    expect(sim.kubectl('scale deployment web --replicas=5').output).toBe(
      'deployment.apps/web scaled',
    )
    expect(sim.runUntil((s) => runningPods(s).length === 5, 60_000)).toBe(true)
  })

  it('killing the API server a client used: the load balancer closes it, kubectl carries on', () => {
    sim.dispatch({ type: 'stopComponent', id: 'kube-apiserver' })
    sim.advance(1_000)
    expect(sim.kubectl('get deployment web').exitCode).toBe(0)
    const narrated = sim.trace.filter(
      (e) => e.type === 'Narrated' && e.text.startsWith('load balancer: kube-apiserver is down'),
    )
    expect(narrated.length).toBeGreaterThanOrEqual(1)
    expect(sim.kubectl('scale deployment web --replicas=2').output).toBe(
      'deployment.apps/web scaled',
    )
    expect(sim.runUntil((s) => podsOf(s).length === 2, 60_000)).toBe(true)
  })

  it('hands kube-scheduler over too, and new Pods get scheduled', () => {
    const leader = holderComponent(sim, 'kube-scheduler')
    sim.dispatch({ type: 'stopComponent', id: leader?.id ?? '' })
    sim.advance(LEASE_DURATION_MS + 2 * RETRY_PERIOD_MS * 2.2)
    expect(holderComponent(sim, 'kube-scheduler')?.id).not.toBe(leader?.id)
    sim.kubectl('scale deployment web --replicas=4')
    expect(sim.runUntil((s) => runningPods(s).length === 4, 60_000)).toBe(true)
  })
})
