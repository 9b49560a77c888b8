import type { KeyValue } from '../etcd/mvcc'
import type { ActorContext } from '../runtime/actor'
import type { EtcdResult } from '../runtime/messages'
import { decodeFromStorage, transformError } from './encryption/storage'
import { watchRegistry } from './etcd-failover'
import { etcdStepFor, retryGeneratedName } from './handle-write'
import { reply, replyError } from './respond'
import { aboutRef, infoOf } from './request-ref'
import type { ApiServerState, EtcdContinuation } from './state'
import { alreadyExists, internalError, notFound } from './status'
import { onCompareFailed, onUpdateRead } from './guaranteed-update'
import { onEtcdFailure } from './etcd-failure'
import { nextRound, onCompactorResult } from './compactor'
import { onCacheReady } from './bootstrap'
import { onCacheRelisted } from './cache-relist'
import { serveWaitingLists } from './watch-events'
import { putListed } from './watch-cache'
import { countUncached, isCachedKey } from './uncached'
import { onStorageSync, onStorageWatchCreated } from './storage-watch'
import { asTable } from './table'
import { respond, respondUpdated, SUCCESS_201, withRv } from './update-response'
import { indexStoredChange } from './authz/authz-index'

type Ok<R> = Extract<EtcdResult, R>
type RangeResult = Ok<{ kvs: KeyValue[] }>

function handleWriteResult(
  ctx: ActorContext,
  state: ApiServerState,
  continuation: EtcdContinuation,
  result: EtcdResult,
): void {
  if (!result.ok || !('succeeded' in result)) return
  switch (continuation.kind) {
    case 'create':
      if (result.succeeded)
        return respond(
          ctx,
          continuation.ref,
          201,
          withRv(continuation.object, result.revision, continuation.bytes),
        )
      if (
        retryGeneratedName(ctx, state, continuation.ref, continuation.object, continuation.attempt)
      )
        return
      return replyError(
        ctx,
        continuation.ref.client,
        continuation.ref.requestId,
        alreadyExists(infoOf(continuation.ref), continuation.ref.name),
        { step: etcdStepFor(continuation.ref.step) },
      )
    case 'update': {
      const { ref, mutation, attempt, object, bytes } = continuation
      if (!result.succeeded) return onCompareFailed(ctx, state, ref, mutation, result, attempt)
      return respondUpdated(ctx, ref, mutation, object, result.revision, bytes)
    }
    case 'delete':
      if (!result.succeeded)
        return onCompareFailed(
          ctx,
          state,
          continuation.ref,
          { type: 'graceful-delete', gracePeriodSeconds: 0 },
          result,
          continuation.attempt,
        )
      if (continuation.ref.subresource === 'eviction')
        return respond(ctx, continuation.ref, 201, SUCCESS_201)
      return respond(ctx, continuation.ref, 200, continuation.deleted)
    default:
      return
  }
}

function handleReadResult(
  ctx: ActorContext,
  state: ApiServerState,
  continuation: EtcdContinuation,
  result: RangeResult,
): void {
  switch (continuation.kind) {
    case 'init-list':
      for (const kv of result.kvs) {
        // One Range over /registry/ here, where each cacher lists its own resource: what no
        // cacher would have listed (Events) is counted, not decoded or kept.
        if (!isCachedKey(kv.key)) {
          countUncached(state.cache, kv.key, 1)
          continue
        }
        const read = decodeFromStorage(kv, state.encryption)
        if (!read.ok) {
          state.undecodable[kv.key] = read.error
          continue
        }
        const before = state.cache.objects.get(kv.key)
        putListed(state.cache, kv.key, read.object)
        indexStoredChange(state.authz, kv.key, before, read.object)
      }
      state.cache.revision = result.revision
      state.cache.oldestRevision = result.revision
      watchRegistry(ctx, state, result.revision + 1, 'init-watch')
      return
    case 'get': {
      const kv = result.kvs[0]
      if (!kv)
        return replyError(
          ctx,
          continuation.ref.client,
          continuation.ref.requestId,
          notFound(infoOf(continuation.ref), continuation.ref.name),
          { step: continuation.ref.step },
        )
      const read = decodeFromStorage(kv, state.encryption)
      if (!read.ok)
        return replyError(
          ctx,
          continuation.ref.client,
          continuation.ref.requestId,
          internalError(transformError(kv.key, read.error)),
          { step: continuation.ref.step },
        )
      const object = read.object
      const body = continuation.ref.table
        ? asTable(infoOf(continuation.ref), [object], String(result.revision), ctx.nowMs)
        : object
      return reply(ctx, continuation.ref.client, continuation.ref.requestId, 200, body, {
        step: continuation.ref.step,
        about: aboutRef(continuation.ref),
      })
    }
    case 'list-revision': {
      const { from, request, step } = continuation
      state.waitingLists.push({
        from,
        request,
        revision: result.revision,
        ...(step !== undefined ? { step } : {}),
      })
      serveWaitingLists(ctx, state)
      return
    }
    case 'update-read': {
      const { ref, mutation, stale, unchanged } = continuation
      return onUpdateRead(ctx, state, ref, mutation, result.kvs[0], { stale, unchanged })
    }
    default:
      return
  }
}

/** Routes one etcd response to the continuation that asked for it. */
export function onEtcdResponse(
  ctx: ActorContext,
  state: ApiServerState,
  requestId: number,
  result: EtcdResult,
): void {
  const continuation = state.pendingEtcd[requestId]
  const call = state.etcdInFlight[requestId]
  delete state.pendingEtcd[requestId]
  delete state.etcdInFlight[requestId]
  if (!continuation) return
  if (continuation.kind === 'compact') return onCompactorResult(ctx, state, result)
  if (continuation.kind === 'compacted') return nextRound(ctx)
  if (!result.ok) return onEtcdFailure(ctx, state, continuation, result.error, call)
  if ('watchId' in result && continuation.kind === 'storage-watch')
    return onStorageWatchCreated(
      ctx,
      state,
      continuation.watcherId,
      call?.endpoint ?? '',
      result.watchId,
    )
  if ('kvs' in result && continuation.kind === 'storage-sync')
    return onStorageSync(ctx, state, continuation, result)
  if ('watchId' in result) {
    state.etcdWatchId = result.watchId
    state.etcdWatchEndpoint = call?.endpoint
    state.rewatchBackoffMs = 0
    if (continuation.kind === 'init-watch') onCacheReady(ctx, state)
    return
  }
  if ('kvs' in result && continuation.kind === 'cache-relist')
    return onCacheRelisted(ctx, state, result.kvs, continuation.revision ?? result.revision)
  if ('kvs' in result) handleReadResult(ctx, state, continuation, result)
  else handleWriteResult(ctx, state, continuation, result)
}
