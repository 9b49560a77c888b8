import { describe, expect, it } from 'vitest'
import type { ComponentRecord, LeaseRecord, NodeRecord, PodRecord } from '../../protocol/records'
import type { EtcdMemberView } from '../../sim/index'
import { etcdMember, etcdRecord } from '../testdata/cluster-records'
import { clusterAlerts } from './cluster-alerts'
import { etcdHealth } from './etcd-health'
import { mapStatus } from './map-status'

// etcd-2 leads; the followers have not voted in this term.
const member = (id: string, over: Partial<EtcdMemberView> = {}) =>
  etcdMember(id, { leader: 'etcd-2', ...over })
const etcd = etcdRecord

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

  it('names the HA control plane’s leader and standbys from the kube-system Lease', () => {
    const managers: ComponentRecord[] = [1, 2, 3].map((i) => ({
      id: `kube-controller-manager-${String(i)}`,
      kind: 'kube-controller-manager',
      host: `control-plane-${String(i)}`,
      running: i !== 3,
    }))
    const key = '/registry/leases/kube-system/kube-controller-manager'
    const lease = { key, holder: 'control-plane-2_5f1c' } as LeaseRecord
    const status = mapStatus({
      components: managers,
      nodes: {},
      pods: [],
      leases: { [key]: lease },
    })
    expect(status.subs).toEqual({
      'kube-controller-manager-1': 'standby',
      'kube-controller-manager-2': 'leader',
      'kube-controller-manager-3': 'stopped',
    })
    expect(status.tones['kube-controller-manager-2']).toBe('leader')
    // A single instance leads alone: no line for it.
    const single = mapStatus({ components: managers.slice(0, 1), nodes: {}, pods: [] })
    expect(single.subs).toEqual({})
  })

  it('puts NotReady first in a node’s badge', () => {
    const node = (status: string): NodeRecord =>
      ({
        name: 'node-2',
        status,
        unschedulable: false,
        taints: [],
        labels: {},
      }) as unknown as NodeRecord
    const down = mapStatus({ components: [], nodes: { a: node('NotReady') }, pods: [] })
    expect(down.badges['node-2']).toBe('NotReady')
    const up = mapStatus({ components: [], nodes: { a: node('Ready') }, pods: [] })
    expect(up.badges['node-2']).toBe('')
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

  it('in an HA control plane, says a standby takes over while another instance runs', () => {
    const managers = (running: boolean[]): ComponentRecord[] =>
      running.map((up, i) => ({
        id: i === 0 ? 'kube-controller-manager' : `kube-controller-manager-${String(i + 1)}`,
        kind: 'kube-controller-manager',
        host: i === 0 ? 'control-plane' : `control-plane-${String(i + 1)}`,
        running: up,
      }))
    expect(clusterAlerts(managers([true, false, true]), undefined).map((a) => a.text)).toEqual([
      'kube-controller-manager-2 is stopped: another controller manager leads (a standby takes the leader Lease once it expires, 15 s).',
    ])
    // All of them down: nothing reconciles.
    expect(clusterAlerts(managers([false, false]), undefined).map((a) => a.text)).toEqual([
      'kube-controller-manager is stopped: ReplicaSets do not replace or add Pods.',
      'kube-controller-manager-2 is stopped: ReplicaSets do not replace or add Pods.',
    ])
  })
})
