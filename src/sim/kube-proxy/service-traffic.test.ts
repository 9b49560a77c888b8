import type { Endpoints } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import type { SimEvent } from '../events'
import { createSimulation, type Simulation } from '../simulation'
import { BOOT_MS, makeReplicaSetManifest, podsOf } from '../testing/manifests'

type Finished = Extract<SimEvent, { type: 'TrafficRequestFinished' }>

const clientPod = stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'client' },
  spec: {
    nodeName: 'node-1',
    containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '86400'] }],
  },
})

function send(sim: Simulation, runId: string, count: number, service = 'default/web'): Finished[] {
  const from = sim.trace.length
  sim.dispatch({
    type: 'sendTraffic',
    runId,
    from: 'default/client',
    service,
    count,
    intervalMs: 50,
  })
  sim.advance(count * 50 + 3_000)
  return sim.trace
    .slice(from)
    .filter((e): e is Finished => e.type === 'TrafficRequestFinished' && e.runId === runId)
}

const tally = (results: Finished[]): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const r of results) {
    const key = r.outcome === 'ok' ? (r.pod ?? '') : r.outcome
    out[key] = (out[key] ?? 0) + 1
  }
  return out
}

const objects = <T>(sim: Simulation, kind: string): T[] =>
  sim.snapshot().objects.filter((o) => o.kind === kind) as unknown as T[]

describe('a Service over three nginx Pods', () => {
  const sim = createSimulation({ seed: 31, nodes: 3 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeReplicaSetManifest('web', 3))
  sim.kubectl('apply -f -', clientPod)
  sim.advance(15_000)
  sim.kubectl('expose rs web --port=80')
  sim.advance(5_000)
  const web = podsOf(sim).filter((p) => p.metadata?.name?.startsWith('web-'))

  it('gets an EndpointSlice with upstream’s labels, owner and ready endpoints', () => {
    const slice = objects<EndpointSlice>(sim, 'EndpointSlice').find(
      (s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'web',
    )
    expect(slice?.metadata?.labels).toMatchObject({
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    })
    expect(slice?.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/)
    expect(slice?.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Service',
      name: 'web',
      controller: true,
    })
    expect(slice?.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }])
    expect(slice?.endpoints.map((e) => e.addresses[0]).sort()).toEqual(
      web.map((p) => p.status?.podIP).sort(),
    )
    for (const e of slice?.endpoints ?? []) {
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false })
      expect(e.targetRef).toMatchObject({ kind: 'Pod', namespace: 'default' })
    }
    const endpoints = objects<Endpoints>(sim, 'Endpoints').find((e) => e.metadata?.name === 'web')
    expect(endpoints?.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(
      web.map((p) => p.status?.podIP ?? '').sort(),
    )
  })

  it('every node’s iptables rules send the ClusterIP to exactly those endpoints', () => {
    const ips = web.map((p) => `${p.status?.podIP ?? ''}:80`).sort()
    for (const node of ['node-1', 'node-2', 'node-3']) {
      const text = sim.kubeProxyRules(node)?.nat ?? ''
      const dnat = [
        ...text.matchAll(/comment "default\/web" -m tcp -j DNAT --to-destination (\S+)/g),
      ].map((m) => m[1])
      expect(dnat.sort()).toEqual(ips)
    }
  })

  it('iptables mode spreads 300 requests at random, about 1/3 each', () => {
    const counts = tally(send(sim, 'random', 300))
    expect(Object.keys(counts).sort()).toEqual(web.map((p) => p.metadata?.name ?? '').sort())
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(70)
  })

  it('IPVS mode takes the endpoints in turn (rr)', () => {
    sim.dispatch({ type: 'setKubeProxyMode', mode: 'ipvs' })
    sim.advance(5_000)
    const order = send(sim, 'rr', 9).map((r) => r.pod)
    expect(order.slice(3, 6)).toEqual(order.slice(0, 3))
    expect(new Set(order.slice(0, 3)).size).toBe(3)
    sim.dispatch({ type: 'setKubeProxyMode', mode: 'iptables' })
    sim.advance(5_000)
  })

  it('a Pod that fails its readiness probe is in the slice as not ready, and gets no traffic', () => {
    const unready = stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-unready', labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            readinessProbe: { httpGet: { path: '/healthz', port: 80 } },
          },
        ],
      },
    })
    sim.kubectl('apply -f -', unready)
    sim.advance(40_000)
    const slice = objects<EndpointSlice>(sim, 'EndpointSlice').find(
      (s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'web',
    )
    const pod = podsOf(sim).find((p) => p.metadata?.name === 'web-unready')
    const endpoint = slice?.endpoints.find((e) => e.addresses[0] === pod?.status?.podIP)
    expect(endpoint?.conditions).toEqual({ ready: false, serving: false, terminating: false })
    const endpoints = objects<Endpoints>(sim, 'Endpoints').find((e) => e.metadata?.name === 'web')
    expect(endpoints?.subsets?.[0]?.notReadyAddresses?.map((a) => a.ip)).toEqual([
      pod?.status?.podIP,
    ])
    expect(tally(send(sim, 'unready', 60))['web-unready']).toBeUndefined()
    expect(sim.kubectl('describe pod web-unready').output).toMatch(
      /Warning\s+Unhealthy\s+.*Readiness probe failed: HTTP probe failed with statuscode: 404/,
    )
  })

  it('while an endpoint’s node is down its share of requests times out (the rules still list it)', () => {
    const victim = web.find((p) => p.spec?.nodeName !== 'node-1')
    const node = victim?.spec?.nodeName ?? ''
    sim.dispatch({ type: 'stopComponent', id: `container-runtime/${node}` })
    const counts = tally(send(sim, 'down', 60))
    expect(counts['timeout']).toBeGreaterThan(5)
    expect(counts[victim?.metadata?.name ?? '']).toBeUndefined()
    sim.dispatch({ type: 'startComponent', id: `container-runtime/${node}` })
  })

  it('with kube-proxy stopped, old rules keep working but a new Service gets none on that node', () => {
    sim.dispatch({ type: 'stopComponent', id: 'kube-proxy/node-1' })
    expect(tally(send(sim, 'stale', 30))['timeout']).toBeUndefined()
    sim.kubectl('expose rs web --port=80 --name=web2')
    sim.advance(5_000)
    expect(tally(send(sim, 'norules', 5, 'default/web2'))).toEqual({ timeout: 5 })
    sim.dispatch({ type: 'startComponent', id: 'kube-proxy/node-1' })
    sim.advance(5_000)
    expect(tally(send(sim, 'synced', 6, 'default/web2'))['timeout']).toBeUndefined()
  })

  it('a Service without endpoints is rejected at once', () => {
    sim.kubectl(
      'apply -f -',
      stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'empty' },
        spec: { selector: { app: 'none' }, ports: [{ port: 80 }] },
      }),
    )
    sim.advance(5_000)
    expect(tally(send(sim, 'empty', 3, 'default/empty'))).toEqual({ 'no-endpoints': 3 })
    expect(sim.kubectl('get endpointslices').output).toMatch(
      /empty-[a-z0-9]{5}\s+IPv4\s+<unset>\s+<unset>\s+/,
    )
  })

  it('kube-proxy writes at most once per second (minSyncPeriod)', () => {
    const syncs = sim.trace
      .filter((e) => e.type === 'KubeProxySynced' && e.node === 'node-2')
      .map((e) => e.atMs)
    for (let i = 1; i < syncs.length; i++)
      expect((syncs[i] ?? 0) - (syncs[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000)
  })
})
