import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from '../index'
import type { SimEvent } from '../events'
import type { InformerState } from '../runtime/informer'
import { BOOT_MS, makeDeploymentManifest, runningPods } from '../testing/manifests'
import { createRng } from '../core/rng'
import { ERR_COMPACTED } from '../etcd/mvcc'
import {
  LIST_TOO_OLD,
  WATCH_TOO_OLD,
  onCacheRelisted,
  onCacheRelistFailed,
  onCacheRelistTimer,
  onCacheWatchCompacted,
} from './cache-relist'
import { COMPACTION_INTERVAL_MS } from './compactor'
import { createApiServerState, type ApiServerState } from './state'
import { applyChange, createWatchCache, eventsAfter } from './watch-cache'

// An API server cut off from etcd for longer than two compaction intervals: the other API
// server's compactor (etcd3/compact.go, v1.32) compacts past the revision its watch cache would
// resume from, so on healing etcd refuses its watch with ErrCompacted and the cacher relists
// (cacher.go startCaching, reflector.go ListAndWatch); its clients' watches end, are refused
// (429 "storage is (re)initializing", then 410 "too old resource version: X (Y)") and relist.

type Actors = Record<string, { kind: string; id: string }>
const actors = (sim: Simulation): Actors =>
  (sim as unknown as { kernel: { actors: Actors } }).kernel.actors
const apiServer = (sim: Simulation, id: string) => actors(sim)[id] as unknown as ApiServerState
const narrations = (events: readonly SimEvent[], actor: string) =>
  events.flatMap((e) => (e.type === 'Narrated' && e.actor === actor ? [e.text] : []))
const sent = (events: readonly SimEvent[], from: string) =>
  events.flatMap((e) => (e.type === 'MessageSent' && e.from === from ? [e] : []))

const CUT = 'kube-apiserver-2'
let sim: Simulation
let healedAt = 0
let fromTrace = 0
let beforeCut = 0
let scaledDuringCut = false

beforeAll(() => {
  sim = createSimulation({ seed: 4, controlPlanes: 2, nodes: 2 })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeDeploymentManifest('web', 2))
  sim.runUntil((s) => runningPods(s).length === 2, 60_000)
  beforeCut = apiServer(sim, CUT).cache.revision
  fromTrace = sim.trace.length
  const etcd = sim.components('etcd').map((c) => c.id)
  sim.dispatch({ type: 'partition', sides: [[CUT], etcd] })
  sim.advance(60_000)
  // A change only the other API server sees (kubectl round-robins; the cut one times out).
  for (let i = 0; i < 4 && !scaledDuringCut; i++)
    scaledDuringCut = sim.kubectl('scale deployment web --replicas=3').exitCode === 0
  sim.advance(2 * COMPACTION_INTERVAL_MS)
  healedAt = sim.nowMs
  sim.dispatch({ type: 'heal' })
  sim.advance(30_000)
}, 120_000)

