import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { BOOT_MS } from '../testing/manifests'
import { LEASE_RENEW_INTERVAL_MS, NODE_STATUS_REPORT_MS } from './node-heartbeat'

describe("an idle node's heartbeats (kubelet v1.32)", () => {
  it('renews its Lease every 10 s and posts an unchanged status only every 5 minutes', () => {
    const sim = createSimulation({ seed: 4, nodes: 2 })
    sim.advance(BOOT_MS)
    const from = sim.traceEnd
    const statusTicks = sim.eventsByKind['node-status'] ?? 0
    sim.advance(6 * 60_000)
    const sent = (label: string) =>
      sim.trace
        .slice(from - sim.traceStart)
        .filter((e) => e.type === 'MessageSent' && e.label === label)
        .map((e) => e.atMs)
    const renewals = sent('PUT leases/node-1 (renew)')
    const posts = sent('PATCH nodes/node-1/status')
    // 360 s / (10 s × up to 1.04 jitter) = 34 … 36 renewals.
    expect(renewals.length).toBeGreaterThanOrEqual(34)
    expect(renewals.length).toBeLessThanOrEqual(36)
    const gaps = renewals.slice(1).map((t, i) => t - (renewals[i] ?? 0))
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(LEASE_RENEW_INTERVAL_MS)
      expect(gap).toBeLessThanOrEqual(LEASE_RENEW_INTERVAL_MS * 1.04 + 1)
    }
    // Registered at ~1 s with a fresh status: the next post 5 minutes later, on a 10 s tick.
    expect(posts).toHaveLength(1)
    expect(posts[0]).toBeGreaterThanOrEqual(NODE_STATUS_REPORT_MS)
    expect(posts[0]).toBeLessThan(NODE_STATUS_REPORT_MS + BOOT_MS)
    // The 10 s status ticks that could not post cost nothing: one timer per node per post.
    expect((sim.eventsByKind['node-status'] ?? 0) - statusTicks).toBeLessThanOrEqual(2 * 2)
  }, 30_000)
})
