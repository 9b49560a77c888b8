import type { HttpMethod } from '../../runtime/messages'
import type { AuthenticatedUser, RequestAttributes } from './attributes'

const METHOD_VERBS: Record<HttpMethod, string> = {
  GET: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
}

// Subresources of a namespace itself (/api/v1/namespaces/x/status), not namespaced resources.
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize'])

/**
 * The authorization attributes of an HTTP request: verb from the method (GET without a name is
 * list, or watch with ?watch=true; DELETE without a name is deletecollection), then API group,
 * namespace, resource, name and subresource from the path. Paths outside /api and /apis are
 * non-resource requests whose verb is the lower-cased method.
 * Source: staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go NewRequestInfo (v1.32)
 */
export function requestAttributes(
  user: AuthenticatedUser,
  method: HttpMethod,
  rawPath: string,
  query: Record<string, string>,
): RequestAttributes {
  const parts = segments(rawPath)
  const attrs: RequestAttributes = {
    user,
    verb: method.toLowerCase(),
    resourceRequest: false,
    path: rawPath,
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
  }
  // The index of the part after /api/<version> or /apis/<group>/<version>.
  let at: number
  if (parts[0] === 'api' && parts.length >= 3) {
    attrs.apiVersion = parts[1] ?? ''
    at = 2
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    attrs.apiGroup = parts[1] ?? ''
    attrs.apiVersion = parts[2] ?? ''
    at = 3
  } else {
    return attrs
  }
  attrs.resourceRequest = true
  attrs.verb = METHOD_VERBS[method]
  if (parts[at] === 'namespaces' && parts.length - at > 1) {
    attrs.namespace = parts[at + 1] ?? ''
    if (parts.length - at > 2 && !NAMESPACE_SUBRESOURCES.has(parts[at + 2] ?? '')) at += 2
  }
  attrs.resource = parts[at] ?? ''
  attrs.name = parts[at + 1] ?? ''
  attrs.subresource = parts[at + 2] ?? ''
  if (attrs.name === '' && attrs.verb === 'get') {
    attrs.verb = query['watch'] === '1' || query['watch'] === 'true' ? 'watch' : 'list'
    const byName = /(?:^|,)metadata\.name==?([^,]+)/.exec(query['fieldSelector'] ?? '')
    if (byName) attrs.name = byName[1] ?? ''
  }
  if (attrs.name === '' && attrs.verb === 'delete') attrs.verb = 'deletecollection'
  if (query['fieldSelector'] !== undefined) attrs.fieldSelector = query['fieldSelector']
  return attrs
}

/** The path's non-empty parts ("/api/v1/pods" → api, v1, pods), as one array. */
function segments(rawPath: string): string[] {
  const parts = rawPath.split('/')
  let kept = 0
  for (const part of parts) if (part !== '') parts[kept++] = part
  parts.length = kept
  return parts
}
