/**
 * client-go's EventCorrelator, the part that turns a repeated event into one Event whose count
 * grows: the first occurrence is POSTed, each identical one (same source, object, field path,
 * type, reason and message) PATCHes {count, lastTimestamp, message}. That is why `kubectl
 * describe pod` shows `BackOff … (x12 over 4m)`. The cache is an LRU of 4096 keys per recorder.
 * Source: staging/src/k8s.io/client-go/tools/record/events_cache.go (eventLogger, getEventKey),
 * event.go recordToSink (v0.32.4).
 * NB: the spam filter (a token bucket per object) and the similar-event aggregator
 * ("(combined from similar events)") are not modelled.
 */
import { simTimeToRfc3339, SIM_EPOCH_UNIX_MS } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from './actor'
import { callApi, type ApiClientState } from './api-client'
import type { EventSource } from './events-recorder'

/**
 * eventLog (events_cache.go): what the recorder remembers of an Event it created. Its name is
 * kept as the two numbers it was made of (eventName): a hit has the same involved object (its
 * name and namespace are in the key), so the name comes back the same, and an entry holds no
 * string of its own.
 */
interface CachedEvent {
  count: number
  /** The Event's firstTimestamp, as virtual ms (a number in the object, not a string per entry). */
  firstMs: number
  /** The client's request number when the Event was made: the name's sub-millisecond part. */
  seq: number
}

/** record/event.go makeEvent: `<object name>.<unix nanoseconds in hex>` (the sim's nanoseconds are the request number). */
function eventName(involvedName: string, firstMs: number, seq: number): string {
  const nanos = BigInt(SIM_EPOCH_UNIX_MS + firstMs) * 1_000_000n + BigInt(seq)
  return `${involvedName}.${nanos.toString(16)}`
}

export interface EventCorrelatorState {
  /**
   * The LRU (golang/groupcache lru.Cache in upstream) as one Map in least-recently-used order:
   * a hit is deleted and set again (to the end), the oldest key is the first. One entry per
   * event key, no second list of keys to scan on every event.
   */
  entries: Map<string, CachedEvent>
}

// maxLruCacheEntries = 4096: events_cache.go (v0.32.4); NewEventCorrelator sizes the eventLogger
// (and the aggregator and spam filter, not modelled here) with it.
const MAX_ENTRIES = 4096

export function createEventCorrelator(): EventCorrelatorState {
  return { entries: new Map() }
}

/** The cached event of `key` (undefined: a miss), now the most recently used. */
function lookup(state: EventCorrelatorState, key: string): CachedEvent | undefined {
  const cached = state.entries.get(key)
  if (cached === undefined) return undefined
  state.entries.delete(key)
  state.entries.set(key, cached)
  return cached
}

/** Adds a key as the most recently used, evicting the least recently used past the limit. */
function remember(state: EventCorrelatorState, key: string, event: CachedEvent): void {
  state.entries.set(key, event)
  if (state.entries.size <= MAX_ENTRIES) return
  const oldest = state.entries.keys().next()
  if (oldest.done !== true) state.entries.delete(oldest.value)
}

export interface CorrelatedEvent {
  involved: KubeObject
  /** e.g. "spec.containers{web}" for container events. */
  fieldPath?: string
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  source: EventSource
}

/** getEventKey: what makes two events "the same" (events_cache.go, v0.32.4). */
function eventKey(e: CorrelatedEvent): string {
  const meta = e.involved.metadata
  return [
    e.source.component,
    e.source.host ?? '',
    e.involved.kind ?? '',
    meta?.namespace ?? 'default',
    meta?.name ?? '',
    e.fieldPath ?? '',
    meta?.uid ?? '',
    e.involved.apiVersion ?? '',
    e.type,
    e.reason,
    e.message,
  ].join('')
}

/** The Event object the recorder POSTs the first time (record/event.go makeEvent). */
function newEvent(e: CorrelatedEvent, eventName: string, now: string): Record<string, unknown> {
  const meta = e.involved.metadata
  const namespace = meta?.namespace ?? 'default'
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: eventName, namespace },
    involvedObject: {
      kind: e.involved.kind,
      namespace,
      name: meta?.name ?? '',
      uid: meta?.uid,
      apiVersion: e.involved.apiVersion,
      resourceVersion: meta?.resourceVersion,
      ...(e.fieldPath !== undefined ? { fieldPath: e.fieldPath } : {}),
    },
    reason: e.reason,
    message: e.message,
    source: e.source,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type: e.type,
    reportingComponent: e.source.component,
    reportingInstance: e.source.host ?? '',
  }
}

/** Records an event: a new Event object, or count + 1 on the existing identical one. */
export function recordCorrelatedEvent(
  ctx: ActorContext,
  client: ApiClientState,
  state: EventCorrelatorState,
  e: CorrelatedEvent,
): void {
  const namespace = e.involved.metadata?.namespace ?? 'default'
  const name = e.involved.metadata?.name ?? ''
  const key = eventKey(e)
  const now = simTimeToRfc3339(ctx.nowMs)
  const about = { kind: e.involved.kind ?? '', name, namespace }
  ctx.emit({
    type: 'KubeEventRecorded',
    reason: e.reason,
    eventType: e.type,
    about,
    message: e.message,
    source: e.source.component,
  })
  const cached = lookup(state, key)
  if (cached) {
    cached.count++
    callApi(
      ctx,
      client,
      {
        method: 'PATCH',
        path: `/api/v1/namespaces/${namespace}/events/${eventName(name, cached.firstMs, cached.seq)}`,
        body: { count: cached.count, lastTimestamp: now, message: e.message },
        contentType: 'application/strategic-merge-patch+json',
        label: `PATCH event ${e.reason} (x${cached.count})`,
        about,
      },
      { purpose: 'event' },
    )
    return
  }
  const seq = client.nextRequestId
  remember(state, key, { count: 1, firstMs: ctx.nowMs, seq })
  callApi(
    ctx,
    client,
    {
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/events`,
      body: newEvent(e, eventName(name, ctx.nowMs, seq), now),
      label: `POST event ${e.reason}`,
      about,
    },
    { purpose: 'event' },
  )
}
