/**
 * client-go's EventCorrelator (one per record.EventBroadcaster's StartRecordingToSink: the
 * kubelet has one, each kube-controller-manager controller its own). EventCorrelate applies, in
 * this order (events_cache.go, v0.32.4):
 * 1. the EventAggregator (event-aggregator.ts): the 10th different message alike events carry
 *    within 10 minutes becomes "(combined from similar events): …", counted under one key;
 * 2. the eventLogger: the first occurrence of a key is POSTed, each later one PATCHes
 *    {count, lastTimestamp, message} of that Event (`BackOff … (x12 over 4m)` in describe);
 * 3. the EventSourceObjectSpamFilter (event-spam-filter.ts): 25 events per source, object and
 *    type, then one every 5 minutes; the rest are skipped, though step 2 counted them, so the
 *    next write's count jumps.
 * recordToSink then PATCHes when the count is above 1, and POSTs the whole Event when that PATCH
 * answers 404 (the Event expired, or its first occurrence was skipped): event.go recordEvent.
 * Sources: staging/src/k8s.io/client-go/tools/record/events_cache.go and event.go (v0.32.4).
 * NB: UpdateState (the cache entry rewritten from the server's answer) is not modelled: its
 * count and name are those the cache already holds; only the LRU's order would differ.
 * NB: a write that fails on the transport is not retried (recordToSink tries 12 times, 10 s apart).
 */
import { simTimeToRfc3339, SIM_EPOCH_UNIX_MS } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from './actor'
import { callApi, type ApiClientState, type PendingCall } from './api-client'
import {
  addEntry,
  createEventCorrelator,
  AGGREGATE_EVENT_KEY,
  AGGREGATE_KEY,
  EVENT_KEY,
  groupOf,
  slotOf,
  SPAM_KEY,
  touch,
  type EventCorrelatorState,
} from './event-cache'
import { AGGREGATE_MESSAGE_PREFIX, aggregates } from './event-aggregator'
import { spamFiltered } from './event-spam-filter'
import type { EventSource } from './events-recorder'

export { cachedEventCount, createEventCorrelator, type EventCorrelatorState } from './event-cache'

/** record/event.go makeEvent: `<object name>.<unix nanoseconds in hex>` (the sim's nanoseconds are the request number). */
function eventName(involvedName: string, firstMs: number, seq: number): string {
  const nanos = BigInt(SIM_EPOCH_UNIX_MS + firstMs) * 1_000_000n + BigInt(seq)
  return `${involvedName}.${nanos.toString(16)}`
}

// An eventLogger entry's values (eventLog): the count, the Event's firstTimestamp as virtual ms,
// and the client's request number when the Event was made (its name's sub-millisecond part:
// with the object's name and firstMs it gives the Event's name back).
const COUNT = 2
const FIRST_MS = 3
const SEQ = 4

export interface CorrelatedEvent {
  involved: KubeObject
  /** e.g. "spec.containers{web}" for container events. */
  fieldPath?: string
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  source: EventSource
}

/**
 * The keys' parts besides the involved object's uid and name (which pick the group), each
 * field apart (\0 between them). getSpamKey: source component and host, the object's kind,
 * namespace and apiVersion, and the type. EventAggregatorByReasonFunc adds the reason and the
 * reporting controller and instance (makeEvent sets them to the source's component and host).
 * getEventKey has the field path, type, reason and message.
 * NB: upstream joins with "", so in theory fields whose boundaries shift give one key.
 */
function objectFields(e: CorrelatedEvent): string {
  const meta = e.involved.metadata
  return [
    e.source.component,
    e.source.host ?? '',
    e.involved.kind ?? '',
    meta?.namespace ?? '',
    e.involved.apiVersion ?? '',
  ].join('\0')
}

function eventKeyTail(e: CorrelatedEvent): string {
  return [EVENT_KEY, objectFields(e), e.fieldPath ?? '', e.type, e.reason, e.message].join('\0')
}

/** The Event object POSTed (makeEvent; for an aggregate, EventAggregate's copy). */
function eventObject(
  e: CorrelatedEvent,
  name: string,
  first: string,
  now: string,
  count: number,
  aggregate: boolean,
): Record<string, unknown> {
  const meta = e.involved.metadata
  const namespace = meta?.namespace ?? 'default'
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: {
      kind: e.involved.kind,
      // A cluster-scoped object (a Node) has none; its events live in "default".
      ...(meta?.namespace !== undefined ? { namespace } : {}),
      name: meta?.name ?? '',
      uid: meta?.uid,
      apiVersion: e.involved.apiVersion,
      resourceVersion: meta?.resourceVersion,
      ...(e.fieldPath !== undefined ? { fieldPath: e.fieldPath } : {}),
    },
    reason: e.reason,
    message: aggregate ? AGGREGATE_MESSAGE_PREFIX + e.message : e.message,
    source: e.source,
    firstTimestamp: first,
    lastTimestamp: now,
    count,
    type: e.type,
    // EventAggregate's copy sets neither: they are sent empty (no omitempty on them).
    reportingComponent: aggregate ? '' : e.source.component,
    reportingInstance: aggregate ? '' : (e.source.host ?? ''),
  }
}

