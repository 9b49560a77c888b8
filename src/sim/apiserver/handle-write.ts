import type { Pod } from 'kubernetes-types/core/v1'
import { generateName, nextUid } from '../core/ids'
import { simTimeToRfc3339 } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { FlowStep } from '../network/types'
import type { ActorContext } from '../runtime/actor'
import { admitNewPod } from './admission/defaults'
import { defaultObject, prepareForCreate } from './admission/object-defaults'
import { admitPriority } from './admission/priority'
import { admitServiceAccount } from './admission/service-account'
import { encodeObject, noteOwnWrite } from './codec'
import { encodeJsonForStorage } from './encryption/storage'
import { callEtcd } from './etcd-client'
import { startUpdate } from './guaranteed-update'
import { aboutObject, replyError } from './respond'
import { etcdKey, findResource, type ResourceInfo } from './resources'
import type { ApiServerState, IncomingRequest, Mutation, RequestRef } from './state'
import { infoOf, requestRef } from './request-ref'
import { type ApiError, badRequest, forbidden, invalid, namespaceNotFound } from './status'
import { validateObject } from './validation/validate'
import { scalePatch } from './subresources'
import { serviceAllocator } from './services/hooks'
import { prepareServiceCreate } from './services/strategy'
import { decodeAndDefault } from './validation/prepare'
import { escalationError } from './rbac/escalation'
import { tracksGeneration } from './generation'
import { maybeRecordUpdate, writeManager, writerFor } from './fieldmanager/apply-patch'

/** The etcd write's flow step: the API server writing what kubectl sent is step 2. */
export const etcdStepFor = (step: FlowStep | undefined): FlowStep | undefined =>
  step === 1 ? 2 : step

/**
 * What create.go checks after decoding (the body is already an object of the URL's kind, see
 * request-body.ts): the namespace in the body must be the one in the URL.
 */
function checkNamespace(
  info: ResourceInfo,
  object: KubeObject,
  namespace: string | undefined,
): ApiError | undefined {
  const bodyNamespace = object.metadata?.namespace
  if (
    info.namespaced &&
    bodyNamespace !== undefined &&
    bodyNamespace !== '' &&
    bodyNamespace !== namespace
  )
    return badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    )
  return undefined
}

/** Conversion and defaulting of the kinds that have them here (stringData into data, RBAC groups). */
function convertAndDefault(info: ResourceInfo, object: KubeObject): ApiError | undefined {
  const decodeError = decodeAndDefault(info, object)
  if (decodeError === undefined) return undefined
  return badRequest(
    `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${decodeError}`,
  )
}

function namespaceExists(state: ApiServerState, namespace: string | undefined): boolean {
  const info = findResource('', 'namespaces')
  return (
    !info || namespace === undefined || state.cache.objects.has(etcdKey(info, undefined, namespace))
  )
}

/**
 * Mutating and validating admission for a new Pod, in RecommendedPluginOrder
 * (pkg/kubeapiserver/options/plugins.go, v1.32): ServiceAccount, then Priority. Returns why the
 * Pod is forbidden, if it is.
 */
function admitPod(state: ApiServerState, pod: Pod, namespace = 'default'): string | undefined {
  admitNewPod(pod)
  const get = (key: string) => state.cache.objects.get(key)
  return (
    admitServiceAccount(
      pod,
      namespace,
      (ns, name) => get(`/registry/serviceaccounts/${ns}/${name}`),
      state.rng,
    ) ?? admitPriority(pod, get)
  )
}

/**
 * POST: decode, default and admit, validate, then create-if-absent in etcd. `applied`: the body
 * is a server-side apply's result, whose managedFields are already recorded.
 */
