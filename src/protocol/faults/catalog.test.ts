import { describe, expect, it } from 'vitest'
import type { ComponentRecord, PodRecord } from '../records'
import { FAULT_KINDS, faultKindsFor, faultTargets, planFault, type FaultContext } from './catalog'
import { PRESETS, planPreset } from './presets'

const component = (id: string, kind: ComponentRecord['kind'], host: string): ComponentRecord => ({
  id,
  kind,
  host,
  running: true,
})
const member = (id: string, role: 'leader' | 'follower') =>
  ({ id, role, running: true, removed: false, fsyncMs: 2, term: 2 }) as never

const context: FaultContext = {
  components: [
    component('etcd-1', 'etcd', 'control-plane'),
    component('etcd-2', 'etcd', 'control-plane'),
    component('etcd-3', 'etcd', 'control-plane'),
    component('kube-apiserver', 'kube-apiserver', 'control-plane'),
    component('kube-scheduler', 'kube-scheduler', 'control-plane'),
    component('kube-controller-manager', 'kube-controller-manager', 'control-plane'),
    component('kubelet/node-1', 'kubelet', 'node-1'),
    component('container-runtime/node-1', 'container-runtime', 'node-1'),
    component('kube-proxy/node-1', 'kube-proxy', 'node-1'),
    component('kubectl', 'kubectl', 'laptop'),
  ],
  etcd: {
    members: [
      member('etcd-1', 'follower'),
      member('etcd-2', 'leader'),
      member('etcd-3', 'follower'),
    ],
    voters: ['etcd-1', 'etcd-2', 'etcd-3'],
    clients: [{ id: 'kube-apiserver', endpoint: 'etcd-1' }],
  } as never,
}

