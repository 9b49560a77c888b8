import {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ANONYMOUS,
  resourceAttributes,
  serviceAccountGroups,
  splitServiceAccountUsername,
  type AuthenticatedUser,
  type RequestAttributes,
} from '../authz/attributes'
import type { Impersonation } from './credentials'

/**
 * Impersonation (kubectl --as / --as-group): the requester must be allowed to `impersonate`
 * the user (resource "users", or "serviceaccounts" in the account's namespace) and each group
 * (resource "groups"). The request then runs as the impersonated user, who is put in
 * system:authenticated (and, for a ServiceAccount, its groups) unless groups were given.
 * Source: staging/src/k8s.io/apiserver/pkg/endpoints/filters/impersonation.go WithImpersonation (v1.32)
 */
export function impersonationChecks(
  requester: AuthenticatedUser,
  impersonation: Impersonation,
): RequestAttributes[] {
  const checks: RequestAttributes[] = []
  const sa = splitServiceAccountUsername(impersonation.user)
  checks.push(
    sa
      ? resourceAttributes(requester, {
          verb: 'impersonate',
          resource: 'serviceaccounts',
          namespace: sa.namespace,
          name: sa.name,
        })
      : resourceAttributes(requester, {
          verb: 'impersonate',
          resource: 'users',
          name: impersonation.user,
        }),
  )
  for (const group of impersonation.groups)
    checks.push(
      resourceAttributes(requester, { verb: 'impersonate', resource: 'groups', name: group }),
    )
  return checks
}

/** The user the request runs as once every impersonation check passed. */
export function impersonatedUser(impersonation: Impersonation): AuthenticatedUser {
  const groups = [...impersonation.groups]
  const sa = splitServiceAccountUsername(impersonation.user)
  if (sa && groups.length === 0) groups.push(...serviceAccountGroups(sa.namespace))
  const named = groups.includes(ALL_AUTHENTICATED) || groups.includes(ALL_UNAUTHENTICATED)
  if (impersonation.user !== ANONYMOUS && !named) groups.push(ALL_AUTHENTICATED)
  return {
    name: impersonation.user,
    groups,
    extra: {},
  }
}