/** Records an event through the correlator: a new Event, count + 1 on an existing one, or nothing. */
export function recordCorrelatedEvent(
  ctx: ActorContext,
  client: ApiClientState,
  state: EventCorrelatorState,
  e: CorrelatedEvent,
): void {
  const meta = e.involved.metadata
  const namespace = meta?.namespace ?? 'default'
  const name = meta?.name ?? ''
  const uid = meta?.uid ?? ''
  const about = { kind: e.involved.kind ?? '', name, namespace }
  ctx.emit({
    type: 'KubeEventRecorded',
    reason: e.reason,
    eventType: e.type,
    about,
    message: e.message,
    source: e.source.component,
  })
  const fields = objectFields(e)
  const aggregateFields = `${fields}\0${e.type}\0${e.reason}\0${e.source.component}\0${e.source.host ?? ''}`
  // 1. EventAggregate: the event as it is under its full key, or the aggregate under its key.
  const aggregate = aggregates(
    state,
    uid,
    name,
    `${AGGREGATE_KEY}\0${aggregateFields}`,
    e.message,
    ctx.nowMs,
  )
  const tail = aggregate ? `${AGGREGATE_EVENT_KEY}\0${aggregateFields}` : eventKeyTail(e)
  // 2. eventObserve: count + 1 on a hit (the most recently used now), else a new entry.
  const group = groupOf(state, uid, name)
  const slot = slotOf(group, tail)
  let count = 1
  let firstMs = ctx.nowMs
  let seq = client.nextRequestId
  if (group !== undefined && slot >= 0) {
    count = (group[slot + COUNT] as number) + 1
    group[slot + COUNT] = count
    touch(state, group, slot)
    firstMs = group[slot + FIRST_MS] as number
    seq = group[slot + SEQ] as number
  } else addEntry(state, uid, name, tail, 1, ctx.nowMs, seq)
  // 3. The spam filter, on the event as observed (its key has no reason nor message).
  if (spamFiltered(state, uid, name, `${SPAM_KEY}\0${fields}\0${e.type}`, ctx.nowMs)) {
    // A skipped first occurrence still named its Event: the next one's name must differ.
    if (count === 1) client.nextRequestId++
    return
  }
  const now = simTimeToRfc3339(ctx.nowMs)
  const eventNamed = eventName(name, firstMs, seq)
  const reason = e.reason
  if (count === 1) {
    callApi(
      ctx,
      client,
      {
        method: 'POST',
        path: `/api/v1/namespaces/${namespace}/events`,
        body: eventObject(e, eventNamed, now, now, 1, aggregate),
        label: `POST event ${reason}`,
        about,
      },
      { purpose: 'event' },
    )
    return
  }
  // The whole Event goes with the PATCH as its continuation: what a 404 makes it POST instead.
  const whole = eventObject(e, eventNamed, simTimeToRfc3339(firstMs), now, count, aggregate)
  callApi(
    ctx,
    client,
    {
      method: 'PATCH',
      path: `/api/v1/namespaces/${namespace}/events/${eventNamed}`,
      body: { count, lastTimestamp: now, message: whole['message'] },
      contentType: 'application/strategic-merge-patch+json',
      label: `PATCH event ${reason} (x${count})`,
      about,
    },
    { purpose: 'event', data: whole },
  )
}

/**
 * An answer to an event write: a PATCH answered 404 POSTs the whole Event instead (recordEvent:
 * "Update can fail because the event may have been removed"). True when the call was an event's.
 */
export function onEventResponse(
  ctx: ActorContext,
  client: ApiClientState,
  pending: PendingCall,
  code: number,
): boolean {
  if (pending.purpose !== 'event') return false
  const whole = pending.data as Record<string, unknown> | undefined
  if (code !== 404 || whole === undefined) return true
  const metadata = whole['metadata'] as { namespace: string }
  const involved = whole['involvedObject'] as { kind: string; name: string }
  callApi(
    ctx,
    client,
    {
      method: 'POST',
      path: `/api/v1/namespaces/${metadata.namespace}/events`,
      body: whole,
      label: `POST event ${String(whole['reason'])} (x${String(whole['count'])})`,
      about: { kind: involved.kind, name: involved.name, namespace: metadata.namespace },
    },
    { purpose: 'event' },
  )
  return true
}

/** What owns a record.EventBroadcaster: a controller's state, its correlator made on first use. */
export interface EventBroadcasterOwner {
  /** The correlator of the broadcaster's StartRecordingToSink (lost with the process). */
  recorder?: EventCorrelatorState
}

/**
 * record.EventRecorder.Event of a controller whose broadcaster records to the API server
 * (NewBroadcaster + StartRecordingToSink in its constructor and Run, one per controller in
 * kube-controller-manager v1.32), so through that broadcaster's correlator.
 */
export function recordBroadcastEvent(
  ctx: ActorContext,
  client: ApiClientState,
  owner: EventBroadcasterOwner,
  involved: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  source: EventSource,
): void {
  owner.recorder ??= createEventCorrelator()
  recordCorrelatedEvent(ctx, client, owner.recorder, { involved, type, reason, message, source })
}
