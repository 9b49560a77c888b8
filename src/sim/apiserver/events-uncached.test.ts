import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../index'
import type { SimEvent } from '../events'
import type { EtcdMemberState } from '../etcd/member-state'
import { BOOT_MS, makeDeploymentManifest, runningPods } from '../testing/manifests'
import { COMPACTION_INTERVAL_MS } from './compactor'
import { LIST_TOO_OLD, WATCH_TOO_OLD } from './cache-relist'
import type { ApiServerState } from './state'
import { uncachedCount } from './uncached'

// Events have watch cache size 0 in kube-apiserver (DefaultWatchCacheSizes,
// pkg/kubeapiserver/default_storage_factory_builder.go, v1.32): no cacher holds them, and every
// LIST and WATCH of Events is the etcd3 store's, read from etcd.

type Actors = Record<string, { kind: string; id: string }>
const actors = (sim: Simulation): Actors =>
  (sim as unknown as { kernel: { actors: Actors } }).kernel.actors
const apiServer = (sim: Simulation) =>
  Object.values(actors(sim)).find((a) => a.kind === 'kube-apiserver') as unknown as ApiServerState
const etcdMembers = (sim: Simulation) =>
  Object.values(actors(sim)).filter((a) => a.kind === 'etcd') as unknown as EtcdMemberState[]
const cachedEvents = (sim: Simulation) =>
  [...apiServer(sim).cache.objects.keys()].filter((k) => k.startsWith('/registry/events/'))
const toEtcd = (events: readonly SimEvent[]) =>
  events.flatMap((e) =>
    e.type === 'MessageSent' && e.from.startsWith('kube-apiserver') && e.to.startsWith('etcd')
      ? [e.label]
      : [],
  )
const watchEvents = (events: readonly SimEvent[], requestId: string) =>
  events.flatMap((e) => (e.type === 'ApiWatchEvent' && e.requestId === requestId ? [e] : []))

/** Opens a client's WATCH of the default namespace's Events, from `resourceVersion` if given. */
function watchDefaultEvents(sim: Simulation, requestId: string, resourceVersion?: number): void {
  sim.dispatch({
    type: 'apiRequest',
    requestId,
    method: 'GET',
    path: '/api/v1/namespaces/default/events',
    query: {
      watch: '1',
      ...(resourceVersion !== undefined ? { resourceVersion: String(resourceVersion) } : {}),
    },
  })
}

function postEvent(sim: Simulation, name: string): void {
  const event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
    reason: 'Probe',
    message: `probe ${name}`,
    type: 'Normal',
    source: { component: 'test' },
  }
  const response = sim.request({
    method: 'POST',
    path: '/api/v1/namespaces/default/events',
    body: JSON.stringify(event),
  })
  expect(response.code).toBe(201)
}

let sim: Simulation
let everCached = 0
let watchesFromMs = 0

