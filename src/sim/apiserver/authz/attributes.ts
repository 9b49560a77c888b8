/**
 * Who is asking and what for: the authenticated user and the request's authorization attributes.
 * Source: staging/src/k8s.io/apiserver/pkg/authentication/user/user.go and
 * staging/src/k8s.io/apiserver/pkg/authorization/authorizer/interfaces.go (v1.32)
 */
export interface AuthenticatedUser {
  name: string
  uid?: string
  groups: string[]
  extra?: Record<string, string[]>
}

/** authorizer.Attributes: a resource request (verb on group/resource) or a non-resource path. */
export interface RequestAttributes {
  user: AuthenticatedUser
  verb: string
  resourceRequest: boolean
  /** For non-resource requests: the URL path, e.g. "/healthz". */
  path: string
  apiGroup: string
  apiVersion: string
  resource: string
  subresource: string
  namespace: string
  name: string
  /** The request's field selector, which the Node authorizer reads for list/watch of pods. */
  fieldSelector?: string
}

/** A resource request's attributes with defaults for the fields a test does not care about. */
export function resourceAttributes(
  user: AuthenticatedUser,
  fields: Partial<Omit<RequestAttributes, 'user' | 'resourceRequest'>> & { verb: string },
): RequestAttributes {
  return {
    user,
    resourceRequest: true,
    path: '',
    apiGroup: '',
    apiVersion: 'v1',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
    ...fields,
  }
}

export function nonResourceAttributes(
  user: AuthenticatedUser,
  verb: string,
  path: string,
): RequestAttributes {
  return {
    user,
    verb,
    resourceRequest: false,
    path,
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
  }
}

// Well-known users and groups. Source: staging/src/k8s.io/apiserver/pkg/authentication/user/user.go (v1.32)
export const SYSTEM_MASTERS = 'system:masters'
export const ALL_AUTHENTICATED = 'system:authenticated'
export const ALL_UNAUTHENTICATED = 'system:unauthenticated'
export const ANONYMOUS = 'system:anonymous'
export const NODES_GROUP = 'system:nodes'
export const KUBE_SCHEDULER = 'system:kube-scheduler'
export const KUBE_CONTROLLER_MANAGER = 'system:kube-controller-manager'
export const KUBE_PROXY = 'system:kube-proxy'

// Source: staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go (v1.32)
export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:'
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts'

/** "system:serviceaccount:default:ci-bot" */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`
}

/** The namespace and name of a ServiceAccount username, or undefined for other users. */
export function splitServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':')
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined
  return { namespace: parts[0] ?? '', name: parts[1] ?? '' }
}

/** The groups every ServiceAccount is in: system:serviceaccounts and system:serviceaccounts:<ns>. */
export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`]
}
