import { deepCopy } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { typedPatchResult } from './decoding/decode-patch'
import { applyPatch, writerFor } from './fieldmanager/apply-patch'
import { etcdStepFor, handleCreate } from './handle-write'
import { kindOf } from './request-body'
import { findResource, type ResourceInfo } from './resources'
import { replyError } from './respond'
import type { ApiServerState, IncomingRequest, Mutation, RequestRef } from './state'
import { badRequest } from './status'

/**
 * Server-side apply of an object that does not exist: the configuration applied to an empty
 * object (the applier owns exactly its fields), then the create path with its defaulting,
 * admission and validation, answered 201 (patcher.createNewObject and forceAllowCreate,
 * handlers/patch.go, v1.32).
 */
export function createApplied(
  ctx: ActorContext,
  state: ApiServerState,
  ref: RequestRef,
  mutation: Extract<Mutation, { type: 'apply' }>,
): void {
  const info = findResource(ref.group, ref.resource) as ResourceInfo
  const kind = kindOf(info)
  const fail = (error: ReturnType<typeof badRequest>) => {
    replyError(ctx, ref.client, ref.requestId, error, { step: etcdStepFor(ref.step) })
  }
  if (!kind) return fail(badRequest(`${info.kind} does not support apply`))
  const manager = ref.manager ?? { manager: '', named: true }
  const writer = writerFor(info, manager, undefined, ctx.nowMs)
  const target = { name: ref.name, namespace: ref.namespace }
  const applied = applyPatch(kind, target, undefined, mutation.patch, writer, mutation.force)
  if (!applied.ok) return fail(applied.error)
  const typed = typedPatchResult(kind, applied.object, { ...mutation.patch, validation: 'Ignore' })
  if (!typed.ok) return fail(typed.error)
  // A copy: the create path defaults and admits it in place, and the patch it came from stays.
  const object = deepCopy(typed.object)
  object.metadata = { ...object.metadata, name: ref.name }
  const incoming: IncomingRequest = {
    from: ref.client,
    request: {
      type: 'http-request',
      requestId: ref.requestId,
      method: 'PATCH',
      path: '',
      query: {},
      credential: { type: 'anonymous' },
    },
    path: {
      info,
      ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
      name: ref.name,
    },
    ...(ref.step !== undefined ? { step: ref.step } : {}),
    ...(ref.user ? { user: ref.user } : {}),
    decoded: { object, warnings: ref.warnings ?? [] },
  }
  handleCreate(ctx, state, incoming, { applied: true })
}
