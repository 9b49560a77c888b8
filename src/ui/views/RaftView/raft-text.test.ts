import { describe, expect, it } from 'vitest'
import type { EtcdRecord } from '../../../protocol/records'
import type { EtcdMemberView } from '../../../sim/index'
import { etcdMember, etcdRecord } from '../../testdata/cluster-records'
import { layoutRing, timerArc } from './raft-geometry'
import { clusterHealth, quorumText, shortSummary, timerRemaining } from './raft-text'

// The leader is etcd-1, which every member voted for; the clock has run one second.
const member = (id: string, over: Partial<EtcdMemberView> = {}) =>
  etcdMember(id, { vote: 'etcd-1', lastTickMs: 1_000, ...over })

const cluster = (blocked: [string, string][] = [], endpoint = 'etcd-1'): EtcdRecord =>
  etcdRecord(
    [member('etcd-1', { role: 'leader' }), member('etcd-2'), member('etcd-3')],
    blocked,
    endpoint,
  )

describe('Raft view text', () => {
  it('states the quorum as N/2+1 and the failures it tolerates', () => {
    expect(quorumText(cluster())).toBe('3 members · quorum 2 (3/2+1) · tolerates 1 failure')
  })

  it('says writable when the API server reaches a leader with a quorum', () => {
    expect(clusterHealth(cluster()).tone).toBe('ok')
  })

  it("says read-only when the API server's member is cut off from the quorum", () => {
    const split = cluster([
      ['etcd-1', 'etcd-2'],
      ['etcd-1', 'etcd-3'],
    ])
    const health = clusterHealth(split)
    expect(health.tone).toBe('error')
    expect(health.text).toMatch(/^Read-only: etcd-1/)
  })

  it('says the API server fails over when its member stops and another still runs', () => {
    const down = cluster()
    down.members[0] = { ...(down.members[0] as EtcdMemberView), running: false }
    expect(clusterHealth(down).text).toBe(
      "The API server's member etcd-1 is gone; the API server fails over to etcd-2.",
    )
  })

  it('says etcd is unavailable, and what requests then do, when no member runs', () => {
    const down = cluster()
    down.members = down.members.map((m) => ({ ...m, running: false }))
    const health = clusterHealth(down)
    expect(health.tone).toBe('error')
    expect(health.text).toMatch(/^etcd is unavailable: no member is running\. /)
    expect(health.text).toContain('waits out its 60 s request timeout')
    expect(health.text).not.toContain('fail over')
  })

  it('drains the election timer between ticks', () => {
    const m = member('etcd-2', { electionElapsed: 7, electionTimeout: 14, lastTickMs: 1_000 })
    expect(timerRemaining(m, 1_000)).toBeCloseTo(0.5)
    expect(timerRemaining(m, 1_050)).toBeCloseTo(1 - 7.5 / 14)
    expect(timerRemaining({ ...m, role: 'leader' }, 1_000)).toBe(0)
  })

  it('shortens a registry key for a log cell', () => {
    expect(shortSummary('put /registry/pods/default/web')).toBe('put pods/web')
    expect(shortSummary('put /registry/minions/node-1')).toBe('put minions/node-1')
    expect(shortSummary("(empty: new leader's entry)")).toBe('empty')
  })
})

describe('Raft ring geometry', () => {
  it('puts members on a circle without overlapping, the first at the top', () => {
    const ring = layoutRing(
      ['etcd-1', 'etcd-2', 'etcd-3', 'etcd-4', 'etcd-5', 'etcd-6', 'etcd-7'],
      560,
      330,
    )
    const [first] = ring.members
    expect(first?.y).toBeLessThan(Math.min(...ring.members.slice(1).map((m) => m.y)))
    const gaps = ring.members.flatMap((a, i) =>
      ring.members.slice(i + 1).map((b) => Math.hypot(a.x - b.x, a.y - b.y)),
    )
    expect(Math.min(...gaps)).toBeGreaterThan(60)
  })

  it('draws no arc for an expired timer and a closed circle for a fresh one', () => {
    expect(timerArc(0, 0, 10, 0)).toBe('')
    expect(timerArc(0, 0, 10, 1).match(/A/g)).toHaveLength(2)
  })
})
