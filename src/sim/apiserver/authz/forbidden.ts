import type { RequestAttributes } from './attributes'
import type { ApiError } from '../status'

/**
 * The 403 a denied request gets, word for word:
 *   pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"
 * forbiddenMessage builds the sentence; NewForbidden prefixes the qualified resource (and the
 * name, when the request names an object); a non-empty authorizer reason is appended after ": ".
 * Source: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go
 * Forbidden/forbiddenMessage and staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go
 * NewForbidden (v1.32)
 */
export function forbiddenMessage(attributes: RequestAttributes): string {
  const username = attributes.user.name
  if (!attributes.resourceRequest)
    return `User "${username}" cannot ${attributes.verb} path "${attributes.path}"`
  const resource =
    attributes.subresource === ''
      ? attributes.resource
      : `${attributes.resource}/${attributes.subresource}`
  const scope =
    attributes.namespace !== ''
      ? `in the namespace "${attributes.namespace}"`
      : 'at the cluster scope'
  return `User "${username}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.apiGroup}" ${scope}`
}

export function forbiddenError(attributes: RequestAttributes, reason: string): ApiError {
  const sentence = forbiddenMessage(attributes)
  const detail = reason === '' ? sentence : `${sentence}: ${reason}`
  const group = attributes.apiGroup
  const qualified =
    attributes.resource === ''
      ? ''
      : group === ''
        ? attributes.resource
        : `${attributes.resource}.${group}`
  const message =
    qualified === ''
      ? `forbidden: ${detail}`
      : attributes.name === ''
        ? `${qualified} is forbidden: ${detail}`
        : `${qualified} "${attributes.name}" is forbidden: ${detail}`
  return {
    code: 403,
    status: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Forbidden',
      details: {
        ...(attributes.name !== '' ? { name: attributes.name } : {}),
        ...(group !== '' ? { group } : {}),
        ...(attributes.resource !== '' ? { kind: attributes.resource } : {}),
      },
      code: 403,
    },
  }
}
