import { describe, expect, it } from 'vitest'
import type { ComponentRecord, EtcdRecord, PodRecord } from '../../protocol/records'
import { describeCluster, describeRing } from './describe-cluster'

const c = (id: string, host: string, running = true) =>
  ({ id, host, kind: 'etcd', running }) as ComponentRecord
const etcd = {
  members: [
    { id: 'etcd-1', role: 'leader', term: 3, running: true, removed: false },
    { id: 'etcd-2', role: 'follower', term: 3, running: false, removed: false },
  ],
  links: [
    { a: 'etcd-1', b: 'etcd-2', blocked: true, loss: 0 },
    { a: 'etcd-1', b: 'kube-apiserver', blocked: false, loss: 0.3 },
  ],
} as unknown as EtcdRecord

describe('the cluster in words', () => {
  it('lists each machine’s components with their state, and every Pod’s place', () => {
    const pods = [
      { name: 'web', status: 'Running', node: 'node-1' },
      { name: 'db', status: 'Pending', node: '' },
    ] as PodRecord[]
    expect(
      describeCluster(
        [
          c('etcd-1', 'control-plane'),
          c('etcd-2', 'control-plane', false),
          c('kubelet/node-1', 'node-1'),
        ],
        pods,
        etcd,
      ),
    ).toEqual({
      machines: [
        { name: 'control-plane', components: ['etcd-1 (leader, term 3)', 'etcd-2 (stopped)'] },
        { name: 'node-1', components: ['kubelet/node-1'] },
      ],
      pods: ['web: Running on node-1', 'db: Pending, not scheduled yet'],
    })
  })

  it('says who leads, who is down, and which links are cut or lossy', () => {
    expect(describeRing(etcd)).toBe(
      'etcd members: etcd-1 leader, term 3; etcd-2 stopped. Cut links: etcd-1–etcd-2. Lossy links: etcd-1–kube-apiserver 30%.',
    )
  })
})
