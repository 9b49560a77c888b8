import { describe, expect, it } from 'vitest'
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../../core/time'
import { createSimulation } from '../../simulation'
import { BOOT_MS, makeDeploymentManifest } from '../../testing/manifests'
import { StoreMirror } from '../../testing/store-mirror'
import { LEASE_RENEW_INTERVAL_MS } from '../../kubelet/node-heartbeat'
import { NODE_MONITOR_GRACE_MS } from './node-health'
import { NODE_MONITOR_PERIOD_MS } from './node-lifecycle-state'

// Upstream v1.32 constants the timeline must show: the kubelet renews its Lease every 10 s
// (kubelet.go nodeLeaseRenewIntervalFraction 0.25 of 40 s); node-monitor-grace-period 50 s and
// node-monitor-period 5 s (kube-controller-manager flags); default tolerationSeconds 300 for
// unreachable/not-ready (DefaultTolerationSeconds admission plugin).
const TOLERATION_MS = 300_000

const victimNode = 'node-2'

/** First sim time at which `test` holds, checked after every event. */
function when(
  sim: ReturnType<typeof createSimulation>,
  mirror: StoreMirror,
  test: () => boolean,
  maxMs: number,
): number {
  const held = sim.runUntil(() => mirror.sync() && test(), maxMs)
  expect(held).toBe(true)
  return sim.nowMs
}

describe('a node that stops: NotReady → taint → eviction → replacement, at upstream times', () => {
  const sim = createSimulation({ seed: 5 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeDeploymentManifest('web', 6))
  sim.advance(30_000)
  const mirror = new StoreMirror(sim)
  const node = () => mirror.objects.get(`/registry/minions/${victimNode}`) as Node
  const lease = () => mirror.objects.get(`/registry/leases/kube-node-lease/${victimNode}`) as Lease
  const podsOn = (name: string) =>
    (mirror.ofKind('Pod') as Pod[]).filter((p) => p.spec?.nodeName === name)
  const renewals: number[] = []
  let lastRenew = ''
  const watchRenewals = () => {
    const renew = lease().spec?.renewTime ?? ''
    if (renew !== lastRenew) renewals.push(sim.nowMs)
    lastRenew = renew
    return false
  }
  sim.runUntil(() => mirror.sync() && watchRenewals(), 60_000)
  const victims = podsOn(victimNode).map((p) => p.metadata?.name)
  const stoppedAt = sim.nowMs
  sim.dispatch({ type: 'stopNode', node: victimNode })
  const lastRenewAt = rfc3339ToSimTime(lease().spec?.renewTime ?? '') ?? NaN
  const readyOf = () => node().status?.conditions?.find((c) => c.type === 'Ready')
  const unknownAt = when(sim, mirror, () => readyOf()?.status === 'Unknown', 120_000)
  const noExecute = () =>
    node().spec?.taints?.find(
      (t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute',
    )
  const taintedAt = when(sim, mirror, () => noExecute() !== undefined, 30_000)
  const evictedAt = when(
    sim,
    mirror,
    () => podsOn(victimNode).some((p) => p.metadata?.deletionTimestamp !== undefined),
    TOLERATION_MS + 30_000,
  )
  const replacedAt = when(
    sim,
    mirror,
    () =>
      (mirror.ofKind('Pod') as Pod[]).filter(
        (p) =>
          p.spec?.nodeName !== victimNode &&
          p.status?.phase === 'Running' &&
          !p.metadata?.deletionTimestamp,
      ).length === 6,
    60_000,
  )

  it('the kubelet renewed its Lease every 10 s (+ up to 4% jitter) while it ran', () => {
    // renewals[0] is when the mirror first saw the Lease, not a renewal.
    const seen = renewals.slice(1)
    const gaps = seen.slice(1).map((t, i) => t - (seen[i] ?? 0))
    expect(gaps.length).toBeGreaterThanOrEqual(4)
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(LEASE_RENEW_INTERVAL_MS)
      expect(gap).toBeLessThanOrEqual(LEASE_RENEW_INTERVAL_MS * 1.04 + 100)
    }
    expect(victims.length).toBeGreaterThan(0)
    expect(lastRenewAt).toBeLessThanOrEqual(stoppedAt)
  })

  it('marks Ready Unknown 50 s after its 5 s monitor pass last saw the Lease renewed', () => {
    // tryUpdateNodeHealth takes the probe time when a pass sees a newer renewTime (up to 5 s
    // after the renewal), and the grace check is strict ("After"), so the first pass that
    // finds the node stale runs 55 to 60 s after the last renewal.
    const age = unknownAt - lastRenewAt
    expect(age).toBeGreaterThan(NODE_MONITOR_GRACE_MS + NODE_MONITOR_PERIOD_MS - 1_000)
    expect(age).toBeLessThanOrEqual(NODE_MONITOR_GRACE_MS + 2 * NODE_MONITOR_PERIOD_MS + 1_000)
    expect(readyOf()).toMatchObject({
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    })
    expect(sim.kubectl(`get node ${victimNode}`).output).toMatch(
      new RegExp(`${victimNode}\\s+NotReady\\s`),
    )
  })

  it('taints it unreachable:NoExecute on the next monitor pass, and unreachable:NoSchedule', () => {
    expect(taintedAt - unknownAt).toBeGreaterThanOrEqual(NODE_MONITOR_PERIOD_MS - 100)
    expect(taintedAt - unknownAt).toBeLessThanOrEqual(NODE_MONITOR_PERIOD_MS + 500)
    expect(rfc3339ToSimTime(noExecute()?.timeAdded ?? '')).toBe(Math.floor(taintedAt / 1000) * 1000)
    expect(node().spec?.taints).toContainEqual(
      expect.objectContaining({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }),
    )
  })

  it('evicts its pods when their 300 s toleration runs out', () => {
    expect(evictedAt - taintedAt).toBeGreaterThanOrEqual(TOLERATION_MS - 1_000)
    expect(evictedAt - taintedAt).toBeLessThanOrEqual(TOLERATION_MS + 1_000)
    const reasons = sim.trace.filter(
      (e) => e.type === 'KubeEventRecorded' && e.reason === 'TaintManagerEviction',
    )
    expect(reasons.length).toBe(victims.length)
  })

  it('the ReplicaSet replaces them on the other nodes within seconds', () => {
    expect(replacedAt - evictedAt).toBeLessThan(10_000)
    // The evicted pods stay Terminating: nobody on the dead node can confirm they stopped.
    const terminating = podsOn(victimNode).filter((p) => p.metadata?.deletionTimestamp)
    expect(terminating.map((p) => p.metadata?.name).sort()).toEqual([...victims].sort())
  })
})
