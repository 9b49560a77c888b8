import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventRecorder } from '../testing/event-recorder'
import { SPAM_BURST, SPAM_QPS, tryAccept } from './event-spam-filter'

// client-go's own cases (tools/record/events_cache_test.go TestEventCorrelator and
// TestEventSpamFilter, v0.32.4), on the sim's clock. Upstream's test clock moves on at every
// Now() (twice per event: the aggregator's and the rate limiter's); here time moves only between
// events, so the spacing below is what the scenario needs, said in each.
describe('EventCorrelator (events_cache_test.go cases)', () => {
  it('create-a-single-event: a POST of count 1', () => {
    const { record } = eventRecorder()
    expect(record({ reason: 'first', message: 'i am first' })).toMatchObject({
      method: 'POST',
      count: 1,
    })
  })

  it('the-same-event-should-just-count: a PATCH of count 2', () => {
    const { record, at } = eventRecorder()
    const first = record({ reason: 'duplicate', message: 'me again' })
    at(6_000)
    const second = record({ reason: 'duplicate', message: 'me again' })
    expect(second).toMatchObject({ method: 'PATCH', count: 2 })
    expect(second?.path.endsWith(`/${first?.name ?? ''}`)).toBe(true)
  })

  it('the-same-event-should-just-count-even-if-more-than-aggregate (30 s apart)', () => {
    const { record, at } = eventRecorder()
    for (let i = 0; i < 10; i++) {
      at(1_000 + i * 30_000)
      record({ reason: 'duplicate', message: 'me again' })
    }
    at(1_000 + 10 * 30_000)
    expect(record({ reason: 'duplicate', message: 'me again' })).toMatchObject({
      method: 'PATCH',
      count: 11,
      message: 'me again',
    })
  })

  it('the-same-event-is-spam-if-happens-too-frequently (1 s apart)', () => {
    const { record, at } = eventRecorder()
    for (let i = 0; i < SPAM_BURST + 1; i++) {
      at(1_000 + i * 1_000)
      record({ reason: 'duplicate', message: 'me again' })
    }
    at(1_000 + (SPAM_BURST + 1) * 1_000)
    expect(record({ reason: 'duplicate', message: 'me again' })).toBeUndefined()
  })

  it('create-many-unique-events: a new one is still a POST', () => {
    const { record } = eventRecorder()
    for (let i = 0; i < 30; i++)
      record({ pod: `pod-${i}`, reason: `reason-${i}`, message: `message-${i}` })
    expect(record({ reason: 'unique', message: 'snowflake' })).toMatchObject({
      method: 'POST',
      count: 1,
    })
  })

  const similar = { reason: 'similar', fieldPath: 'spec.containers{container1}' }
  const similarMessages = (n: number) =>
    Array.from({ length: n }, (_, i) => `similar message-${i}-similar message`)

  it('similar-events-should-aggregate-event: the 10th message is the aggregate, count 1', () => {
    const { record, at } = eventRecorder()
    similarMessages(9).forEach((message, i) => {
      at(1_000 + i * 5_000)
      expect(record({ ...similar, message })).toMatchObject({ method: 'POST', message })
    })
    at(1_000 + 9 * 5_000)
    const aggregate = record({ ...similar, message: 'similar message' })
    expect(aggregate).toMatchObject({
      method: 'POST',
      count: 1,
      message: '(combined from similar events): similar message',
    })
  })

  it('similar-events-many-times-should-count-the-aggregate: count 2', () => {
    const { record, at } = eventRecorder()
    similarMessages(10).forEach((message, i) => {
      at(1_000 + i * 5_000)
      record({ ...similar, message })
    })
    at(1_000 + 10 * 5_000)
    expect(record({ ...similar, message: 'similar message' })).toMatchObject({
      method: 'PATCH',
      count: 2,
      message: '(combined from similar events): similar message',
    })
  })

  it('events-from-different-containers-do-not-aggregate (nor count together)', () => {
    const { record } = eventRecorder()
    record({ ...similar, fieldPath: 'spec.containers{container2}', message: 'similar message' })
    expect(record({ ...similar, message: 'similar message' })).toMatchObject({
      method: 'POST',
      count: 1,
      message: 'similar message',
    })
  })

  it('similar-events-whose-interval-is-greater-than-aggregate-interval-do-not-aggregate', () => {
    const { record, at } = eventRecorder()
    // More than 600 s (defaultAggregateIntervalInSeconds) between alike events: each starts over.
    similarMessages(9).forEach((message, i) => {
      at(1_000 + i * 600_001)
      record({ ...similar, message })
    })
    at(1_000 + 9 * 600_001)
    expect(record({ ...similar, message: 'similar message' })).toMatchObject({
      method: 'POST',
      message: 'similar message',
    })
  })

  it('aggregates when alike events are exactly 600 s apart (interval > maxInterval starts over)', () => {
    const { record, at } = eventRecorder()
    similarMessages(9).forEach((message, i) => {
      at(1_000 + i * 600_000)
      record({ ...similar, message })
    })
    at(1_000 + 9 * 600_000)
    expect(record({ ...similar, message: 'similar message' })?.message).toBe(
      '(combined from similar events): similar message',
    )
  })
})

