import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulation, type Simulation } from './index'
import { CONTINUE_EXPIRED_MESSAGE, onListPage } from './apiserver/list-pages'
import { decodeContinue } from './apiserver/list-source'
import { createApiServerState } from './apiserver/state'
import { createRng } from './core/rng'
import type { ActorContext } from './runtime/actor'
import type { MessageBody } from './runtime/messages'
import { formatApiError } from './kubectl/output'
import { maybeRetryAfter, MAX_RETRIES } from './runtime/retry-after'
import { TOO_MANY_REQUESTS_BODY } from './apiserver/apf/filter'

// List cost: pagination, where a LIST is served from, what it costs on the meters.
const meters = (sim: Simulation) => {
  const api = sim.loadMeters().apiServers[0]
  if (!api) throw new Error('no API server')
  return api
}

let sim: Simulation
beforeAll(() => {
  sim = createSimulation({ seed: 7, nodes: 3 })
  sim.advance(3_000)
  sim.kubectl('create deployment web --image=nginx:1.27 --replicas=40')
  sim.runUntil(
    (s) =>
      s
        .kubectl('get pods --no-headers')
        .output.split('\n')
        .filter((l) => l.includes('Running')).length === 40,
    120_000,
  )
}, 120_000)

describe('LIST pagination (limit / continue)', () => {
  it('pages through every Pod once, with a continue token and remainingItemCount', () => {
    const names: string[] = []
    let token: string | undefined
    let pages = 0
    const remaining: number[] = []
    do {
      const response = sim.request({
        method: 'GET',
        path: '/api/v1/pods',
        query: { limit: '15', ...(token ? { continue: token } : {}) },
      })
      expect(response.code).toBe(200)
      const body = response.body as {
        items: { metadata: { name: string } }[]
        metadata: { continue?: string; remainingItemCount?: number }
      }
      names.push(...body.items.map((i) => i.metadata.name))
      if (body.metadata.remainingItemCount !== undefined)
        remaining.push(body.metadata.remainingItemCount)
      token = body.metadata.continue
      pages++
    } while (token)
    expect(names).toHaveLength(40)
    expect(new Set(names).size).toBe(40)
    expect(pages).toBe(3) // 15 + 15 + 10
    expect(remaining).toEqual([25, 10])
  })

  it('serves later pages at the first page’s revision: a Pod created meanwhile is not listed', () => {
    const first = sim.request({ method: 'GET', path: '/api/v1/pods', query: { limit: '39' } })
    const body = first.body as { metadata: { continue: string; resourceVersion: string } }
    sim.kubectl('run zz-late --image=nginx:1.27')
    const rest = sim.request({
      method: 'GET',
      path: '/api/v1/pods',
      query: { limit: '39', continue: body.metadata.continue },
    })
    const page = rest.body as {
      items: { metadata: { name: string } }[]
      metadata: { resourceVersion: string }
    }
    expect(page.items.map((i) => i.metadata.name)).not.toContain('zz-late')
    expect(page.metadata.resourceVersion).toBe(body.metadata.resourceVersion)
    sim.kubectl('delete pod zz-late --wait=false')
  })

  it('answers 410 Expired with upstream’s words when the token’s revision is compacted', () => {
    const sent: MessageBody[] = []
    const ctx: ActorContext = {
      nowMs: 0,
      self: 'kube-apiserver',
      send: (_to, body) => sent.push(body),
      setTimer: () => undefined,
      emit: () => undefined,
    }
    const state = createApiServerState('kube-apiserver', 'cp', ['etcd-1'], createRng(1))
    const request = {
      type: 'http-request' as const,
      requestId: 9,
      method: 'GET' as const,
      path: '/api/v1/pods',
      query: {
        limit: '500',
        continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NSwic3RhcnQiOiJkZWZhdWx0L2EifQ',
      },
      credential: { type: 'none' } as never,
    }
    onListPage(
      ctx,
      state,
      { from: 'kubectl', request, keyPrefix: '/registry/pods/' },
      {
        ok: false,
        error: 'mvcc: required revision has been compacted',
      },
    )
    const response = sent[0] as {
      code: number
      body: { message: string; reason: string; metadata: { continue: string } }
    }
    expect(response.code).toBe(410)
    expect(response.body.reason).toBe('Expired')
    expect(response.body.message).toBe(CONTINUE_EXPIRED_MESSAGE)
    // The fresh token continues at the same key with rv -1 (inconsistent).
    expect(decodeContinue(response.body.metadata.continue)).toEqual({ rv: -1, start: 'default/a' })
  })

  it('refuses a token it did not write with 400', () => {
    const response = sim.request({ method: 'GET', path: '/api/v1/pods', query: { continue: '!!' } })
    expect(response.code).toBe(400)
  })
})

