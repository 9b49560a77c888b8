import { findResource, type ResourceInfo } from './resources'
import type { IncomingRequest, RequestRef } from './state'
import { wantsTable } from './table'
import { writeManager } from './fieldmanager/apply-patch'

/** Identifies the HTTP request an etcd call serves, so its answer can be routed back. */
export function requestRef(incoming: IncomingRequest, name: string): RequestRef {
  const { from, request, path, step } = incoming
  const ref: RequestRef = {
    client: from,
    requestId: request.requestId,
    resource: path.info.resource,
    group: path.info.group,
    name,
  }
  if (path.namespace !== undefined) ref.namespace = path.namespace
  if (step !== undefined) ref.step = step
  if (wantsTable(request.accept)) ref.table = true
  if (incoming.path.subresource !== undefined) ref.subresource = incoming.path.subresource
  if (incoming.user) ref.user = incoming.user
  if (incoming.decoded.warnings.length > 0) ref.warnings = incoming.decoded.warnings
  if (request.method !== 'GET')
    ref.manager = writeManager(request.query, request.userAgent, incoming.user)
  return ref
}

/** The resource a request is about (its ref was made from a known resource, so it is found). */
export const infoOf = (ref: RequestRef): ResourceInfo =>
  findResource(ref.group, ref.resource) as ResourceInfo

/** The object a request is about, as a message's `about` names it. */
export function aboutRef(ref: RequestRef): { kind: string; name: string; namespace?: string } {
  const info = infoOf(ref)
  return ref.namespace !== undefined
    ? { kind: info.kind, name: ref.name, namespace: ref.namespace }
    : { kind: info.kind, name: ref.name }
}
