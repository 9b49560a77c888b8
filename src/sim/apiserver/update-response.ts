import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { knownAnswerBytes } from './apf/meters'
import { jsonLengthWithRv } from './codec'
import { etcdStepFor } from './handle-write'
import { aboutRef } from './request-ref'
import { reply } from './respond'
import type { Mutation, RequestRef } from './state'
import { scaleOf } from './subresources'

// What the binding and eviction subresources answer: a Status, not the Pod.
export const SUCCESS_201 = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  code: 201,
}

/** Answers the request an etcd call served (with its warnings, tagged with its flow step). */
export function respond(ctx: ActorContext, ref: RequestRef, code: number, body: unknown): void {
  reply(ctx, ref.client, ref.requestId, code, body, {
    step: etcdStepFor(ref.step),
    about: aboutRef(ref),
    warnings: ref.warnings,
  })
}

/** The object as stored at `revision`; `encodedBytes`: its encodeObject length, when known. */
export function withRv(object: KubeObject, revision: number, encodedBytes?: number): KubeObject {
  const out = { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } }
  // The handler encoded the object for etcd: its answer's size follows from that text's length.
  if (encodedBytes !== undefined)
    knownAnswerBytes(out, jsonLengthWithRv(encodedBytes, object, revision))
  return out
}

/**
 * The answer to an update that stored `object` at `revision` (or found it stored there
 * already): the object, its Scale for /scale, a Success Status for a binding or an eviction.
 */
export function respondUpdated(
  ctx: ActorContext,
  ref: RequestRef,
  mutation: Mutation,
  object: KubeObject,
  revision: number,
  encodedBytes?: number,
): void {
  if (mutation.type === 'bind' || (mutation.type === 'graceful-delete' && mutation.eviction))
    return respond(ctx, ref, 201, SUCCESS_201)
  if (mutation.type === 'merge-patch' && mutation.scale)
    return respond(ctx, ref, 200, scaleOf(withRv(object, revision)))
  respond(ctx, ref, 200, withRv(object, revision, encodedBytes))
}