describe('where a LIST is served from, and what it costs', () => {
  it('kubectl get pods -A asks for limit=500; --chunk-size=10 reads 5 pages from etcd', () => {
    const before = meters(sim).etcdRangeBytes
    const result = sim.kubectl('get pods -A --chunk-size=10')
    expect(result.exitCode).toBe(0)
    const last = sim.loadMeters().lastList
    expect(last?.pages).toBe(Math.ceil((last?.items ?? 0) / 10))
    const lists = meters(sim).recentLists.slice(-(last?.pages ?? 0))
    expect(lists.every((l) => l.source === 'etcd' && l.request.includes('limit=10'))).toBe(true)
    expect(meters(sim).etcdRangeBytes).toBeGreaterThan(before)
    sim.kubectl('get pods -A')
    expect(meters(sim).recentLists.at(-1)?.request).toContain('limit=500')
  })

  it('--chunk-size=0 is one consistent list from the watch cache; resourceVersion=0 reads no etcd values', () => {
    sim.kubectl('get pods -A --chunk-size=0')
    const whole = meters(sim).recentLists.at(-1)
    expect(whole?.source).toBe('watch cache')
    expect(whole?.continued).toBe(false)
    const before = meters(sim).etcdRangeBytes
    const rv0 = sim.request({
      method: 'GET',
      path: '/api/v1/pods',
      query: { resourceVersion: '0', limit: '5' },
    })
    // The cache ignores limit: every Pod in one answer, and etcd was not read for it (the
    // little read meanwhile is the other components' GETs).
    expect((rv0.body as { items: unknown[] }).items.length).toBeGreaterThan(5)
    const served = meters(sim).recentLists.at(-1)
    expect(served?.source).toBe('watch cache')
    expect(meters(sim).etcdRangeBytes - before).toBeLessThan((served?.bytes ?? 0) / 4)
  })

  it('meters the watch cache and the bytes sent', () => {
    const m = meters(sim)
    expect(m.watchCacheObjects).toBeGreaterThan(40)
    expect(m.watchCacheBytes).toBeGreaterThan(40 * 500)
    expect(m.bytesSent).toBeGreaterThan(m.recentLists.reduce((s, l) => s + l.bytes, 0))
    expect(m.levels.find((l) => l.name === 'global-default')?.limitSeats).toBe(49)
  })
})

describe('429 and client-go retries', () => {
  it('kubectl words an exhausted 429 as client-go does', () => {
    expect(
      formatApiError(TOO_MANY_REQUESTS_BODY, '', { verb: 'list', resource: 'pods', group: '' }),
    ).toBe(
      'Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later (list pods)',
    )
  })

  it('retries after Retry-After up to 10 times, then delivers the 429', () => {
    const sent: unknown[] = []
    const ctx = {
      nowMs: 0,
      self: 'c',
      send: (...args: unknown[]) => sent.push(args),
      setTimer: () => undefined,
      emit: () => undefined,
    } as unknown as ActorContext
    const retry = {
      request: { type: 'http-request', requestId: 1 } as never,
      options: { label: 'GET' },
      retries: 0,
    }
    const actor = {
      client: { server: 'kube-apiserver', pending: new Map([[1, { purpose: 'get', retry }]]) },
    }
    const response = {
      type: 'http-response' as const,
      requestId: 1,
      code: 429,
      body: TOO_MANY_REQUESTS_BODY,
      retryAfterSeconds: 1,
    }
    for (let i = 0; i < MAX_RETRIES; i++) expect(maybeRetryAfter(ctx, actor, response)).toBe(true)
    expect(maybeRetryAfter(ctx, actor, response)).toBe(false)
    expect(sent).toHaveLength(10)
    expect((sent[0] as [string, unknown, { extraDelayMs: number }])[2].extraDelayMs).toBe(1000)
  })

  it('a stampede of 400 lists: APF rejects some with 429 and the retries drain the queues', () => {
    const before = meters(sim).tooManyRequests
    sim.dispatch({ type: 'stampede', requests: 400 })
    sim.advance(30_000)
    const m = meters(sim)
    const rejected = m.tooManyRequests - before
    expect(rejected).toBeGreaterThan(0)
    const level = m.levels.find((l) => l.name === 'global-default')
    expect(level?.rejected).toBe(m.tooManyRequests)
    // Drained: nothing queued or in flight soon after (the components' own periodic requests,
    // Lease renewals among them, may be in flight at any given instant).
    const idle = () => meters(sim).queued === 0 && meters(sim).inFlight === 0
    expect(sim.runUntil(idle, 1_000)).toBe(true)
    const last = m.recentLists.at(-1)
    // A page of limit=500 from etcd with ~41 Pods stored: ceil(2 × 41 / 100) = 1 seat.
    expect(last?.seats).toBe(1)
  }, 60_000)
})

describe('a burst at a small APF configuration', () => {
  it('ends with every Pod Running and as many 429s received as sent', () => {
    const small = createSimulation({
      seed: 11,
      nodes: 3,
      maxRequestsInflight: 4,
      maxMutatingRequestsInflight: 2,
    })
    small.advance(3_000)
    small.kubectl('create deployment burst --image=nginx:1.27 --replicas=60')
    small.dispatch({ type: 'stampede', requests: 400 })
    const running = () =>
      small
        .kubectl('get pods --no-headers --chunk-size=0')
        .output.split('\n')
        .filter((l) => l.includes('Running')).length
    small.runUntil(() => running() === 60, 240_000)
    expect(running()).toBe(60)
    const m = small.loadMeters().apiServers[0]
    const rejected = m?.levels.reduce((sum, l) => sum + l.rejected, 0) ?? 0
    const sent429 = small.trace.filter(
      (e) => e.type === 'MessageSent' && e.label.startsWith('429 '),
    ).length
    expect(rejected).toBeGreaterThan(0)
    expect(m?.tooManyRequests).toBe(rejected)
    expect(sent429).toBe(rejected)
    // The burst's queues drain (at the instant the last Pod runs, a request may still be queued).
    const drained = () => small.loadMeters().apiServers[0]?.queued === 0
    expect(small.runUntil(drained, 1_000)).toBe(true)
  }, 240_000)
})
