/**
 * client-go's EventCorrelator, the part that turns a repeated event into one Event whose count
 * grows: the first occurrence is POSTed, each identical one (same source, object, field path,
 * type, reason and message) PATCHes {count, lastTimestamp, message}. That is why `kubectl
 * describe pod` shows `BackOff … (x12 over 4m)`. The cache is an LRU of 4096 keys.
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

interface CachedEvent {
  name: string
  namespace: string
  count: number
  firstTimestamp: string
}

export interface EventCorrelatorState {
  entries: Record<string, CachedEvent>
  /** Keys in least-recently-used order. */
  order: string[]
}

// maxLruCacheEntries = 4096: events_cache.go (v0.32.4)
const MAX_ENTRIES = 4096

export function createEventCorrelator(): EventCorrelatorState {
  return { entries: {}, order: [] }
}

function touch(state: EventCorrelatorState, key: string): void {
  const index = state.order.indexOf(key)
  if (index >= 0) state.order.splice(index, 1)
  state.order.push(key)
  while (state.order.length > MAX_ENTRIES) {
    const evicted = state.order.shift()
    if (evicted !== undefined) delete state.entries[evicted]
  }
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
  const cached = state.entries[key]
  touch(state, key)
  if (cached) {
    cached.count++
    callApi(
      ctx,
      client,
      {
        method: 'PATCH',
        path: `/api/v1/namespaces/${cached.namespace}/events/${cached.name}`,
        body: { count: cached.count, lastTimestamp: now, message: e.message },
        contentType: 'application/strategic-merge-patch+json',
        label: `PATCH event ${e.reason} (x${cached.count})`,
        about,
      },
      { purpose: 'event' },
    )
    return
  }
  const nanos = BigInt(SIM_EPOCH_UNIX_MS + ctx.nowMs) * 1_000_000n + BigInt(client.nextRequestId)
  const eventName = `${name}.${nanos.toString(16)}`
  state.entries[key] = { name: eventName, namespace, count: 1, firstTimestamp: now }
  callApi(
    ctx,
    client,
    {
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/events`,
      body: newEvent(e, eventName, now),
      label: `POST event ${e.reason}`,
      about,
    },
    { purpose: 'event' },
  )
}