export function handleCreate(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
  options: { applied?: boolean } = {},
): void {
  const { from, request, path, step } = incoming
  const info = path.info
  // The decoded body belongs to this request alone (decodeRequestBody builds it from the text):
  // it is defaulted and admitted in place, not copied.
  const decoded = incoming.decoded.object ?? {}
  const mismatch = checkNamespace(info, decoded, path.namespace) ?? convertAndDefault(info, decoded)
  if (mismatch) return replyError(ctx, from, request.requestId, mismatch, { step })
  // NamespaceLifecycle admission: no objects in a namespace that does not exist.
  if (info.namespaced && !namespaceExists(state, path.namespace)) {
    return replyError(ctx, from, request.requestId, namespaceNotFound(path.namespace ?? ''), {
      step,
    })
  }
  const metadata = { ...decoded.metadata }
  const nameGenerated = !metadata.name && !!metadata.generateName
  if (nameGenerated) metadata.name = generateName(state.rng, metadata.generateName ?? '')
  if (info.namespaced) metadata.namespace = path.namespace ?? 'default'
  decoded.metadata = metadata
  defaultObject(info.kind, decoded)
  const managedFields = options.applied ? undefined : creatorManagedFields(ctx, incoming, decoded)
  if (managedFields) metadata.managedFields = managedFields
  prepareForCreate(info.kind, decoded, () => nextUid(state.rng))
  const denied =
    info.kind === 'Pod' ? admitPod(state, decoded as Pod, metadata.namespace) : undefined
  if (denied !== undefined) {
    // Admission runs before the store generates the name, so the error names the prefix
    // (admission/errors.go extractResourceName: "name object name generation has not occurred yet").
    const named = nameGenerated ? metadata.generateName : metadata.name
    const error = forbidden(info, named ?? '', denied)
    return replyError(ctx, from, request.requestId, error, { step })
  }
  const allocator = info.kind === 'Service' ? serviceAllocator(state, ctx.nowMs) : undefined
  const prepared = allocator ? prepareServiceCreate(info, decoded, allocator) : undefined
  if (prepared?.error) return replyError(ctx, from, request.requestId, prepared.error, { step })
  const errors = validateObject(info, decoded)
  if (errors.length > 0) {
    if (prepared) allocator?.release(prepared.allocated.ips, prepared.allocated.ports)
    return replyError(
      ctx,
      from,
      request.requestId,
      invalid(info, metadata.name ?? metadata.generateName ?? '', errors),
      { step },
    )
  }
  const escalation = escalationError(
    state.authz,
    info,
    decoded,
    incoming.user,
    metadata.namespace ?? '',
  )
  if (escalation) return replyError(ctx, from, request.requestId, escalation, { step })
  metadata.uid = decoded.metadata.uid ?? nextUid(state.rng)
  metadata.creationTimestamp = simTimeToRfc3339(ctx.nowMs)
  if (tracksGeneration(info.kind)) metadata.generation = 1
  else delete metadata.generation
  delete metadata.resourceVersion
  decoded.metadata = metadata
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `authenticated ${incoming.user?.name ?? ''}, authorized, admitted and validated ${info.kind} ${metadata.name ?? ''}; writing to etcd`,
    step: etcdStepFor(step),
    ...withAbout(decoded),
  })
  writeCreated(ctx, state, incoming, decoded, nameGenerated)
}

// maxNameGenerationCreateAttempts = 8: a create whose name came from generateName is tried again
// with a new name when the name is taken (RetryGenerateName, GA and locked on in v1.32).
// Source: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (v1.32)
export const MAX_NAME_GENERATION_CREATE_ATTEMPTS = 8

/** The create's etcd transaction: put the object if its key has never been created. */
function writeCreated(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
  decoded: KubeObject,
  nameGenerated: boolean,
): void {
  const ref = requestRef(incoming, decoded.metadata?.name ?? '')
  sendCreateTxn(ctx, state, ref, decoded, nameGenerated ? 1 : undefined)
}