describe('the watch cache relists when its etcd watch is compacted', () => {
  it('etcd compacted past the cut server’s cache while it was away', () => {
    expect(scaledDuringCut).toBe(true)
    const member = actors(sim)['etcd-1'] as unknown as { mvcc: { compactRevision: number } }
    expect(member.mvcc.compactRevision).toBeGreaterThan(beforeCut + 1)
  })

  it('narrates the reflector ending its watch, the 410 list at the old revision, then a list at ""', () => {
    const said = narrations(sim.trace.slice(fromTrace), CUT)
    const closed = said.findIndex((t) =>
      t.includes(`watch of /registry/ closed with: ${WATCH_TOO_OLD}`),
    )
    const tooOld = said.findIndex((t) => t.includes(LIST_TOO_OLD))
    const initialized = said.findIndex((t) => t.startsWith('cacher (/registry/): initialized'))
    expect(closed).toBeGreaterThanOrEqual(0)
    expect(tooOld).toBeGreaterThan(closed)
    expect(initialized).toBeGreaterThan(tooOld)
    expect(said.filter((t) => t.includes(WATCH_TOO_OLD))).toHaveLength(1)
  })

  it('relists one second after the watch ended (wait.Until period), ends its clients’ watches first', () => {
    const events = sim.trace.slice(fromTrace).filter((e) => e.atMs >= healedAt)
    const closed = events.find(
      (e) => e.type === 'Narrated' && e.actor === CUT && e.text.includes(WATCH_TOO_OLD),
    )
    const ended = sent(events, CUT).filter((e) => e.label.startsWith('watch closed'))
    const relist = sent(events, CUT).find((e) => e.label.startsWith('Range /registry/ at rev'))
    expect(closed && relist).toBeTruthy()
    expect((relist?.atMs ?? 0) - (closed?.atMs ?? 0)).toBeGreaterThanOrEqual(1_000)
    expect(ended.length).toBeGreaterThan(0)
    expect(ended.every((e) => e.atMs <= (relist?.atMs ?? 0))).toBe(true)
  })

  it('holds what etcd holds after the relist, and watches etcd again', () => {
    const cut = apiServer(sim, CUT)
    expect(cut.cacheReinitializing).toBe(false)
    expect(cut.etcdWatchId).toBeDefined()
    const other = apiServer(sim, 'kube-apiserver')
    expect(sim.runUntil(() => cut.cache.revision === other.cache.revision, 10_000)).toBe(true)
    expect([...cut.cache.objects.keys()].sort()).toEqual([...other.cache.objects.keys()].sort())
    for (const [key, object] of cut.cache.objects)
      expect(object.metadata?.resourceVersion).toBe(
        other.cache.objects.get(key)?.metadata?.resourceVersion,
      )
  })

  it('clients re-watch, get 429 while it relists, then 410 "too old resource version", and relist at their last resourceVersion', () => {
    const events = sim.trace.slice(fromTrace).filter((e) => e.atMs >= healedAt)
    const labels = sent(events, CUT).map((e) => e.label)
    expect(labels).toContain('429 Too Many Requests (storage is (re)initializing)')
    expect(labels).toContain('watch ERROR 410 Gone')
    // kube-scheduler-2 talks to kube-apiserver-2 directly: its pod informer relists at the
    // resourceVersion it had (no limit: served from the cache), not "0".
    const scheduler = sent(events, 'kube-scheduler-2').map((e) => e.label)
    const gone = sent(events, CUT).find(
      (e) => e.to === 'kube-scheduler-2' && e.label === 'watch ERROR 410 Gone',
    )
    expect(gone).toBeDefined()
    const relists = sent(events, 'kube-scheduler-2').filter(
      (e) => e.atMs > (gone?.atMs ?? Infinity) && e.label.startsWith('GET /api/v1/pods?'),
    )
    expect(relists[0]?.label).toMatch(/^GET \/api\/v1\/pods\?resourceVersion=[1-9]\d*$/)
    expect(scheduler.some((l) => l.includes('resourceVersion=0'))).toBe(false)
  })

  it('a client’s informer converges on the relisted cache (the Pod scaled up during the cut)', () => {
    const scheduler = actors(sim)['kube-scheduler-2'] as unknown as {
      informers: Record<string, InformerState>
    }
    const pods = Object.values(scheduler.informers).find((i) => i.path === '/api/v1/pods')
    const cached = () =>
      [...apiServer(sim, CUT).cache.objects.keys()].filter((k) => k.startsWith('/registry/pods/'))
    expect(sim.runUntil(() => pods?.items.size === cached().length, 10_000)).toBe(true)
    expect(pods?.items.size).toBe(3)
  })

  it('a watch from before the relist gets 410 with kube-apiserver’s wording', () => {
    const listRv = apiServer(sim, CUT).cache.oldestRevision
    const from = sim.trace.length
    for (const requestId of ['w1', 'w2'])
      sim.dispatch({
        type: 'apiRequest',
        requestId,
        method: 'GET',
        path: '/api/v1/namespaces/default/pods',
        query: { watch: '1', resourceVersion: String(beforeCut) },
      })
    sim.advance(1_000)
    const errors = sim.trace
      .slice(from)
      .flatMap((e) => (e.type === 'ApiWatchEvent' && e.eventType === 'ERROR' ? [e.object] : []))
    // One of the two went to the other API server, whose window still holds beforeCut.
    expect(errors).toEqual([
      expect.objectContaining({
        code: 410,
        reason: 'Expired',
        message: `too old resource version: ${beforeCut} (${listRv})`,
      }),
    ])
  })

  it('time travel: seeking back before the heal and forward again repeats the relist exactly', () => {
    const at = sim.nowMs
    const said = narrations(sim.trace, CUT)
    const revision = apiServer(sim, CUT).cache.revision
    sim.seekTo(healedAt - 1_000)
    sim.seekTo(at)
    expect(narrations(sim.trace, CUT)).toEqual(said)
    expect(apiServer(sim, CUT).cache.revision).toBe(revision)
  })
})