beforeAll(() => {
  sim = createSimulation({ seed: 15, nodes: 1 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeDeploymentManifest('web', 2))
  // Every instant of the fill: the scheduler's, the kubelet's and the controllers' Events are
  // written, and none of them may ever enter the watch cache.
  sim.runUntil((s) => {
    everCached += cachedEvents(s).length
    return runningPods(s).length === 2
  }, 60_000)
}, 60_000)

describe('Events are not in the watch cache (watch cache size 0)', () => {
  it('holds the Pods, never an Event, while etcd stores both', () => {
    expect(everCached).toBe(0)
    expect(cachedEvents(sim)).toEqual([])
    const pods = [...apiServer(sim).cache.objects.keys()].filter((k) =>
      k.startsWith('/registry/pods/default/web-'),
    )
    expect(pods).toHaveLength(2)
    expect(sim.etcdKeys('/registry/events/default/').length).toBeGreaterThan(2)
    // Counted, for the list work estimator (apiserver_storage_objects), not held; once the
    // watch has caught up with etcd (a write can be applied and not yet on the watch).
    sim.advance(2_000)
    const counted = (prefix: string) => uncachedCount(apiServer(sim).cache, prefix)
    expect(counted('/registry/events/')).toBe(sim.etcdKeys('/registry/events/').length)
    expect(counted('/registry/events/default/')).toBe(
      sim.etcdKeys('/registry/events/default/').length,
    )
    expect(sim.loadMeters().apiServers[0]?.watchCacheObjects).toBe(
      apiServer(sim).cache.objects.size,
    )
  })

  it('a LIST of Events is an etcd Range: kubectl get events, and resourceVersion=0 alike', () => {
    let from = sim.trace.length
    const ranges = sim.loadMeters().apiServers[0]?.etcdRanges ?? 0
    const out = sim.kubectl('get events')
    expect(out.exitCode).toBe(0)
    expect(out.output).toContain('Scheduled')
    expect(out.output).toMatch(/pod\/web-/)
    expect(toEtcd(sim.trace.slice(from))).toContain('Range /registry/events/default/ limit 500')
    // resourceVersion=0 is "any": the watch cache would answer it without etcd; the etcd3 store
    // reads etcd's current revision.
    from = sim.trace.length
    const response = sim.request({
      method: 'GET',
      path: '/api/v1/namespaces/default/events',
      query: { resourceVersion: '0' },
    })
    expect(response.code).toBe(200)
    const body = response.body as { items: unknown[]; metadata: { resourceVersion: string } }
    expect(body.items).toHaveLength(sim.etcdKeys('/registry/events/default/').length)
    expect(body.metadata.resourceVersion).toBe(String(sim.revision))
    const eventReads = toEtcd(sim.trace.slice(from)).filter((l) => l.includes('/events/'))
    expect(eventReads).toEqual(['Range /registry/events/default/'])
    const meters = sim.loadMeters().apiServers[0]
    expect(meters?.etcdRanges).toBeGreaterThanOrEqual(ranges + 2)
    expect(meters?.recentLists.at(-1)).toMatchObject({ source: 'etcd', resourceVersion: '0' })
    // "Not older than" a revision etcd has not reached: the store's 504 (no cache to wait for).
    const ahead = sim.request({
      method: 'GET',
      path: '/api/v1/namespaces/default/events',
      query: { resourceVersion: String(sim.revision + 1_000) },
    })
    expect(ahead.code).toBe(504)
    expect(ahead.body).toMatchObject({
      reason: 'Timeout',
      message: `Timeout: Too large resource version: ${sim.revision + 1_000}, current: ${sim.revision}`,
    })
  })

  it('a WATCH from a resourceVersion is an etcd watch: later Events arrive, then it is cancelled', () => {
    watchesFromMs = sim.nowMs
    const rv = sim.revision
    const from = sim.trace.length
    watchDefaultEvents(sim, 'ev-watch', rv)
    sim.advance(200)
    postEvent(sim, 'probe.1')
    sim.advance(500)
    // Later Events only (the node's and the probe's), each once, as ADDED.
    const seen = watchEvents(sim.trace.slice(from), 'ev-watch').map((e) => [
      e.eventType,
      (e.object as { metadata: { name: string; resourceVersion: string } }).metadata,
    ])
    expect(seen).toContainEqual(['ADDED', expect.objectContaining({ name: 'probe.1' })])
    for (const [type, meta] of seen) {
      expect(type).toBe('ADDED')
      expect(Number((meta as { resourceVersion: string }).resourceVersion)).toBeGreaterThan(rv)
    }
    expect(toEtcd(sim.trace.slice(from))).toContain(
      `Watch /registry/events/default/ from rev ${rv + 1}`,
    )
    const watching = () =>
      etcdMembers(sim).flatMap((m) =>
        Object.values(m.watches).filter((w) => w.key === '/registry/events/default/'),
      )
    expect(watching()).toHaveLength(1)
    sim.dispatch({ type: 'closeApiWatch', requestId: 'ev-watch' })
    sim.advance(500)
    expect(watching()).toEqual([])
  })

  it('a WATCH without a resourceVersion starts with every stored Event as ADDED', () => {
    const from = sim.trace.length
    watchDefaultEvents(sim, 'ev-all')
    sim.advance(500)
    const added = watchEvents(sim.trace.slice(from), 'ev-all').filter(
      (e) => e.eventType === 'ADDED',
    )
    expect(added).toHaveLength(sim.etcdKeys('/registry/events/default/').length)
    // sync(): the current state in pages of defaultWatcherMaxLimit, then the watch after it.
    expect(toEtcd(sim.trace.slice(from)).filter((l) => l.includes('/events/'))).toEqual([
      'Range /registry/events/default/ limit 10000 (watch: the current state)',
      `Watch /registry/events/default/ from rev ${sim.revision + 1}`,
    ])
    sim.dispatch({ type: 'closeApiWatch', requestId: 'ev-all' })
    sim.advance(100)
  })

  it('a WATCH whose etcd member goes away resumes on another from the next revision', () => {
    const rv = sim.revision
    const from = sim.trace.length
    watchDefaultEvents(sim, 'ev-resume', rv)
    sim.advance(200)
    const watch = Object.values(apiServer(sim).storageWatches ?? {})[0]
    expect(watch?.endpoint).toBeDefined()
    const lost = watch?.endpoint ?? ''
    sim.dispatch({ type: 'stopComponent', id: lost })
    sim.advance(1_000)
    postEvent(sim, 'probe.resumed')
    sim.advance(1_000)
    const names = watchEvents(sim.trace.slice(from), 'ev-resume').map((e) => [
      e.eventType,
      (e.object as { metadata?: { name?: string } }).metadata?.name,
    ])
    expect(names).toContainEqual(['ADDED', 'probe.resumed'])
    expect(new Set(names.map((n) => n[1])).size).toBe(names.length)
    const resumed = Object.values(apiServer(sim).storageWatches ?? {})[0]
    expect(resumed?.endpoint).toBeDefined()
    expect(resumed?.endpoint).not.toBe(lost)
    sim.dispatch({ type: 'closeApiWatch', requestId: 'ev-resume' })
    sim.dispatch({ type: 'startComponent', id: lost })
    sim.advance(5_000)
    expect(apiServer(sim).storageWatches).toEqual({})
  })

  it('a compacted resourceVersion: the etcd3 store’s 410s for a WATCH and for an exact LIST', () => {
    const old = sim.revision
    postEvent(sim, 'probe.2')
    sim.advance(2 * COMPACTION_INTERVAL_MS + 60_000)
    expect(etcdMembers(sim)[0]?.mvcc.compactRevision).toBeGreaterThan(old + 1)
    const from = sim.trace.length
    watchDefaultEvents(sim, 'ev-old', old)
    sim.advance(500)
    const seen = watchEvents(sim.trace.slice(from), 'ev-old')
    expect(seen.map((e) => [e.eventType, e.object])).toEqual([
      ['ERROR', expect.objectContaining({ code: 410, reason: 'Expired', message: WATCH_TOO_OLD })],
    ])
    const list = sim.request({
      method: 'GET',
      path: '/api/v1/namespaces/default/events',
      query: { limit: '10', resourceVersion: String(old) },
    })
    expect(list.code).toBe(410)
    expect(list.body).toMatchObject({ reason: 'Expired', message: LIST_TOO_OLD })
  })

  it('time travel: seeking back before the Events watches and forward again repeats them exactly', () => {
    const at = sim.nowMs
    const streamed = () =>
      sim.trace.flatMap((e) =>
        e.type === 'ApiWatchEvent' ? [[e.requestId, e.eventType, JSON.stringify(e.object)]] : [],
      )
    const before = streamed()
    expect(before.length).toBeGreaterThan(3)
    sim.seekTo(watchesFromMs - 1_000)
    sim.seekTo(at)
    expect(streamed()).toEqual(before)
    expect(apiServer(sim).storageWatches).toEqual({})
    expect(uncachedCount(apiServer(sim).cache, '/registry/events/')).toBe(
      sim.etcdKeys('/registry/events/').length,
    )
  })
})
