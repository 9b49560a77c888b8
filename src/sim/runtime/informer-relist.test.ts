import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng } from '../core/rng'
import type { ActorContext, TimerBody } from './actor'
import { createApiClient } from './api-client'
import {
  createInformer,
  onInformerResponse,
  onInformerTimer,
  onInformerWatch,
  startInformer,
  type InformerHost,
} from './informer'
import type { HttpRequest, HttpResponse } from './messages'

// client-go's reflector (tools/cache/reflector.go, v1.32) around a 410: a watch ERROR ends the
// watch and ListAndWatch; Run's BackoffUntil relists after the back-off at the last synced
// resourceVersion (no limit); a 410 on that list makes the next list ask for "" at once; a watch
// that ends cleanly is re-opened from the last resourceVersion; a 429 backs off and re-watches.

interface Harness {
  ctx: ActorContext & { nowMs: number }
  host: InformerHost
  sent: HttpRequest[]
  timers: TimerBody[]
  delays: number[]
}

function harness(): Harness {
  const sent: HttpRequest[] = []
  const timers: TimerBody[] = []
  const delays: number[] = []
  const ctx = {
    nowMs: 0,
    self: 'kube-scheduler',
    send: (_to: string, body: unknown) => {
      if ((body as { type?: string }).type === 'http-request') sent.push(body as HttpRequest)
    },
    setTimer: (delay: number, timer: TimerBody) => {
      delays.push(delay)
      timers.push(timer)
    },
    emit: () => undefined,
  }
  const host: InformerHost = {
    client: createApiClient({ type: 'bearer', token: 't' }, 'kube-apiserver'),
    informers: { pods: createInformer('pods', '/api/v1/pods') },
    rng: createRng(1),
  }
  return { ctx, host, sent, timers, delays }
}

const last = (h: Harness) => h.sent[h.sent.length - 1] as HttpRequest
const respond = (h: Harness, code: number, body: unknown = {}) => {
  const request = last(h)
  const pending = h.host.client.pending.get(request.requestId)
  if (!pending) throw new Error('no pending call')
  h.host.client.pending.delete(request.requestId)
  const response: HttpResponse = { type: 'http-response', requestId: request.requestId, code, body }
  onInformerResponse(h.ctx, h.host, pending, response)
}
const listed = (rv: string) => ({ items: [], metadata: { resourceVersion: rv } })
const fire = (h: Harness) => {
  const timer = h.timers.shift()
  if (!timer) throw new Error('no timer armed')
  onInformerTimer(h.ctx, h.host, timer)
}
const informer = (h: Harness) => h.host.informers['pods'] as ReturnType<typeof createInformer>

/** Lists and starts the watch at resourceVersion 100. */
function synced(): Harness {
  const h = harness()
  startInformer(h.ctx, h.host.client, informer(h))
  expect(last(h).query).toEqual({ limit: '500', resourceVersion: '0' })
  respond(h, 200, listed('100'))
  expect(last(h).query).toMatchObject({ watch: '1', resourceVersion: '100' })
  return h
}

const gone = (h: Harness, rv: number) =>
  onInformerWatch(h.ctx, h.host, {
    type: 'watch-event',
    requestId: last(h).requestId,
    event: {
      type: 'ERROR',
      object: {
        kind: 'Status',
        code: 410,
        reason: 'Expired',
        message: `too old resource version: 100 (${rv})`,
      },
    },
  })

describe('the reflector after a 410', () => {
  it('a watch ERROR 410 relists after the back-off, at the last resourceVersion and without a limit', () => {
    const h = synced()
    const before = h.sent.length
    gone(h, 150)
    expect(h.sent).toHaveLength(before)
    expect(h.timers.map((t) => t.name)).toEqual(['informer-relist'])
    fire(h)
    expect(last(h)).toMatchObject({
      method: 'GET',
      path: '/api/v1/pods',
      query: { resourceVersion: '100' },
    })
    respond(h, 200, listed('160'))
    expect(last(h).query).toMatchObject({ watch: '1', resourceVersion: '160' })
  })

  it('a 410 on that list asks for "" at once, then for the last resourceVersion again', () => {
    const h = synced()
    gone(h, 150)
    fire(h)
    respond(h, 410, { kind: 'Status', code: 410, reason: 'Expired' })
    expect(h.timers).toHaveLength(0)
    expect(last(h).query).toEqual({ resourceVersion: '' })
    respond(h, 200, listed('170'))
    gone(h, 200)
    fire(h)
    expect(last(h).query).toEqual({ resourceVersion: '170' })
  })

  it('a watch the server closed cleanly is watched again at once from the last resourceVersion', () => {
    const h = synced()
    h.ctx.nowMs = 5_000
    respond(h, 200, '')
    expect(h.timers).toHaveLength(0)
    expect(last(h).query).toMatchObject({ watch: '1', resourceVersion: '100' })
  })

  it('a very short watch (under 1 s, nothing received) relists instead', () => {
    const h = synced()
    h.ctx.nowMs = 500
    respond(h, 200, '')
    expect(h.timers.map((t) => t.name)).toEqual(['informer-relist'])
  })

  it('a 429 on the watch backs off and watches again, without a list', () => {
    const h = synced()
    respond(h, 429, { kind: 'Status', code: 429, message: 'storage is (re)initializing' })
    expect(h.timers.map((t) => t.name)).toEqual(['informer-rewatch'])
    fire(h)
    expect(last(h).query).toMatchObject({ watch: '1', resourceVersion: '100' })
  })

  it('once synced it never lists at "0" again, whatever the watch and list outcomes', () => {
    const outcome = fc.constantFrom(
      'gone',
      'clean-end',
      'short-end',
      'too-many',
      'list-gone',
      'list-ok',
    )
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 30 }), (outcomes) => {
        const h = synced()
        let rv = 100
        for (const o of outcomes) {
          const watching = last(h).query['watch'] === '1'
          if (h.timers.length > 0) fire(h)
          else if (watching && o === 'gone') gone(h, rv + 10)
          else if (watching && o === 'clean-end') {
            h.ctx.nowMs += 2_000
            respond(h, 200, '')
          } else if (watching && o === 'short-end') respond(h, 200, '')
          else if (watching && o === 'too-many') respond(h, 429, {})
          else if (!watching && o === 'list-gone') respond(h, 410, {})
          else if (!watching) respond(h, 200, listed(String((rv += 10))))
        }
        const lists = h.sent.slice(1).filter((r) => r.query['watch'] === undefined)
        expect(lists.every((r) => r.query['resourceVersion'] !== '0')).toBe(true)
        // Relists are served from the watch cache (or a consistent read): no limit, no paging.
        expect(lists.every((r) => r.query['limit'] === undefined)).toBe(true)
      }),
    )
  })

  it('the back-off keeps doubling while relists succeed and watches fail, and starts again after 2 min', () => {
    const h = synced()
    const failWatchAfterList = (rv: number) => {
      gone(h, rv)
      fire(h)
      respond(h, 200, listed(String(rv + 5)))
    }
    for (const rv of [150, 200, 250, 300, 350, 400, 450]) failWatchAfterList(rv)
    // Jitter 1.0: each wait is its base to twice its base; bases 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30 s.
    const bases = [800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000]
    expect(h.delays.map((d, i) => d >= bases[i]! && d <= 2 * bases[i]!)).toEqual(
      bases.map(() => true),
    )
    h.ctx.nowMs += 120_001
    gone(h, 500)
    expect(h.delays[h.delays.length - 1]).toBeLessThanOrEqual(1_600)
  })
})