/** `attempt`: which try of a generated name this is (undefined: the client chose the name). */
function sendCreateTxn(
  ctx: ActorContext,
  state: ApiServerState,
  ref: RequestRef,
  decoded: KubeObject,
  attempt: number | undefined,
): void {
  const metadata = decoded.metadata ?? {}
  const key = etcdKey(infoOf(ref), metadata.namespace, metadata.name ?? '')
  const json = encodeObject(decoded)
  const value = encodeJsonForStorage(json, key, state.encryption, state.rng)
  if (value === json) noteOwnWrite(key, json)
  callEtcd(
    ctx,
    state,
    {
      op: 'txn',
      compares: [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
      success: [{ op: 'put', key, value }],
      failure: [{ op: 'get', key }],
    },
    {
      kind: 'create',
      ref,
      object: decoded,
      bytes: json.length,
      ...(attempt !== undefined ? { attempt } : {}),
    },
    { label: `Txn put ${key}`, step: etcdStepFor(ref.step), about: aboutObject(decoded) },
  )
}

/**
 * The generated name was taken: createWithGenerateNameRetry tries again with a new one, up to
 * MAX_NAME_GENERATION_CREATE_ATTEMPTS in all. False when the name was the client's or the tries
 * are used up (the client then gets 409 AlreadyExists).
 */
export function retryGeneratedName(
  ctx: ActorContext,
  state: ApiServerState,
  ref: RequestRef,
  object: KubeObject,
  attempt: number | undefined,
): boolean {
  const prefix = object.metadata?.generateName
  if (attempt === undefined || attempt >= MAX_NAME_GENERATION_CREATE_ATTEMPTS || !prefix)
    return false
  const name = generateName(state.rng, prefix)
  const renamed = { ...object, metadata: { ...object.metadata, name } }
  sendCreateTxn(ctx, state, { ...ref, name }, renamed, attempt + 1)
  return true
}

/**
 * The creator owns what it sent, defaults included, but not what admission adds (create.go runs
 * the field manager on the decoded object before admission).
 */
function creatorManagedFields(ctx: ActorContext, incoming: IncomingRequest, decoded: KubeObject) {
  const { request, path } = incoming
  const manager = writeManager(request.query, request.userAgent, incoming.user)
  const writer = writerFor(path.info, manager, path.subresource, ctx.nowMs)
  return maybeRecordUpdate(undefined, decoded, writer, manager.named).metadata?.managedFields
}

function withAbout(object: KubeObject): { about?: NonNullable<ReturnType<typeof aboutObject>> } {
  const about = aboutObject(object)
  return about ? { about } : {}
}

/** Which mutation a PUT / PATCH / DELETE / binding POST asks for, or an error for a bad body. */
export function mutationFor(incoming: IncomingRequest): Mutation | ApiError {
  const { request, path, decoded } = incoming
  const body = decoded.object
  const isStatus = path.subresource === 'status'
  switch (request.method) {
    case 'PUT': {
      const object = body ?? {}
      if (object.metadata?.name !== undefined && object.metadata.name !== path.name) {
        return badRequest(
          `the name of the object (${object.metadata.name}) does not match the name on the URL (${path.name ?? ''})`,
        )
      }
      const expectedRv = object.metadata?.resourceVersion
      const replace = { object, ...(expectedRv !== undefined ? { expectedRv } : {}) }
      return isStatus ? { type: 'replace-status', ...replace } : { type: 'replace', ...replace }
    }
    case 'PATCH': {
      const patch = decoded.patch
      if (!patch) return badRequest('the request body must be a JSON object')
      // A /scale patch changes the main object's spec.replicas, and is answered with the Scale.
      if (patch.type === 'apply' && path.subresource === undefined)
        return { type: 'apply', patch, force: request.query['force'] === 'true' }
      if (path.subresource === 'scale')
        return {
          type: 'merge-patch',
          patch: { ...patch, type: 'merge', patch: scalePatch(patch.patch) },
          scale: true,
        }
      return isStatus ? { type: 'merge-patch-status', patch } : { type: 'merge-patch', patch }
    }
    case 'DELETE': {
      const grace =
        request.query['gracePeriodSeconds'] ??
        (body as { gracePeriodSeconds?: number } | undefined)?.gracePeriodSeconds
      return grace === undefined || !Number.isFinite(Number(grace))
        ? { type: 'graceful-delete' }
        : { type: 'graceful-delete', gracePeriodSeconds: Number(grace) }
    }
    case 'POST': {
      if (path.subresource === 'eviction') return { type: 'graceful-delete', eviction: true }
      const target = (body as { target?: { name?: string } } | undefined)?.target?.name
      if (!target)
        return invalid(path.info, path.name ?? '', [
          { type: 'FieldValueRequired', field: 'target.name' },
        ])
      return { type: 'bind', nodeName: target }
    }
    case 'GET':
      return badRequest('GET is not a mutation')
  }
}

/** Starts GuaranteedUpdate (guaranteed-update.ts): mutate the current object, compare-and-swap. */
export function handleMutation(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
): void {
  const { from, request, path, step } = incoming
  const mutation = mutationFor(incoming)
  if ('status' in mutation && 'code' in mutation)
    return replyError(ctx, from, request.requestId, mutation, { step })
  startUpdate(ctx, state, requestRef(incoming, path.name ?? ''), mutation)
}
