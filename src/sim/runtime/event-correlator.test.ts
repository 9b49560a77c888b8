import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { componentCredential } from '../apiserver/authn/credentials'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from './actor'
import { createApiClient } from './api-client'
import { eventRecorder } from '../testing/event-recorder'
import { cachedEventCount, createEventCorrelator, recordCorrelatedEvent } from './event-correlator'
import { SPAM_BURST, tryAccept } from './event-spam-filter'

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

  it('answers as client-go’s EventCorrelate with three LRUs of 4096 full keys would', SLOW, () => {
    // The oracle: events_cache.go transliterated, each cache a Map of whole keys kept in
    // least-recently-used order (lru.Cache Get moves a key to the front, Add too).
    const lru = <V>() => {
      const map = new Map<string, V>()
      return {
        get: (k: string) => {
          const v = map.get(k)
          if (v !== undefined) map.delete(k)
          if (v !== undefined) map.set(k, v)
          return v
        },
        add: (k: string, v: V) => {
          map.delete(k)
          map.set(k, v)
          if (map.size > 4096) map.delete(map.keys().next().value as string)
        },
      }
    }
    type Event = [
      pod: number,
      uid: number,
      warning: boolean,
      reason: number,
      message: number,
      gapMs: number,
    ]
    const oracle = (events: Event[]): string[] => {
      const aggregator = lru<{ keys: string[]; lastMs: number }>()
      const logger = lru<number>()
      const spam = lru<{ tokens: number; lastMs: number }>()
      let now = 1_000
      return events.map(([pod, uid, warning, reason, m, gapMs]) => {
        now += gapMs
        const object = [pod, uid, warning]
        const message = `message ${m}`
        const aggregateKey = JSON.stringify([...object, reason])
        let record = aggregator.get(aggregateKey)
        if (record === undefined || now - record.lastMs > 600_000) record = { keys: [], lastMs: 0 }
        if (!record.keys.includes(message)) record.keys.push(message)
        record.lastMs = now
        aggregator.add(aggregateKey, record)
        const aggregate = record.keys.length >= 10
        if (aggregate) record.keys.shift()
        const key = aggregate ? `agg ${aggregateKey}` : JSON.stringify([...object, reason, message])
        const count = (logger.get(key) ?? 0) + 1
        logger.add(key, count)
        const spamKey = JSON.stringify(object)
        const bucket = spam.get(spamKey) ?? { tokens: SPAM_BURST, lastMs: now }
        const left = tryAccept(bucket.tokens, bucket.lastMs, now)
        spam.add(spamKey, left === undefined ? bucket : { tokens: left, lastMs: now })
        if (left === undefined) return 'skip'
        const text = aggregate ? `(combined from similar events): ${message}` : message
        return `${count === 1 ? 'POST' : 'PATCH'} ${text} x${count}`
      })
    }
    // Objects, reasons and messages from small sets (hits, aggregation, spam), enough of them to
    // pass 4096 (evictions), and time that moves by bursts and by minutes (refills, expiry).
    const event = fc.tuple(
      fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 1 }), weight: 1 },
        { arbitrary: fc.integer({ min: 0, max: 2999 }), weight: 2 },
      ),
      fc.integer({ min: 0, max: 1 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 11 }),
      fc.oneof(
        { arbitrary: fc.constant(0), weight: 60 },
        { arbitrary: fc.integer({ min: 0, max: 10_000 }), weight: 39 },
        { arbitrary: fc.integer({ min: 0, max: 700_000 }), weight: 1 },
      ),
    )
    fc.assert(
      fc.property(fc.array(event, { minLength: 9000, maxLength: 10_000 }), (events) => {
        const { sent, record, at } = eventRecorder()
        let now = 1_000
        const got = events.map(([pod, uid, warning, reason, message, gapMs]) => {
          now += gapMs
          at(now)
          // Pods 5 and 1505 share a uid (two objects, one uid: each its own keys).
          const w = record({
            pod: `pod-${pod}`,
            uid: `uid-${uid}-${pod % 1500}`,
            type: warning ? 'Warning' : 'Normal',
            reason: `reason ${reason}`,
            message: `message ${message}`,
          })
          return w === undefined ? 'skip' : `${w.method} ${w.message} x${w.count}`
        })
        expect(sent.length).toBeGreaterThan(0)
        expect(got).toEqual(oracle(events.map(([p, u, w, r, m, g]) => [p * 2 + u, 0, w, r, m, g])))
      }),
      { numRuns: 4, endOnFailure: true },
    )
  })
})
