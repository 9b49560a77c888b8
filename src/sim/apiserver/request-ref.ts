import type { FlowStep } from '../network/types'
import type { HttpRequest } from '../runtime/messages'
import type { ParsedPath } from './path'
import type { RequestRef } from './state'
import { wantsTable } from './table'

/** Identifies the HTTP request an etcd call serves, so its answer can be routed back. */
export function requestRef(
  from: string,
  request: HttpRequest,
  path: ParsedPath,
  name: string,
  step?: FlowStep,
): RequestRef {
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
  return ref
}
