import type { FlowStep } from '../network/types'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { HttpRequest, WatchEventType } from '../runtime/messages'
import { prefixRangeEnd } from '../etcd/mvcc'
import { callEtcd } from './etcd-client'
import { aboutObject, replyError } from './respond'
import { allResources, etcdKey, etcdPrefix, type ResourceInfo } from './resources'
import type { ApiServerState, IncomingRequest } from './state'
import { gone, internalError } from './status'
import { transformError } from './encryption/storage'
import {
  addWatcher,
  deliveryFor,
  eventsAfter,
  listObjects,
  watcherMatches,
  type Watcher,
} from './watch-cache'
import { asTable, wantsTable } from './table'
import { listBody, matchesQuery, parseFieldTerms, sendList } from './list-body'
import { hasSelector, listLimit, listSource } from './list-source'
import { replyReinitializing } from './cache-relist'
import { readListPage } from './list-pages'
import { requestRef } from './request-ref'
import { isCachedResource } from './uncached'
import { startStorageWatch } from './storage-watch'

/** GET of one object: a quorum read from etcd, as an empty resourceVersion asks for. */
export function handleGet(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
): void {
  const { path, step } = incoming
  const name = path.name ?? ''
  const ref = requestRef(incoming, name)
  callEtcd(
    ctx,
    state,
    { op: 'range', key: etcdKey(path.info, path.namespace, name) },
    { kind: 'get', ref },
    { label: `Range ${etcdKey(path.info, path.namespace, name)}`, step },
  )
}

/** The spec.nodeName (node index) or metadata.name a watch is restricted to. */
function parseFieldSelector(selector: string | undefined): { nodeName?: string; name?: string } {
  const terms = parseFieldTerms(selector).filter((t) => !t.negate)
  const node = terms.find((t) => t.path.join('.') === 'spec.nodeName')
  const name = terms.find((t) => t.path.join('.') === 'metadata.name')
  return {
    ...(node ? { nodeName: node.value } : {}),
    ...(name ? { name: name.value } : {}),
  }
}

/** Serves a LIST from the watch cache (resourceVersion=0, or a consistent read caught up). */
export function serveList(
  ctx: ActorContext,
  state: ApiServerState,
  from: string,
  request: HttpRequest,
  info: ResourceInfo,
  namespace: string | undefined,
  step?: FlowStep,
): void {
  const prefix = etcdPrefix(info, namespace)
  const broken = Object.keys(state.undecodable).find((key) => key.startsWith(prefix))
  if (broken !== undefined) {
    const error = internalError(transformError(broken, state.undecodable[broken] ?? ''))
    return replyError(ctx, from, request.requestId, error, { step })
  }
  const items = listObjects(state.cache, prefix).filter((o) => matchesQuery(o, request))
  const listMeta = { resourceVersion: String(state.cache.revision) }
  const body = listBody(info, items, listMeta, request, ctx.nowMs)
  sendList(ctx, state, { from, request, step }, body, items.length, 'watch cache', false)
}

/**
 * LIST, from where list-source.ts says: resourceVersion=0 from the cache as it is; a page
 * (limit or continue) from etcd; otherwise a consistent read: the server reads etcd's current
 * revision, waits for the cache to reach it, then serves from the cache (ConsistentListFromCache,
 * beta and on in v1.32).
 */
export function handleList(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
): void {
  const { from, request, path, step } = incoming
  // No cacher (uncached.ts): the etcd3 store's GetList serves every LIST, whatever its query.
  if (!isCachedResource(path.info))
    return readListPage(ctx, state, incoming, etcdPrefix(path.info, path.namespace))
  const source = listSource(request)
  if (source !== 'etcd' && state.cacheReinitializing === true) {
    // shouldDelegateListOnNotReadyCache (cacher.go, v1.32): a list without selectors and with a
    // limit goes to etcd while the cache is not ready; any other gets the 429.
    if (listLimit(request) === 0 || hasSelector(request))
      return replyReinitializing(ctx, from, request.requestId, step)
    return readListPage(ctx, state, incoming, etcdPrefix(path.info, path.namespace))
  }
  if (source === 'cache') {
    // resourceVersion=N is "not older than N": the cache waits until it has seen N
    // (waitUntilFreshAndBlock, watch_cache.go, v1.32), as an informer's relist at its last one needs.
    const atLeast = Number(request.query['resourceVersion'] ?? '0')
    if (atLeast > state.cache.revision) {
      state.waitingLists.push({
        from,
        request,
        revision: atLeast,
        ...(step !== undefined ? { step } : {}),
      })
      return
    }
    serveList(ctx, state, from, request, path.info, path.namespace, step)
    return
  }
  const prefix = etcdPrefix(path.info, path.namespace)
  if (source === 'etcd') return readListPage(ctx, state, incoming, prefix)
  callEtcd(
    ctx,
    state,
    { op: 'range', key: prefix, rangeEnd: prefixRangeEnd(prefix), countOnly: true },
    { kind: 'list-revision', from, request, ...(step !== undefined ? { step } : {}) },
    { label: `Range ${prefix} (count only)`, step },
  )
}

