import { ERR_COMPACTED, type KeyValue } from '../etcd/mvcc'
import { valueLength } from '../etcd/value-pack'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { EtcdResult, HttpRequest } from '../runtime/messages'
import type { FlowStep } from '../network/types'
import { callEtcd, prefixRange } from './etcd-client'
import { decodeFromStorage, transformError } from './encryption/storage'
import {
  decodeContinue,
  encodeContinue,
  hasSelector,
  listLimit,
  type ContinueToken,
} from './list-source'
import { parsePath } from './path'
import { replyError } from './respond'
import { listBody, matchesQuery, sendList } from './list-body'
import type { ApiServerState, IncomingRequest } from './state'
import { type ApiError, badRequest, failure, gone, internalError, storageError } from './status'
import { LIST_TOO_OLD } from './cache-relist'
import { isCachedKey } from './uncached'

// The 410 for a continue token whose revision etcd has compacted, with a fresh token (rv -1)
// that continues inconsistently. Source: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go
// compactedContinue (v1.32).
export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'

/**
 * The revision a LIST read from etcd is read at, or the 400 for a query the store refuses:
 * a continue token's revision; with `limit` and a resourceVersion other than "" and "0", that
 * exact revision (the legacy rule for paginated lists); otherwise etcd's current revision (0).
 * Source: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go GetList and
 * storage.ValidateListOptions (v1.32).
 */
function readRevision(
  request: HttpRequest,
  continued: ContinueToken | undefined,
): number | ApiError {
  const rv = request.query['resourceVersion'] ?? ''
  if (continued !== undefined) {
    if (rv !== '' && rv !== '0')
      return badRequest('specifying resource version is not allowed when using continue')
    return continued.rv > 0 ? continued.rv : 0
  }
  const exact = Number(rv)
  return listLimit(request) > 0 && Number.isSafeInteger(exact) && exact > 0 ? exact : 0
}

/**
 * One page of a LIST read from etcd: a range from the continue token's key (or the prefix) at
 * the revision readRevision says, at most `limit` keys. A LIST of an uncached resource (Events)
 * is always read so, whatever its resourceVersion. With a selector the real store reads
 * further pages until `limit` items match; here one range is read.
 * Source: staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go GetList (v1.32).
 */
export function readListPage(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
  keyPrefix: string,
): void {
  const { from, request, step } = incoming
  const token = request.query['continue'] ?? ''
  const continued = token !== '' ? decodeContinue(token) : undefined
  if (token !== '' && !continued) {
    const error = badRequest('invalid continue token: continue key is not valid')
    return replyError(ctx, from, request.requestId, error, { step })
  }
  const revision = readRevision(request, continued)
  if (typeof revision !== 'number')
    return replyError(ctx, from, request.requestId, revision, { step })
  const key = continued ? keyPrefix + continued.start : keyPrefix
  const limit = listLimit(request)
  callEtcd(
    ctx,
    state,
    prefixRange(keyPrefix, key, limit, revision),
    {
      kind: 'list-page',
      from,
      request,
      keyPrefix,
      ...(revision > 0 ? { revision } : {}),
      ...(step !== undefined ? { step } : {}),
    },
    {
      label: `Range ${key}${limit > 0 ? ` limit ${String(limit)}` : ''}${revision > 0 ? ` at rev ${String(revision)}` : ''}`,
      step,
    },
  )
}

/**
 * etcd could not serve the page's revision (compacted): a continued list gets its 410 with a
 * token that continues inconsistently (compactedContinue); any other, the list's 410.
 * Source: staging/src/k8s.io/apiserver/pkg/storage/etcd3/errors.go interpretListError (v1.32).
 */
function compactedList(request: HttpRequest, keyPrefix: string): ApiError {
  const token = request.query['continue'] ?? ''
  if (token === '') return gone(LIST_TOO_OLD)
  const continued = decodeContinue(token)
  const error = gone(CONTINUE_EXPIRED_MESSAGE)
  const status = {
    ...error.status,
    metadata: { continue: encodeContinue(keyPrefix + (continued?.start ?? ''), keyPrefix, -1) },
  }
  return { ...error, status }
}

/**
 * validateMinimumResourceVersion: a LIST is "not older than" its resourceVersion, so one above
 * etcd's revision is refused with NewTooLargeResourceVersionError (a 504, no retry-after: the
 * etcd3 store passes 0 s; the cacher first waits for its cache to catch up). Source:
 * storage/etcd3/store.go, storage/errors.go, apimachinery errors.go NewTimeoutError (v1.32).
 */
function tooLargeResourceVersion(request: HttpRequest, revision: number): ApiError | undefined {
  const minimum = Number(request.query['resourceVersion'] ?? '')
  if (!(minimum > revision)) return undefined
  const message = `Too large resource version: ${String(minimum)}, current: ${String(revision)}`
  return failure(504, 'Timeout', `Timeout: ${message}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
  })
}

/** The etcd answer to a page: the items, a continue token and remainingItemCount, or a 410. */
export function onListPage(
  ctx: ActorContext,
  state: ApiServerState,
  page: {
    from: string
    request: HttpRequest
    keyPrefix: string
    revision?: number
    step?: FlowStep
  },
  result: EtcdResult,
): void {
  const { from, request, keyPrefix, step } = page
  const parsed = parsePath(request.path)
  if (!parsed.ok) return
  if (!result.ok) {
    const error =
      result.error === ERR_COMPACTED
        ? compactedList(request, keyPrefix)
        : storageError(result.error)
    return replyError(ctx, from, request.requestId, error, { step })
  }
  if (!('kvs' in result)) return
  const tooLarge = tooLargeResourceVersion(request, result.revision)
  if (tooLarge) return replyError(ctx, from, request.requestId, tooLarge, { step })
  // The list's resourceVersion is the revision it was read at (withRev), else etcd's header one.
  const rv = page.revision ?? result.revision
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
  for (const kv of result.kvs) bytes += kv.key.length + valueLength(kv)
  state.meters.etcdRangeBytes += bytes
  state.meters.etcdRanges++
  if (state.pendingEtcd[requestId]?.kind === 'init-list') {
    let values = 0
    for (const kv of result.kvs) if (isCachedKey(kv.key)) values += valueLength(kv)
    state.meters.watchCacheBytes = values
  }
}