describe('EventSourceObjectSpamFilter', () => {
  it('skips another reason about the same object once its burst is spent (the key has no reason)', () => {
    const { record } = eventRecorder()
    for (let i = 0; i < SPAM_BURST; i++) record({ reason: 'original', message: 'i am first' })
    expect(record({ reason: 'duplicate', message: 'me again' })).toBeUndefined()
    // v0.32's getSpamKey has the event's type: a Warning has its own bucket.
    expect(record({ reason: 'BackOff', type: 'Warning' })).toMatchObject({ method: 'POST' })
    // And another object has its own.
    expect(record({ pod: 'other', reason: 'duplicate' })).toMatchObject({ method: 'POST' })
  })

  it('gives one token back every 300 s (1/300 as a float32 is a hair more: 300 s is enough)', () => {
    const { record, at } = eventRecorder()
    for (let i = 0; i < SPAM_BURST; i++) record()
    at(1_000 + 299_999)
    expect(record()).toBeUndefined()
    at(1_000 + 300_000)
    expect(record()).toMatchObject({ method: 'PATCH' })
    at(1_000 + 300_001)
    expect(record()).toBeUndefined()
  })

  it('counts what it skipped: the next write’s count jumps (eventObserve runs first)', () => {
    const { record, at } = eventRecorder()
    for (let i = 0; i < 30; i++) record()
    at(1_000 + 300_000)
    expect(record()).toMatchObject({ method: 'PATCH', count: 31 })
  })

  it('a skipped first occurrence is PATCHed later, and POSTed whole when that PATCH finds nothing', () => {
    const { record, at, answer, sent } = eventRecorder()
    for (let i = 0; i < SPAM_BURST; i++) record({ message: `m${i % 5}` })
    expect(record({ reason: 'Killing', message: 'Stopping container web' })).toBeUndefined()
    at(1_000 + 300_000)
    const patch = record({ reason: 'Killing', message: 'Stopping container web' })
    expect(patch).toMatchObject({ method: 'PATCH', count: 2 })
    if (patch === undefined) return
    answer(patch, 404)
    expect(sent[sent.length - 1]).toMatchObject({
      method: 'POST',
      count: 2,
      name: patch.name,
      message: 'Stopping container web',
    })
  })

  it('refills continuously, capped at the burst (x/time/rate Limiter arithmetic)', () => {
    expect(tryAccept(0, 0, 150_000)).toBeUndefined()
    expect(tryAccept(0.5, 0, 150_000)).toBeCloseTo(0.5 + 150 * SPAM_QPS - 1, 12)
    expect(tryAccept(SPAM_BURST - 1, 0, 1e9)).toBe(SPAM_BURST - 1)
  })
})

describe('the spam filter’s bound', () => {
  it('writes at most burst + elapsed × qps events per object and type, over any span', () => {
    const step = fc.record({
      gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400_000 })),
      pod: fc.integer({ min: 0, max: 2 }),
      warning: fc.boolean(),
      reason: fc.integer({ min: 0, max: 3 }),
      message: fc.integer({ min: 0, max: 14 }),
    })
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 400 }), (steps) => {
        const { record, at, sent } = eventRecorder()
        let now = 1_000
        const writes = new Map<string, number[]>()
        for (const s of steps) {
          now += s.gapMs
          at(now)
          const type = s.warning ? 'Warning' : 'Normal'
          const w = record({
            pod: `p${s.pod}`,
            type,
            reason: `r${s.reason}`,
            message: `m${s.message}`,
          })
          const key = `p${s.pod}/${type}`
          if (w) writes.set(key, [...(writes.get(key) ?? []), now])
        }
        expect(sent.length).toBeGreaterThan(0)
        for (const times of writes.values())
          for (let i = 0; i < times.length; i++)
            for (let j = i; j < times.length; j++) {
              const span = ((times[j] ?? 0) - (times[i] ?? 0)) / 1000
              expect(j - i + 1).toBeLessThanOrEqual(SPAM_BURST + span * SPAM_QPS + 1e-9)
            }
      }),
      { numRuns: 60 },
    )
  })
})
