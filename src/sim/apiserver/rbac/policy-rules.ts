import type { PolicyRule } from 'kubernetes-types/rbac/v1'

/** Rule builders in the spirit of rbacv1helpers.NewRule(...).Groups(...).Resources(...). */
export function rule(
  verbs: string[],
  apiGroups: string[],
  resources: string[],
  resourceNames?: string[],
): PolicyRule {
  return {
    apiGroups,
    resources,
    verbs,
    ...(resourceNames !== undefined ? { resourceNames } : {}),
  }
}

export function urlRule(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { nonResourceURLs, verbs }
}

// Verb sets. Source: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (v1.32)
export const READ = ['get', 'list', 'watch']
export const READ_WRITE = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
]
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection']

/** eventsRule(): create/update/patch on events in the core and events.k8s.io groups. */
export const EVENTS_RULE = rule(['create', 'update', 'patch'], ['', 'events.k8s.io'], ['events'])
