import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { componentCredential } from '../apiserver/authn/credentials'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from './actor'
import { createApiClient } from './api-client'
import { cachedEventCount, createEventCorrelator, recordCorrelatedEvent } from './event-correlator'

// Thousands of recorded events per run: seconds on a loaded machine.
const SLOW = { timeout: 60_000 }

// The recorder's eventLogger (client-go events_cache.go): the first occurrence of an event is a
// POST, each identical one a PATCH of count; the LRU remembers 4096 event keys.
function recorder() {
  const sent: string[] = []
  const bodies: { path?: string; body?: unknown }[] = []
  const ctx: ActorContext = {
    nowMs: 1_000,
    self: 'kubelet/node-1',
    send: (_to, body) => {
      const r = body as { method?: string; path?: string; body?: string }
      bodies.push(r)
      sent.push(`${r.method} ${r.path} ${r.method === 'PATCH' ? r.body : ''}`.trim())
    },
    setTimer: () => undefined,
    emit: () => undefined,
  }
  const client = createApiClient(componentCredential('system:node:node-1', []), 'apiserver')
  const correlator = createEventCorrelator()
  const record = (podName: string, reason = 'Pulling', uid = `uid-${podName}`, message = '') => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: podName, namespace: 'default', uid },
    }
    recordCorrelatedEvent(ctx, client, correlator, {
      involved: pod,
      type: 'Normal',
      reason,
      message: message === '' ? 'Pulling image "nginx"' : message,
      source: { component: 'kubelet', host: 'node-1' },
    })
  }
  return { sent, bodies, record, correlator, ctx, client }
}

describe('event correlator', () => {
  it('PATCHes the count of a repeated event and POSTs a different one', () => {
    const { sent, record } = recorder()
    record('a')
    record('a')
    record('a')
    record('a', 'Pulled')
    expect(sent.map((s) => s.split(' ')[0])).toEqual(['POST', 'PATCH', 'PATCH', 'POST'])
    expect(sent[2]).toContain('"count":3')
  })

  it('PATCHes the Event its POST named, whatever was sent and how much time passed between', () => {
    const { bodies, record, ctx, client } = recorder()
    record('a')
    ;(ctx as { nowMs: number }).nowMs += 61_000
    client.nextRequestId += 7
    record('b')
    record('a')
    const body = bodies[0]?.body
    const created = (typeof body === 'string' ? JSON.parse(body) : body) as {
      metadata?: { name?: string }
    }
    expect(created.metadata?.name).toMatch(/^a\.[0-9a-f]{16}$/)
    expect(bodies[2]?.path).toBe(
      `/api/v1/namespaces/default/events/${created.metadata?.name ?? ''}`,
    )
  })

  it('forgets the least recently used key past 4096 (maxLruCacheEntries)', () => {
    const { sent, record, correlator } = recorder()
    record('first')
    record('second')
    for (let i = 0; i < 4094; i++) record(`pod-${i}`)
    record('first') // a hit: now the most recently used, so 'second' is the oldest
    record('one-more') // 4097 keys: 'second' goes
    expect(cachedEventCount(correlator)).toBe(4096)
    sent.length = 0
    record('first')
    record('second')
    expect(sent.map((s) => s.split(' ')[0])).toEqual(['PATCH', 'POST'])
  })

  it('keeps apart two objects with one uid and different names (the key holds both)', () => {
    const { sent, record } = recorder()
    record('a', 'Pulling', 'same-uid')
    record('b', 'Pulling', 'same-uid')
    record('a', 'Pulling', 'same-uid')
    record('b', 'Pulling', 'same-uid')
    expect(sent.map((s) => s.split(' ')[0])).toEqual(['POST', 'POST', 'PATCH', 'PATCH'])
    expect(sent[3]).toContain('/events/b.')
  })

  it('answers as a plain LRU of 4096 full keys would (POST or PATCH, and the count)', SLOW, () => {
    // The oracle: getEventKey's fields as one key in a Map kept in least-recently-used order.
    const oracle = (events: [number, number, number][]): string[] => {
      const lru = new Map<string, number>()
      return events.map(([pod, uid, message]) => {
        const key = JSON.stringify([pod, uid, message])
        const count = (lru.get(key) ?? 0) + 1
        lru.delete(key)
        lru.set(key, count)
        if (lru.size > 4096) lru.delete(lru.keys().next().value as string)
        return count === 1 ? 'POST' : `PATCH x${count}`
      })
    }
    // Objects and messages from small sets (hits), enough of them to pass 4096 (evictions).
    const event = fc.tuple(
      fc.integer({ min: 0, max: 1999 }),
      fc.integer({ min: 0, max: 1 }),
      fc.integer({ min: 0, max: 3 }),
    )
    fc.assert(
      fc.property(fc.array(event, { minLength: 5000, maxLength: 7000 }), (events) => {
        const { sent, record } = recorder()
        for (const [pod, uid, message] of events)
          record(`pod-${pod}`, 'Pulling', `uid-${uid}-${pod % 7}`, `message ${message}`)
        const got = sent.map((s) => {
          const count = /"count":(\d+)/.exec(s)?.[1]
          return count === undefined ? 'POST' : `PATCH x${count}`
        })
        expect(got).toEqual(oracle(events.map(([p, u, m]) => [p, u * 7 + (p % 7), m])))
      }),
      { numRuns: 6, endOnFailure: true },
    )
  })
})
