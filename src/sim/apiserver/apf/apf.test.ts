import { describe, expect, it } from 'vitest'
import { classify, nominalConcurrencyLimit, type PriorityLevelName } from './priority-levels'
import { listSeats } from './work-estimate'
import { admit, createFlowControl, dispatchQueued, release } from './flow-control'
import { dealHand } from './shuffle-shard'
import type { HttpRequest } from '../../runtime/messages'

describe('API Priority and Fairness, v1.32 defaults', () => {
  it('splits 400 + 200 seats by nominal concurrency shares (ΣNCS = 245)', () => {
    // NominalCL = ceil(600 × NCS / 245), apf_controller.go
    const expected: [PriorityLevelName, number][] = [
      ['system', 74], // ceil(600 × 30 / 245) = ceil(73.47)
      ['node-high', 98], // ceil(600 × 40 / 245) = ceil(97.96)
      ['leader-election', 25], // ceil(24.49)
      ['workload-high', 98],
      ['workload-low', 245], // 600 × 100 / 245 = 244.9
      ['global-default', 49], // ceil(48.98)
      ['catch-all', 13], // ceil(12.24)
    ]
    for (const [level, seats] of expected)
      expect([level, nominalConcurrencyLimit(level, 600)]).toEqual([level, seats])
    expect(nominalConcurrencyLimit('exempt', 600)).toBe(Infinity)
  })

  it('charges a LIST one seat per 100 objects it will process, 1 … 10', () => {
    // 200 Pods from the watch cache: ceil(200 / 100) = 2
    expect(listSeats({ storedCount: 200, limit: 0, fromCache: true, hasSelector: false })).toBe(2)
    // a page of limit=500 from etcd with 200 stored: 2 × min(500, 200) / 100 = 4
    expect(listSeats({ storedCount: 200, limit: 500, fromCache: false, hasSelector: false })).toBe(
      4,
    )
    // 150,000 Pods from the cache: 1,500 seats' worth, capped at 10
    expect(listSeats({ storedCount: 150_000, limit: 0, fromCache: true, hasSelector: false })).toBe(
      10,
    )
    // a selector reads stored + limit: (30 + 5) / 100 → 1
    expect(listSeats({ storedCount: 30, limit: 5, fromCache: false, hasSelector: true })).toBe(1)
    expect(listSeats({ storedCount: 0, limit: 0, fromCache: true, hasSelector: false })).toBe(1)
  })

  it('classifies the simulation clients as the bootstrap FlowSchemas do', () => {
    const level = (name: string, groups: string[], resource = 'pods', namespace?: string) =>
      classify({ user: { name, groups }, resource, namespace }).level
    expect(level('kubernetes-admin', ['kubeadm:cluster-admins', 'system:authenticated'])).toBe(
      'global-default',
    )
    expect(level('admin', ['system:masters'])).toBe('exempt')
    expect(level('system:node:node-1', ['system:nodes'], 'nodes')).toBe('node-high')
    expect(level('system:node:node-1', ['system:nodes'], 'leases', 'kube-node-lease')).toBe(
      'node-high',
    )
    expect(level('system:node:node-1', ['system:nodes'], 'pods')).toBe('system')
    expect(level('system:kube-scheduler', [], 'leases', 'kube-system')).toBe('leader-election')
    expect(level('system:kube-scheduler', [], 'pods')).toBe('workload-high')
    expect(level('system:kube-controller-manager', [], 'replicasets')).toBe('workload-high')
    expect(
      level('system:serviceaccount:default:app', [
        'system:serviceaccounts',
        'system:authenticated',
      ]),
    ).toBe('workload-low')
    expect(level('system:anonymous', ['system:unauthenticated'])).toBe('catch-all')
  })

  it('deals a hand of distinct queues', () => {
    for (const hash of [0, 1, 12345, 0xffffffff]) {
      const hand = dealHand(hash, 128, 6)
      expect(new Set(hand).size).toBe(6)
      expect(hand.every((q) => q >= 0 && q < 128)).toBe(true)
    }
  })
})

const request = (requestId: number): HttpRequest => ({
  type: 'http-request',
  requestId,
  method: 'GET',
  path: '/api/v1/pods',
  query: {},
  credential: { type: 'none' } as unknown as HttpRequest['credential'],
})
const admin = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] }

describe('queueing and rejection', () => {
  it('runs up to the level limit, queues on the flow’s hand, rejects past 6 × 50 queued', () => {
    // 4 + 2 seats: global-default gets ceil(6 × 20 / 245) = 1 seat.
    const apf = createFlowControl(4, 2)
    const outcomes: string[] = []
    for (let id = 1; id <= 400; id++)
      outcomes.push(
        admit(
          apf,
          { from: 'kubectl', request: request(id), user: admin, seats: 1, arrivedMs: 0 },
          'pods',
          undefined,
        ).outcome,
      )
    // One runs; one user is one flow: its hand of 6 queues holds 6 × 50 = 300; 99 rejected.
    expect(outcomes.filter((o) => o === 'execute')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'queued')).toHaveLength(300)
    expect(outcomes.filter((o) => o === 'rejected')).toHaveLength(99)
    expect(apf.levels['global-default'].rejected).toBe(99)
    // Finishing the running request lets exactly one queued request in.
    release(apf, 'kubectl', 1)
    expect(dispatchQueued(apf)).toHaveLength(1)
    expect(apf.levels['global-default'].queued).toBe(299)
    expect(apf.levels['global-default'].executing).toBe(1)
  })

  it('never queues an exempt request', () => {
    const apf = createFlowControl(1, 1)
    const root = { name: 'root', groups: ['system:masters'] }
    for (let id = 1; id <= 50; id++)
      expect(
        admit(
          apf,
          { from: 'x', request: request(id), user: root, seats: 1, arrivedMs: 0 },
          'pods',
          undefined,
        ).outcome,
      ).toBe('execute')
  })
})
