import type { KeyValue } from '../etcd/mvcc'
import { deepCopy, type KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { EtcdResult } from '../runtime/messages'
import { createApplied } from './apply-create'
import { decodeObject, encodeObject, noteOwnWrite, storedTextIs } from './codec'
import { decodeFromStorage, encodeJsonForStorage, transformError } from './encryption/storage'
import { callEtcd } from './etcd-client'
import { etcdStepFor } from './handle-write'
import { applyMutation, type Recording } from './mutations'
import { escalationError } from './rbac/escalation'
import { aboutObject, replyError } from './respond'
import { etcdKey } from './resources'
import { aboutRef, infoOf } from './request-ref'
import { prepareUpdate } from './services/hooks'
import type { ApiServerState, Mutation, RequestRef, StaleUpdateError } from './state'
import { type ApiError, internalError, notFound } from './status'
import { cachedObject } from './watch-cache'
import { respondUpdated } from './update-response'

/**
 * GuaranteedUpdate, as the Cacher and the etcd3 store run it in v1.32: the update starts from the
 * watch cache's copy of the object when the cache has one (Cacher.GuaranteedUpdate passes it down
 * as cachedExistingObject, storage/cacher/cacher.go), so a write costs one etcd Txn:
 * If(mod_revision == the copy's revision) Then(Put) Else(Get). A failed compare retries on the
 * object the Else branch returned, with no extra read. Only when the cache has no copy, or the
 * mutation fails on a copy that may be stale, does the store read etcd first (getCurrentState
 * in storage/etcd3/store.go GuaranteedUpdate, v1.32).
 */

// GuaranteedUpdate retries on a compare failure; bounded so a hot object cannot spin forever.
const MAX_UPDATE_ATTEMPTS = 5

/**
 * The object an attempt starts from: read from etcd now (current), or the watch cache's copy.
 * `holds`: whether its stored JSON (origState.data) is the given text; `stale`: etcd's value was
 * written with a key other than the current write key (a no-op write still rewrites it, to
 * re-encrypt it).
 */
interface Origin {
  object: KubeObject
  rev: number
  current: boolean
  holds: (json: string) => boolean
  stale: boolean
}

type TxnResult = Extract<EtcdResult, { succeeded: boolean }>

const keyOf = (ref: RequestRef): string => etcdKey(infoOf(ref), ref.namespace, ref.name)

/**
 * Starts an update. A DELETE (and an eviction) reads the object from etcd first, as Store.Delete
 * does with its Get (registry/generic/registry/store.go, v1.32); every other write starts from
 * the watch cache's copy when there is one.
 */
export function startUpdate(
  ctx: ActorContext,
  state: ApiServerState,
  ref: RequestRef,
  mutation: Mutation,
): void {
  const cached =
    mutation.type === 'graceful-delete' ? undefined : cachedObject(state.cache, keyOf(ref))
  const rev = Number(cached?.metadata?.resourceVersion)
  if (!cached || !Number.isSafeInteger(rev)) return readForUpdate(ctx, state, ref, mutation)
  // DeepCopy, as the Cacher does: the cache's objects are shared with every watcher. Its data
  // is its encoding (getStateFromObject), known when this server wrote it (codec.ts).
  const origin = {
    object: deepCopy(cached),
    rev,
    current: false,
    holds: (json: string) => storedTextIs(cached, json),
    stale: false,
  }
  tryUpdate(ctx, state, ref, mutation, origin, 0)
}

/** getCurrentState: a (linearizable) Range of the key. */
function readForUpdate(
  ctx: ActorContext,
  state: ApiServerState,
  ref: RequestRef,
  mutation: Mutation,
  why: ReadReason = {},
): void {
  const key = keyOf(ref)
  const { stale, unchanged } = why
  callEtcd(
    ctx,
    state,
    { op: 'range', key },
    {
      kind: 'update-read',
      ref,
      mutation,
      ...(stale ? { stale } : {}),
      ...(unchanged !== undefined ? { unchanged } : {}),
    },
    { label: `Range ${key}`, step: etcdStepFor(ref.step), about: aboutRef(ref) },
  )
}

function fail(ctx: ActorContext, ref: RequestRef, error: ApiError, about?: boolean): void {
  replyError(ctx, ref.client, ref.requestId, error, {
    step: etcdStepFor(ref.step),
    ...(about ? { about: aboutRef(ref) } : {}),
  })
}

/**
 * Why an update reads etcd after starting from the cache's copy: the mutation failed on it
 * (`stale`), or left it unchanged (`unchanged`: the encoding both would have).
 */
export interface ReadReason {
  stale?: StaleUpdateError | undefined
  unchanged?: string | undefined
}

/** The Range's answer: decode it and try the mutation on the current object. */
export function onUpdateRead(
  ctx: ActorContext,
  state: ApiServerState,
  ref: RequestRef,
  mutation: Mutation,
  kv: KeyValue | undefined,
  why: ReadReason = {},
): void {
  const { stale, unchanged } = why
  // The mutation failed on the cache's copy, and etcd still holds that revision: the error
  // stands ("it turns out our cached data was not stale, return the error", store.go).
  if (stale && kv?.modRevision === stale.rev) return fail(ctx, ref, stale.error, true)
  // Server-side apply creates what does not exist (patcher.forceAllowCreate, patch.go).
  if (!kv && mutation.type === 'apply') return createApplied(ctx, state, ref, mutation)
  if (!kv) return fail(ctx, ref, notFound(infoOf(ref), ref.name))
  const read = decodeFromStorage(kv, state.encryption)
  if (!read.ok) return fail(ctx, ref, internalError(transformError(kv.key, read.error)))
  // etcd holds what the unchanged object encodes to: nothing to write (store.go short-cut).
  if (unchanged !== undefined && !read.stale && read.data === unchanged)
    return respondUnchanged(ctx, ref, mutation, read.data, kv.modRevision)
  tryUpdate(ctx, state, ref, mutation, currentOrigin(read, kv), 0)
}

/** An origin read from etcd just now. */
function currentOrigin(read: { object: KubeObject; data: string; stale: boolean }, kv: KeyValue) {
  const { object, data, stale } = read
  return {
    object,
    rev: kv.modRevision,
    current: true,
    holds: (json: string) => json === data,
    stale,
  }
}

/** Who managedFields record a write as: the request's manager and its subresource. */
function recordingOf(ref: RequestRef): Recording | undefined {
  if (!ref.manager) return undefined
  return {
    manager: ref.manager,
    ...(ref.subresource !== undefined ? { subresource: ref.subresource } : {}),
  }
}

/** tryUpdate on one attempt's object, then the compare-and-swap Txn. */
function tryUpdate(
  ctx: ActorContext,
  state: ApiServerState,
  ref: RequestRef,
  mutation: Mutation,
  origin: Origin,
  attempt: number,
): void {
  const info = infoOf(ref)
  const current = origin.object
  const prepare = prepareUpdate(state, ctx.nowMs)
  const result = applyMutation(info, current, mutation, ctx.nowMs, prepare, recordingOf(ref))
  const escalation =
    result.ok && !result.deleteNow
      ? escalationError(state.authz, info, result.object, ref.user, ref.namespace ?? '')
      : undefined
  if (!result.ok || escalation) {
    const error = escalation ?? (result.ok ? internalError('') : result.error)
    // The copy may be stale: read etcd, and keep the error only if the object has not moved on.
    if (!origin.current)
      return readForUpdate(ctx, state, ref, mutation, { stale: { rev: origin.rev, error } })
    return fail(ctx, ref, error, true)
  }
  const key = keyOf(ref)
  const json = result.deleteNow ? '' : encodeObject(result.object)
  // A write that would store the bytes already stored is skipped, as store.go GuaranteedUpdate
  // does ("if !origState.stale && bytes.Equal(data, origState.data)"): no Txn, no new revision,
  // no watch event. A cache copy is checked against etcd first ("we must refresh from etcd in
  // order to be sure the data in the store is equivalent to our desired serialization").
  if (!result.deleteNow && !origin.stale && origin.holds(json)) {
    if (origin.current) return respondUnchanged(ctx, ref, mutation, json, origin.rev)
    return readForUpdate(ctx, state, ref, mutation, { unchanged: json })
  }
  if (!origin.current && ref.step !== undefined) narrateCachedUpdate(ctx, ref, origin)
  const compares = [
    { key, target: 'MOD' as const, result: 'EQUAL' as const, modRevision: origin.rev },
  ]
  const options = {
    label: `Txn ${result.deleteNow ? 'delete' : 'put'} ${key}`,
    step: etcdStepFor(ref.step),
    about: aboutObject(current),
  }
  if (result.deleteNow) {
    callEtcd(
      ctx,
      state,
      { op: 'txn', compares, success: [{ op: 'delete', key }], failure: [{ op: 'get', key }] },
      { kind: 'delete', ref, deleted: current, attempt },
      options,
    )
    return
  }
  const value = encodeJsonForStorage(json, key, state.encryption, state.rng)
  if (value === json) noteOwnWrite(key, json)
  callEtcd(
    ctx,
    state,
    { op: 'txn', compares, success: [{ op: 'put', key, value }], failure: [{ op: 'get', key }] },
    { kind: 'update', ref, mutation, attempt, object: result.object, bytes: json.length },
    options,
  )
}

/**
 * The update changed nothing: answer with the object as stored, at its resourceVersion
 * (store.go decodes origState.data at origState.rev), and say so on the request-flow view.
 */
function respondUnchanged(
  ctx: ActorContext,
  ref: RequestRef,
  mutation: Mutation,
  data: string,
  rev: number,
): void {
  if (ref.step !== undefined) {
    const about = aboutRef(ref)
    ctx.emit({
      type: 'Narrated',
      actor: ctx.self,
      text: `${about.kind} ${about.name} is unchanged: it encodes to the bytes etcd already holds, so nothing is written (resourceVersion stays ${String(rev)})`,
      step: etcdStepFor(ref.step),
      about,
    })
  }
  const object = decodeObject({ value: data, modRevision: rev })
  respondUpdated(ctx, ref, mutation, object, rev, data.length)
}

/** What the request-flow view shows for a write that skipped the read. */
function narrateCachedUpdate(ctx: ActorContext, ref: RequestRef, origin: Origin): void {
  const about = aboutRef(ref)
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `changed ${about.kind} ${about.name} as found in its watch cache (resourceVersion ${String(origin.rev)}), without reading etcd; the write succeeds only if etcd still holds that revision`,
    step: etcdStepFor(ref.step),
    about,
  })
}

/** The Txn's compare failed: retry on the object its Else branch read, with no extra Range. */
export function onCompareFailed(
  ctx: ActorContext,
  state: ApiServerState,
  ref: RequestRef,
  mutation: Mutation,
  txn: TxnResult,
  attempt: number,
): void {
  if (attempt + 1 >= MAX_UPDATE_ATTEMPTS)
    return fail(ctx, ref, internalError('too many update conflicts'))
  const kv = txn.gets[0]
  // Server-side apply creates what does not exist (patcher.forceAllowCreate, patch.go).
  if (!kv && mutation.type === 'apply') return createApplied(ctx, state, ref, mutation)
  if (!kv) return fail(ctx, ref, notFound(infoOf(ref), ref.name))
  const read = decodeFromStorage(kv, state.encryption)
  if (!read.ok) return fail(ctx, ref, internalError(transformError(kv.key, read.error)))
  tryUpdate(ctx, state, ref, mutation, currentOrigin(read, kv), attempt + 1)
}
