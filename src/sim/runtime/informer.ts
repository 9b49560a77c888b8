import { objectKey, type KubeObject } from '../model/objects'
import type { FlowStep } from '../network/types'
import type { ActorContext, TimerBody } from './actor'
import { callApi, type ApiClientState, type PendingCall } from './api-client'
import type { HttpResponse, WatchEventMessage, WatchEventType } from './messages'

/**
 * client-go's list-then-watch informer, reduced to its contract: LIST a collection, remember its
 * resourceVersion, WATCH from there, keep a local cache, and relist when the watch expires (410).
 * Source: staging/src/k8s.io/client-go/tools/cache/reflector.go ListAndWatch (v1.32)
 */
export interface InformerState {
  name: string
  path: string
  fieldSelector?: string
  items: Map<string, KubeObject>
  resourceVersion: string
  synced: boolean
  watchRequestId?: number
}

export interface InformerChange {
  type: WatchEventType
  object: KubeObject
  old?: KubeObject
}

export function createInformer(name: string, path: string, fieldSelector?: string): InformerState {
  const informer: InformerState = {
    name,
    path,
    items: new Map(),
    resourceVersion: '',
    synced: false,
  }
  if (fieldSelector !== undefined) informer.fieldSelector = fieldSelector
  return informer
}

const selectorQuery = (informer: InformerState): Record<string, string> =>
  informer.fieldSelector !== undefined ? { fieldSelector: informer.fieldSelector } : {}

export function startInformer(
  ctx: ActorContext,
  client: ApiClientState,
  informer: InformerState,
): void {
  informer.synced = false
  delete informer.watchRequestId
  callApi(
    ctx,
    client,
    {
      method: 'GET',
      path: informer.path,
      query: { ...selectorQuery(informer), limit: '500', resourceVersion: '0' },
    },
    { purpose: 'informer-list', data: informer.name },
  )
}

/**
 * Applies a LIST response: replaces the cache and starts the watch. Returns the changes a
 * handler should see (objects that appeared, changed or vanished since the last list).
 */
export function onInformerList(
  ctx: ActorContext,
  client: ApiClientState,
  informer: InformerState,
  response: HttpResponse,
  watchStep?: FlowStep,
): InformerChange[] {
  if (response.code !== 200) {
    ctx.setTimer(1000, { name: 'informer-relist', data: informer.name })
    return []
  }
  const list = response.body as { items?: KubeObject[]; metadata?: { resourceVersion?: string } }
  const previous = informer.items
  informer.items = new Map()
  const changes: InformerChange[] = []
  for (const item of list.items ?? []) {
    const key = objectKey(item)
    informer.items.set(key, item)
    const old = previous.get(key)
    if (!old) changes.push({ type: 'ADDED', object: item })
    else if (old.metadata?.resourceVersion !== item.metadata?.resourceVersion)
      changes.push({ type: 'MODIFIED', object: item, old })
  }
  for (const [key, old] of previous)
    if (!informer.items.has(key)) changes.push({ type: 'DELETED', object: old })
  informer.resourceVersion = list.metadata?.resourceVersion ?? ''
  informer.synced = true
  informer.watchRequestId = callApi(
    ctx,
    client,
    {
      method: 'GET',
      path: informer.path,
      query: {
        ...selectorQuery(informer),
        watch: '1',
        resourceVersion: informer.resourceVersion,
        allowWatchBookmarks: 'true',
      },
      step: watchStep,
    },
    { purpose: 'informer-watch', data: informer.name },
  )
  return changes
}

/** Applies one watch event to the cache; returns the change, or undefined for bookmarks/errors. */
export function onInformerEvent(
  ctx: ActorContext,
  client: ApiClientState,
  informer: InformerState,
  message: WatchEventMessage,
): InformerChange | undefined {
  const { type, object } = message.event
  if (type === 'ERROR') {
    // 410 Gone: "too old resource version"; relist from scratch, as the reflector does.
    startInformer(ctx, client, informer)
    return undefined
  }
  const item = object as KubeObject
  informer.resourceVersion = item.metadata?.resourceVersion ?? informer.resourceVersion
  if (type === 'BOOKMARK') return undefined
  const key = objectKey(item)
  const old = informer.items.get(key)
  if (type === 'DELETED') informer.items.delete(key)
  else informer.items.set(key, item)
  return old ? { type, object: item, old } : { type, object: item }
}

/** The informer a watch event belongs to, among an actor's informers. */
export function informerForWatch(
  informers: Record<string, InformerState>,
  requestId: number,
): InformerState | undefined {
  return Object.values(informers).find((i) => i.watchRequestId === requestId)
}

/** An actor that keeps informers: its API client and its informers by name. */
export interface InformerHost {
  client: ApiClientState
  informers: Record<string, InformerState>
}

/** Starts every informer of an actor (list, then watch). */
export function startInformers(ctx: ActorContext, host: InformerHost): void {
  for (const informer of Object.values(host.informers)) startInformer(ctx, host.client, informer)
}

/**
 * Handles a response if it answers one of the actor's informer LISTs; returns the informer and
 * the changes its handlers should see, or undefined for any other response.
 */
export function onInformerResponse(
  ctx: ActorContext,
  host: InformerHost,
  pending: PendingCall,
  response: HttpResponse,
): { informer: string; changes: InformerChange[] } | undefined {
  if (pending.purpose === 'informer-watch') return onWatchEnded(ctx, host, pending, response)
  if (pending.purpose !== 'informer-list') return undefined
  const informer = host.informers[String(pending.data)]
  if (!informer) return undefined
  return { informer: informer.name, changes: onInformerList(ctx, host.client, informer, response) }
}

// The reflector's back-off before ListAndWatch runs again after a watch ended with an error:
// NewExponentialBackoffManager(800ms, 30s, ...) in client-go/tools/cache/reflector.go (v1.32).
// NB: its first step only, without jitter (the sim's informers relist at once otherwise).
const REWATCH_BACKOFF_MS = 800

/**
 * A watch answered with a response instead of events: its connection failed (the API server
 * exited) or it was refused. The reflector lists and watches again after its back-off.
 */
function onWatchEnded(
  ctx: ActorContext,
  host: InformerHost,
  pending: PendingCall,
  response: HttpResponse,
): { informer: string; changes: InformerChange[] } | undefined {
  const informer = host.informers[String(pending.data)]
  if (informer?.watchRequestId !== response.requestId) return undefined
  delete informer.watchRequestId
  ctx.setTimer(REWATCH_BACKOFF_MS, { name: 'informer-relist', data: informer.name })
  return { informer: informer.name, changes: [] }
}

/** Applies a watch event to the informer it belongs to; returns the change, if any. */
export function onInformerWatch(
  ctx: ActorContext,
  host: InformerHost,
  message: WatchEventMessage,
): { informer: string; change: InformerChange } | undefined {
  const informer = informerForWatch(host.informers, message.requestId)
  const change = informer ? onInformerEvent(ctx, host.client, informer, message) : undefined
  return informer && change ? { informer: informer.name, change } : undefined
}

/** Handles an informer's relist timer (after a failed LIST); returns whether it was one. */
export function onInformerTimer(ctx: ActorContext, host: InformerHost, timer: TimerBody): boolean {
  if (timer.name !== 'informer-relist') return false
  const informer = host.informers[String(timer.data)]
  if (informer) startInformer(ctx, host.client, informer)
  return true
}