describe('the failure panel’s table', () => {
  it('lists every target: members, components, nodes, links', () => {
    const labels = faultTargets(context).map((t) => `${t.kind}:${t.label}`)
    expect(labels).toEqual([
      'etcd:etcd-1',
      'etcd:etcd-2',
      'etcd:etcd-3',
      'kube-apiserver:kube-apiserver',
      'kube-scheduler:kube-scheduler',
      'kube-controller-manager:kube-controller-manager',
      'kubelet:kubelet on node-1',
      'kube-proxy:kube-proxy on node-1',
      'node:node-1',
      'link:etcd-1 ↔ etcd-2',
      'link:etcd-1 ↔ etcd-3',
      'link:etcd-2 ↔ etcd-3',
      'link:kube-apiserver ↔ etcd-1',
      'link:kube-apiserver ↔ etcd-2',
      'link:kube-apiserver ↔ etcd-3',
    ])
  })

  it('offers every target at least one fault, and loss only on etcd peer links', () => {
    for (const target of faultTargets(context))
      expect(faultKindsFor(target).length).toBeGreaterThan(0)
    const kinds = (id: string) =>
      faultKindsFor(
        faultTargets(context).find((t) => t.id === id) ?? faultTargets(context)[0]!,
      ).map((f) => f.id)
    expect(kinds('etcd-1|etcd-2')).toEqual(['cut-link', 'lossy-link'])
    expect(kinds('kube-apiserver|etcd-1')).toEqual(['cut-link'])
    expect(kinds('etcd-2')).toEqual(['stop', 'partition', 'slow-disk'])
  })

  it('pairs every fault with its heal', () => {
    const plan = planFault(context, {
      kind: 'slow-disk',
      target: 'etcd-2',
      value: 200,
      healAfterMs: 30_000,
    })
    expect(plan).toEqual({
      label: 'Slow disk: etcd-2 (200 ms)',
      healAfterMs: 30_000,
      steps: [
        {
          action: { type: 'setDiskLatency', id: 'etcd-2', fsyncMs: 200 },
          heal: [{ type: 'setDiskLatency', id: 'etcd-2', fsyncMs: 2 }],
        },
      ],
    })
    for (const kind of FAULT_KINDS)
      for (const target of faultTargets(context).filter((t) => faultKindsFor(t).includes(kind)))
        for (const step of kind.build(target, context, undefined))
          expect(step.heal.length).toBeGreaterThan(0)
  })

  it('picks a container by Pod and container from the live Pods, with crash loop and bad image', () => {
    const pod = (name: string, namespace: string, extra: Partial<PodRecord> = {}): PodRecord => ({
      key: `/registry/pods/${namespace}/${name}`,
      uid: name,
      name,
      namespace,
      node: 'node-1',
      phase: 'Running',
      status: 'Running',
      ready: '1/1',
      restarts: 0,
      ip: '10.244.1.2',
      createdMs: 0,
      owner: '',
      containers: ['app', 'sidecar'],
      ...extra,
    })
    const withPods: FaultContext = {
      ...context,
      pods: Object.fromEntries(
        [
          pod('web', 'default'),
          pod('db', 'shop', { containers: ['postgres'] }),
          pod('etcd-control-plane', 'kube-system'),
          pod('pending', 'default', { node: '', phase: 'Pending' }),
          pod('done', 'default', { phase: 'Succeeded' }),
        ].map((p) => [p.key, p]),
      ),
    }
    const containers = faultTargets(withPods).filter((t) => t.kind === 'container')
    expect(containers.map((t) => [t.id, t.label])).toEqual([
      ['default/web/app', 'web / app (node-1)'],
      ['default/web/sidecar', 'web / sidecar (node-1)'],
      ['shop/db/postgres', 'shop/db / postgres (node-1)'],
    ])
    expect(containers.flatMap((t) => faultKindsFor(t).map((k) => k.id))).toEqual(
      Array.from({ length: 3 }, () => ['crash-loop', 'bad-image']).flat(),
    )
    expect(planFault(withPods, { kind: 'crash-loop', target: 'shop/db/postgres' })).toEqual({
      label: 'Crash loop: shop/db / postgres (node-1)',
      steps: [
        {
          action: {
            type: 'breakContainer',
            pod: 'shop/db',
            container: 'postgres',
            fault: 'crashLoop',
          },
          heal: [
            { type: 'fixContainer', pod: 'shop/db', container: 'postgres', fault: 'crashLoop' },
          ],
        },
      ],
    })
  })

  it('says why a request cannot be planned', () => {
    expect(planFault(context, { kind: 'stop', target: 'etcd-9' })).toEqual({
      error: 'there is nothing called "etcd-9" to break',
    })
    expect(planFault(context, { kind: 'slow-disk', target: 'kube-scheduler' })).toEqual({
      error: '"slow-disk" is not a fault of kube-scheduler',
    })
  })
})

describe('presets', () => {
  it('has the six classics', () => {
    expect(PRESETS.map((p) => p.id)).toEqual([
      'kill-etcd-leader',
      'split-brain',
      'lose-quorum',
      'stop-scheduler',
      'stop-apiserver',
      'slow-etcd-disk',
    ])
  })

  it('reads the cluster now: the leader, the API server’s member', () => {
    const steps = (id: string) => {
      const plan = planPreset(context, id)
      return 'error' in plan ? plan : plan.steps.map((s) => s.action)
    }
    expect(steps('kill-etcd-leader')).toEqual([{ type: 'stopComponent', id: 'etcd-2' }])
    expect(steps('split-brain')).toEqual([
      {
        type: 'partition',
        sides: [
          ['kube-apiserver', 'etcd-1'],
          ['etcd-2', 'etcd-3'],
        ],
      },
    ])
    // Quorum of 3 is 2: stop two, keeping the API server's own member (etcd-1) running.
    expect(steps('lose-quorum')).toEqual([
      { type: 'stopComponent', id: 'etcd-2' },
      { type: 'stopComponent', id: 'etcd-3' },
    ])
    expect(planPreset({ components: [] }, 'kill-etcd-leader')).toEqual({
      error: 'etcd has no leader right now',
    })
    expect(planPreset(context, 'nope')).toEqual({ error: 'there is no preset "nope"' })
  })
})