describe('the cacher relist, step by step', () => {
  interface Sent {
    to: string
    body: {
      type: string
      op?: { op: string; revision?: number }
      code?: number
      requestId?: number
    }
  }
  const recorder = () => {
    const sent: Sent[] = []
    const timers: { name: string; data?: unknown }[] = []
    const ctx = {
      nowMs: 0,
      self: 'kube-apiserver',
      send: (to: string, body: unknown) => sent.push({ to, body: body as Sent['body'] }),
      setTimer: (_ms: number, timer: { name: string; data?: unknown }) => timers.push(timer),
      emit: () => undefined,
    }
    return { ctx, sent, timers }
  }
  const stateWithCache = () => {
    const state = createApiServerState('kube-apiserver', 'cp', ['etcd-1'], createRng(1))
    state.cache = createWatchCache()
    state.ready = true
    for (const name of ['a', 'b']) {
      const key = `/registry/pods/default/${name}`
      applyChange(state.cache, {
        revision: name === 'a' ? 5 : 6,
        resource: 'pods',
        type: 'PUT',
        key,
        object: {
          kind: 'Pod',
          metadata: { name, namespace: 'default', resourceVersion: name === 'a' ? '5' : '6' },
        },
      })
    }
    state.cache.watchers['kubelet/node-1#3'] = {
      id: 'kubelet/node-1#3',
      client: 'kubelet/node-1',
      requestId: 3,
      resource: 'pods',
      cursor: 6,
    }
    state.cache.byResource['pods'] = ['kubelet/node-1#3']
    return state
  }

  it('ends the clients’ watches, lists at the last revision, then at "" after ErrCompacted', () => {
    const { ctx, sent, timers } = recorder()
    const state = stateWithCache()
    onCacheWatchCompacted(ctx, state)
    expect(state.cacheReinitializing).toBe(true)
    expect(timers).toEqual([{ name: 'cache-relist' }])
    onCacheRelistTimer(ctx, state, false)
    expect(sent[0]).toMatchObject({
      to: 'kubelet/node-1',
      body: { type: 'http-response', code: 200, requestId: 3 },
    })
    expect(state.cache.watchers).toEqual({})
    expect(sent[1]?.body.op).toMatchObject({ op: 'range', revision: 6 })
    onCacheRelistFailed(ctx, state, 6, ERR_COMPACTED)
    expect(sent[2]?.body.op?.op).toBe('range')
    expect(sent[2]?.body.op?.revision).toBeUndefined()
    // Another failure of the list at "": startCaching runs again 1 s later, still at "".
    onCacheRelistFailed(ctx, state, undefined, 'etcdserver: request timed out')
    expect(timers[1]).toEqual({ name: 'cache-relist', data: 'latest' })
  })

  it('Replace: the listed objects, nothing else, and a window that starts at the list', () => {
    const { ctx, sent } = recorder()
    const state = stateWithCache()
    onCacheWatchCompacted(ctx, state)
    const b = state.cache.objects.get('/registry/pods/default/b')
    const kv = (name: string, rev: number, value: string) => ({
      key: `/registry/pods/default/${name}`,
      value,
      createRevision: rev,
      modRevision: rev,
      version: 1,
    })
    onCacheRelisted(
      ctx,
      state,
      [
        kv('b', 6, 'unused: the cache holds revision 6'),
        kv('c', 9, JSON.stringify({ kind: 'Pod', metadata: { name: 'c', namespace: 'default' } })),
      ],
      12,
    )
    expect([...state.cache.objects.keys()].sort()).toEqual([
      '/registry/pods/default/b',
      '/registry/pods/default/c',
    ])
    expect(state.cache.objects.get('/registry/pods/default/b')).toBe(b)
    expect(state.cacheReinitializing).toBe(false)
    expect(state.cache.revision).toBe(12)
    expect(eventsAfter(state.cache, 11)).toBe('expired')
    expect(eventsAfter(state.cache, 12)).toEqual([])
    expect(sent[sent.length - 1]?.body.op).toMatchObject({ op: 'watch', startRevision: 13 })
  })
})
