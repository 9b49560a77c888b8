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
import { boundedIntern } from '../core/bounded-intern'
import { simTimeToRfc3339, SIM_EPOCH_UNIX_MS } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from './actor'
import { callApi, type ApiClientState } from './api-client'
import type { EventSource } from './events-recorder'

/** record/event.go makeEvent: `<object name>.<unix nanoseconds in hex>` (the sim's nanoseconds are the request number). */
function eventName(involvedName: string, firstMs: number, seq: number): string {
  const nanos = BigInt(SIM_EPOCH_UNIX_MS + firstMs) * 1_000_000n + BigInt(seq)
  return `${involvedName}.${nanos.toString(16)}`
}

/**
 * One involved object's cached events: its name, then five slots per event (eventLog,
 * events_cache.go): the key's other parts (`tail`), the count, the Event's firstTimestamp as
 * virtual ms, the client's request number when the Event was made (its name's sub-millisecond
 * part: with the object's name and firstMs it gives the Event's name back), and when it was last
 * used (the LRU's order). A flat array: no object and no key string per event.
 */
type EventGroup = (string | number)[]
const TAIL = 0
const COUNT = 1
const FIRST_MS = 2
const SEQ = 3
const USED = 4
const SLOTS = 5

export interface EventCorrelatorState {
  /**
   * The LRU (golang/groupcache lru.Cache upstream), grouped by the involved object's uid: a
   * Pod's events share one entry whose key is the uid string the Pod holds anyway. A second
   * object with the same uid and another name (never, for objects the API server made) is kept
   * under `uid \0 name`.
   */
  byObject: Map<string, EventGroup>
  /** Events cached, all groups together. Invariant: at most MAX_ENTRIES. */
  size: number
  /** Bumped on every use: an event's USED slot, so the least recently used is the smallest. */
  clock: number
}

// maxLruCacheEntries = 4096: events_cache.go (v0.32.4); NewEventCorrelator sizes the eventLogger
// (and the aggregator and spam filter, not modelled here) with it.
const MAX_ENTRIES = 4096

export function createEventCorrelator(): EventCorrelatorState {
  return { byObject: new Map(), size: 0, clock: 0 }
}

/** How many events the cache remembers (at most 4096). */
export const cachedEventCount = (state: EventCorrelatorState): number => state.size

const secondKey = (uid: string, name: string): string => `${uid}\0${name}`

/** The group of the object `uid`/`name`, if the cache holds one. */
function groupOf(state: EventCorrelatorState, uid: string, name: string): EventGroup | undefined {
  const group = state.byObject.get(uid)
  if (group?.[0] === name) return group
  return state.byObject.get(secondKey(uid, name))
}

/** The slot where `tail`'s event starts in `group`, or -1. */
function slotOf(group: EventGroup, tail: string): number {
  for (let i = 1; i < group.length; i += SLOTS) if (group[i + TAIL] === tail) return i
  return -1
}

// Tails seen lately, each kept once: every Pod of a Deployment records the same Created and
// Started events, so their entries share one string (entries compare by value).
const internedTail = boundedIntern<string>(MAX_ENTRIES)

/** Adds an event as the most recently used, evicting the least recently used past the limit. */
function remember(
  state: EventCorrelatorState,
  uid: string,
  name: string,
  tail: string,
  firstMs: number,
  seq: number,
): void {
  const group = groupOf(state, uid, name)
  // Where the group is, or where a new one goes (the uid's place if free).
  const atUid = group === undefined ? !state.byObject.has(uid) : group === state.byObject.get(uid)
  const key = atUid ? uid : secondKey(uid, name)
  // A new array of exactly the new length (concat), not push: a pushed array keeps half again
  // its length spare, and a Pod's group lives as long as the cache keeps its events. Replacing
  // a key's value keeps its place in the Map's order (the eviction scan's order).
  const added = [internedTail(tail, tail), 1, firstMs, seq, ++state.clock]
  state.byObject.set(key, (group ?? [name]).concat(added))
  if (++state.size > MAX_ENTRIES) evictOldest(state)
}

/** Drops the least recently used event (a scan: only once the cache holds 4096). */
function evictOldest(state: EventCorrelatorState): void {
  let oldestKey: string | undefined
  let oldestSlot = -1
  let oldestUse = Infinity
  for (const [key, group] of state.byObject)
    for (let i = 1; i < group.length; i += SLOTS) {
      const used = group[i + USED] as number
      if (used < oldestUse) [oldestKey, oldestSlot, oldestUse] = [key, i, used]
    }
  const group = oldestKey === undefined ? undefined : state.byObject.get(oldestKey)
  if (oldestKey === undefined || group === undefined) return
  group.splice(oldestSlot, SLOTS)
  if (group.length === 1) state.byObject.delete(oldestKey)
  state.size--
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

/**
 * getEventKey (events_cache.go, v0.32.4) joins source component and host, the involved object's
 * kind, namespace, name, field path, uid and apiVersion, the type, reason and message: what
 * makes two events "the same". Here the uid and name pick the group and the rest is the tail.
 * NB: upstream joins with "", so in theory fields whose boundaries shift give one key; here each
 * field compares on its own (\0 between them).
 */
function eventTail(e: CorrelatedEvent): string {
  const meta = e.involved.metadata
  return [
    e.source.component,
    e.source.host ?? '',
    e.involved.kind ?? '',
    meta?.namespace ?? 'default',
    e.fieldPath ?? '',
    e.involved.apiVersion ?? '',
    e.type,
    e.reason,
    e.message,
  ].join('\0')
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
  const uid = e.involved.metadata?.uid ?? ''
  const tail = eventTail(e)
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
  const group = groupOf(state, uid, name)
  const slot = group === undefined ? -1 : slotOf(group, tail)
  if (group !== undefined && slot >= 0) {
    // A hit is the most recently used now (lru.Cache Get, then Add again).
    const count = (group[slot + COUNT] as number) + 1
    group[slot + COUNT] = count
    group[slot + USED] = ++state.clock
    const firstMs = group[slot + FIRST_MS] as number
    callApi(
      ctx,
      client,
      {
        method: 'PATCH',
        path: `/api/v1/namespaces/${namespace}/events/${eventName(name, firstMs, group[slot + SEQ] as number)}`,
        body: { count, lastTimestamp: now, message: e.message },
        contentType: 'application/strategic-merge-patch+json',
        label: `PATCH event ${e.reason} (x${count})`,
        about,
      },
      { purpose: 'event' },
    )
    return
  }
  const seq = client.nextRequestId
  remember(state, uid, name, tail, ctx.nowMs, seq)
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
