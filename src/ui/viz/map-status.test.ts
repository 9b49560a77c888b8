import { describe, expect, it } from 'vitest'
import type { ComponentRecord, EtcdRecord, PodRecord } from '../../protocol/records'
import type { EtcdMemberView } from '../../sim/index'
import { clusterAlerts } from './cluster-alerts'
import { etcdHealth } from './etcd-health'
import { mapStatus } from './map-status'

const member = (id: string, over: Partial<EtcdMemberView> = {}): EtcdMemberView => ({
  id,
  running: true,
  removed: false,
  role: 'follower',
  term: 2,
  vote: '',
  leader: 'etcd-2',
  commit: 9,
  applied: 9,
  lastIndex: 9,
  snapshotIndex: 0,
  voters: ['etcd-1', 'etcd-2', 'etcd-3'],
  log: [],
  progress: {},
  electionElapsed: 0,
  electionTimeout: 14,
  lastTickMs: 0,
  tickMs: 100,
  fsyncMs: 2,
  revision: 5,
  pendingRequests: 0,
  ...over,
})

function etcd(members: EtcdMemberView[], blocked: [string, string][] = []): EtcdRecord {
  const ids = [...members.map((m) => m.id), 'kube-apiserver']
  return {
    members,
    voters: ['etcd-1', 'etcd-2', 'etcd-3'],
    quorum: 2,
    tolerates: 1,
    leader: members.find((m) => m.role === 'leader')?.id ?? '',
    links: ids.flatMap((a, i) =>
      ids.slice(i + 1).map((b) => ({
        a,
        b,
        loss: 0,
        blocked: blocked.some(([x, y]) => (x === a && y === b) || (x === b && y === a)),
      })),
    ),
    clients: [{ id: 'kube-apiserver', endpoint: 'etcd-1' }],
  }
}

const components = (stopped: string[] = []): ComponentRecord[] =>
  ['kube-apiserver', 'kube-scheduler', 'etcd-1', 'etcd-2', 'etcd-3'].map((id) => ({
    id,
    kind: id.startsWith('etcd') ? 'etcd' : (id as ComponentRecord['kind']),
    host: 'control-plane',
    running: !stopped.includes(id),
  }))

const healthy = () => [member('etcd-1'), member('etcd-2', { role: 'leader' }), member('etcd-3')]

describe('the map’s status lines and badges', () => {
  it('marks the etcd leader and a stopped component, and says nothing of a healthy etcd', () => {
    const status = mapStatus({
      components: components(['kube-scheduler']),
      nodes: {},
      pods: [],
      etcd: etcd(healthy()),
    })
    expect(status.subs).toEqual({ 'etcd-2': 'leader', 'kube-scheduler': 'stopped' })
    expect(status.badges['etcd']).toBeUndefined()
  })

  it('says read-only without a quorum, on etcd and on the API server', () => {
    const split = etcd(healthy(), [
      ['etcd-1', 'etcd-2'],
      ['etcd-1', 'etcd-3'],
    ])
    const status = mapStatus({ components: components(), nodes: {}, pods: [], etcd: split })
    expect(status.badges['etcd']).toBe('read-only: no quorum')
    expect(status.subs['kube-apiserver']).toBe('read-only')
    expect(status.subs['etcd-1']).toBe('cut off')
  })

  it('says etcd is unavailable when no member runs', () => {
    const down = healthy().map((m) => ({ ...m, running: false, role: 'follower' as const }))
    const status = mapStatus({
      components: components(['etcd-1', 'etcd-2', 'etcd-3']),
      nodes: {},
      pods: [],
      etcd: etcd(down),
    })
    expect(status.badges['etcd']).toBe('etcd unavailable')
    expect(status.subs).toMatchObject({
      'etcd-1': 'stopped',
      'etcd-2': 'stopped',
      'kube-apiserver': 'etcd unreachable',
    })
  })

  it('counts Pending Pods for the tray and bound ones for their node', () => {
    const pod = (name: string, node: string) => ({ name, node }) as PodRecord
    const status = mapStatus({
      components: [],
      nodes: {},
      pods: [pod('a', ''), pod('b', 'node-1'), pod('c', '')],
    })
    expect(status.chips).toEqual({ pending: 2, 'node-1': 1 })
  })
})

describe('the alerts above the map', () => {
  it('says what a stopped control-plane component means, and what etcd can do', () => {
    const alerts = clusterAlerts(components(['kube-scheduler']), undefined)
    expect(alerts).toEqual([
      {
        tone: 'warn',
        text: 'kube-scheduler is stopped: new Pods stay Pending: nobody picks a node for them.',
      },
    ])
    const down = healthy().map((m) => ({ ...m, running: false }))
    const [first] = clusterAlerts(components(), etcdHealth(etcd(down)))
    expect(first?.tone).toBe('error')
    expect(first?.text).toMatch(/^etcd is unavailable/)
    expect(clusterAlerts(components(), etcdHealth(etcd(healthy())))).toEqual([])
  })
})
