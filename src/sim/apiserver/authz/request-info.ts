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
  const parts = rawPath.split('/').filter((p) => p !== '')
  const base: RequestAttributes = {
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
  let rest: string[]
  if (parts[0] === 'api' && parts.length >= 3) {
    base.apiVersion = parts[1] ?? ''
    rest = parts.slice(2)
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    base.apiGroup = parts[1] ?? ''
    base.apiVersion = parts[2] ?? ''
    rest = parts.slice(3)
  } else {
    return base
  }
  const attrs: RequestAttributes = { ...base, resourceRequest: true, verb: METHOD_VERBS[method] }
  if (rest[0] === 'namespaces' && rest.length > 1) {
    attrs.namespace = rest[1] ?? ''
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) rest = rest.slice(2)
  }
  attrs.resource = rest[0] ?? ''
  attrs.name = rest[1] ?? ''
  attrs.subresource = rest[2] ?? ''
  if (attrs.name === '' && attrs.verb === 'get') {
    attrs.verb = query['watch'] === '1' || query['watch'] === 'true' ? 'watch' : 'list'
    const byName = /(?:^|,)metadata\.name==?([^,]+)/.exec(query['fieldSelector'] ?? '')
    if (byName) attrs.name = byName[1] ?? ''
  }
  if (attrs.name === '' && attrs.verb === 'delete') attrs.verb = 'deletecollection'
  if (query['fieldSelector'] !== undefined) attrs.fieldSelector = query['fieldSelector']
  return attrs
}