/**
 * WATCH: registers a watcher on the shared log and replays what it missed since its
 * resourceVersion; a watch of an uncached resource gets an etcd watch of its own instead.
 */
export function handleWatch(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
): void {
  const { from, request, path } = incoming
  const cached = isCachedResource(path.info)
  if (cached && state.cacheReinitializing === true)
    return replyReinitializing(ctx, from, request.requestId, incoming.step)
  const requested = Number(request.query['resourceVersion'] ?? '0')
  const { nodeName, name } = parseFieldSelector(request.query['fieldSelector'])
  const watcher: Watcher = {
    id: `${from}#${request.requestId}`,
    client: from,
    requestId: request.requestId,
    resource: path.info.resource,
    cursor: state.cache.revision,
  }
  if (path.namespace !== undefined) watcher.namespace = path.namespace
  if (request.forwardedFor !== undefined) watcher.origin = request.forwardedFor
  if (nodeName !== undefined) watcher.nodeName = nodeName
  if (name !== undefined) watcher.name = name
  if (wantsTable(request.accept)) watcher.table = { headersSent: false }
  const prefix = etcdPrefix(path.info, path.namespace)
  if (!cached) return startStorageWatch(ctx, state, watcher, prefix, requested > 0 ? requested : 0)
  if (!(requested > 0)) {
    for (const object of listObjects(state.cache, prefix)) {
      if (watcherMatches(watcher, object)) sendWatchEvent(ctx, watcher, 'ADDED', object)
    }
  } else {
    const missed = eventsAfter(state.cache, requested)
    if (missed === 'expired') {
      const error = gone(`too old resource version: ${requested} (${state.cache.oldestRevision})`)
      ctx.send(
        from,
        {
          type: 'watch-event',
          requestId: request.requestId,
          event: { type: 'ERROR', object: error.status },
        },
        { label: 'watch ERROR 410 Gone' },
      )
      return
    }
    watcher.cursor = requested
    for (const event of missed) {
      const delivery = deliveryFor(watcher, event)
      if (delivery) sendWatchEvent(ctx, watcher, delivery.type, delivery.object)
    }
  }
  addWatcher(state.cache, watcher)
}

/** Which flow step a watch notification is, from who receives it and what it carries. */
export function watchStep(
  watcher: Watcher,
  type: string,
  object: KubeObject,
): FlowStep | undefined {
  if (watcher.resource !== 'pods') return undefined
  const nodeName = (object['spec'] as { nodeName?: string } | undefined)?.nodeName
  const client = watcher.origin ?? watcher.client
  if (client.startsWith('kube-scheduler') && !nodeName && type === 'ADDED') return 3
  if (client.startsWith('kubelet/') && type === 'ADDED') return 4
  return undefined
}

/**
 * A watch event's object as the client asked for it: a one-row Table for kubectl get -w, with
 * the column definitions only in the first event (watchEmbeddedEncoder sets NoHeaders after it,
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go, v1.32).
 */
function encodedFor(watcher: Watcher, object: KubeObject, nowMs: number): unknown {
  if (!watcher.table) return object
  const info = allResources().find((r) => r.resource === watcher.resource)
  if (!info) return object
  const table = asTable(info, [object], object.metadata?.resourceVersion ?? '', nowMs)
  if (!watcher.table.headersSent) {
    watcher.table.headersSent = true
    return table
  }
  return { ...table, columnDefinitions: [] }
}

export function sendWatchEvent(
  ctx: ActorContext,
  watcher: Watcher,
  type: WatchEventType,
  object: KubeObject,
): void {
  const encoded = encodedFor(watcher, object, ctx.nowMs)
  ctx.send(
    watcher.client,
    { type: 'watch-event', requestId: watcher.requestId, event: { type, object: encoded } },
    {
      label: `watch ${type} ${object.kind ?? ''} ${object.metadata?.name ?? ''}`,
      step: watchStep(watcher, type, object),
      about: aboutObject(object),
    },
  )
}

export { replyError }
