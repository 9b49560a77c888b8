import { ERR_COMPACTED, prefixRangeEnd, type KeyValue } from '../etcd/mvcc'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { EtcdResult, HttpRequest } from '../runtime/messages'
import type { FlowStep } from '../network/types'
import { callEtcd } from './etcd-client'
import { decodeFromStorage, transformError } from './encryption/storage'
import { decodeContinue, encodeContinue, hasSelector, listLimit } from './list-source'
import { parsePath } from './path'
import { replyError } from './respond'
import { listBody, matchesQuery, sendList } from './list-body'
import type { ApiServerState, IncomingRequest } from './state'
import { badRequest, gone, internalError, storageError } from './status'

// The 410 for a continue token whose revision etcd has compacted, with a fresh token (rv -1)
// that continues inconsistently. Source: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go
// compactedContinue (v1.32).
export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'

/**
 * One page of a LIST read from etcd: a range from the continue token's key (or the prefix) at
 * the token's revision (or the current one), at most `limit` keys.
 * Source: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go GetList (v1.32). With a
 * selector the real store reads further pages until `limit` items match; here one range is read.
 */
export function readListPage(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
  keyPrefix: string,
): void {
  const { from, request, step } = incoming
  const token = request.query['continue'] ?? ''
  let key = keyPrefix
  let revision = 0
  if (token !== '') {
    const decoded = decodeContinue(token)
    if (!decoded) {
      const error = badRequest('invalid continue token: continue key is not valid')
      return replyError(ctx, from, request.requestId, error, { step })
    }
    key = keyPrefix + decoded.start
    revision = decoded.rv > 0 ? decoded.rv : 0
  }
  const limit = listLimit(request)
  callEtcd(
    ctx,
    state,
    {
      op: 'range',
      key,
      rangeEnd: prefixRangeEnd(keyPrefix),
      ...(limit > 0 ? { limit } : {}),
      ...(revision > 0 ? { revision } : {}),
    },
    { kind: 'list-page', from, request, keyPrefix, ...(step !== undefined ? { step } : {}) },
    { label: `Range ${key}${limit > 0 ? ` limit ${String(limit)}` : ''}`, step },
  )
}

/** The etcd answer to a page: the items, a continue token and remainingItemCount, or a 410. */
export function onListPage(
  ctx: ActorContext,
  state: ApiServerState,
  page: { from: string; request: HttpRequest; keyPrefix: string; step?: FlowStep },
  result: EtcdResult,
): void {
  const { from, request, keyPrefix, step } = page
  const parsed = parsePath(request.path)
  if (!parsed.ok) return
  if (!result.ok) {
    if (result.error !== ERR_COMPACTED)
      return replyError(ctx, from, request.requestId, storageError(result.error), { step })
    const token = decodeContinue(request.query['continue'] ?? '')
    const error = gone(CONTINUE_EXPIRED_MESSAGE)
    const status = {
      ...error.status,
      metadata: { continue: encodeContinue(keyPrefix + (token?.start ?? ''), keyPrefix, -1) },
    }
    return replyError(ctx, from, request.requestId, { ...error, status }, { step })
  }
  if (!('kvs' in result)) return
  const token = decodeContinue(request.query['continue'] ?? '')
  const rv = token && token.rv > 0 ? token.rv : result.revision
  const items: KubeObject[] = []
  for (const kv of result.kvs) {
    const read = decodeFromStorage(kv, state.encryption)
    // A value this server cannot decrypt fails the whole list, as the etcd3 store's GetList does.
    if (!read.ok) {
      const error = internalError(transformError(kv.key, read.error))
      return replyError(ctx, from, request.requestId, error, { step })
    }
    if (matchesQuery(read.object, request)) items.push(read.object)
  }
  const last: KeyValue | undefined = result.kvs[result.kvs.length - 1]
  const more = result.more === true && last !== undefined
  const listMeta = {
    resourceVersion: String(rv),
    ...(more ? { continue: encodeContinue(`${last.key}\u0000`, keyPrefix, rv) } : {}),
    ...(more && !hasSelector(request)
      ? { remainingItemCount: result.count - listLimit(request) }
      : {}),
  }
  const body = listBody(parsed.path.info, items, listMeta, request, ctx.nowMs)
  sendList(ctx, state, { from, request, step }, body, items.length, 'etcd', more)
}

/** Routes an etcd answer to a LIST page; false when the answer is for something else. */
export function maybeListPageResponse(
  ctx: ActorContext,
  state: ApiServerState,
  requestId: number,
  result: EtcdResult,
): boolean {
  const continuation = state.pendingEtcd[requestId]
  if (continuation?.kind !== 'list-page') return false
  delete state.pendingEtcd[requestId]
  delete state.etcdInFlight[requestId]
  onListPage(ctx, state, continuation, result)
  return true
}

/**
 * The etcd meters for one answer: a range's keys and values read, and, for the range that
 * fills the watch cache at start, the cache's size.
 */
export function meterEtcdResponse(state: ApiServerState, requestId: number, result: EtcdResult) {
  if (!result.ok || !('kvs' in result)) return
  let bytes = 0
  for (const kv of result.kvs) bytes += kv.key.length + kv.value.length
  state.meters.etcdRangeBytes += bytes
  state.meters.etcdRanges++
  if (state.pendingEtcd[requestId]?.kind === 'init-list') {
    let values = 0
    for (const kv of result.kvs) values += kv.value.length
    state.meters.watchCacheBytes = values
  }
}
