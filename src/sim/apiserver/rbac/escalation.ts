import type { PolicyRule, RoleRef } from 'kubernetes-types/rbac/v1'
import type { KubeObject } from '../../model/objects'
import { breakdownRule, compactRules } from '../../kubectl/rules-table'
import { SYSTEM_MASTERS, resourceAttributes, type AuthenticatedUser } from '../authz/attributes'
import { authorize, type AuthzIndex } from '../authz/authorize'
import { qualifiedResource, type ResourceInfo } from '../resources'
import type { ApiError } from '../status'
import { roleReferenceRules, rulesFor } from './resolver'

/**
 * RBAC's privilege-escalation prevention: you may create or update a Role only with rules you
 * already hold (unless you may `escalate` roles), and a binding only to a role whose rules you
 * hold (unless you may `bind` that role). system:masters is exempt.
 * Source: pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased/storage.go,
 * pkg/registry/rbac/escalation_check.go, component-helpers/auth/rbac/validation/policy_comparator.go
 * Covers, pkg/registry/rbac/validation/rule.go ConfirmNoEscalation (v1.32)
 */
const has = (set: readonly string[] | undefined, item: string): boolean =>
  (set ?? []).includes(item)

function resourceCovers(owner: readonly string[], resource: string): boolean {
  if (has(owner, '*') || has(owner, resource)) return true
  const slash = resource.indexOf('/')
  return slash >= 0 && has(owner, `*/${resource.slice(slash + 1)}`)
}

function urlCovers(owner: readonly string[], url: string): boolean {
  return owner.some(
    (o) => o === '*' || o === url || (o.endsWith('*') && url.startsWith(o.replace(/\*+$/, ''))),
  )
}

/** ruleCovers for one broken-down rule (one verb, one group, one resource, at most one name). */
function covers(owner: PolicyRule, servant: PolicyRule): boolean {
  const verb = servant.verbs[0] ?? ''
  if (!has(owner.verbs, '*') && !has(owner.verbs, verb)) return false
  const url = servant.nonResourceURLs?.[0]
  if (url !== undefined) return urlCovers(owner.nonResourceURLs ?? [], url)
  const group = servant.apiGroups?.[0] ?? ''
  if (!has(owner.apiGroups, '*') && !has(owner.apiGroups, group)) return false
  if (!resourceCovers(owner.resources ?? [], servant.resources?.[0] ?? '')) return false
  const ownerNames = owner.resourceNames ?? []
  const name = servant.resourceNames?.[0]
  return ownerNames.length === 0 || (name !== undefined && ownerNames.includes(name))
}

const goQuote = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`

/** rbacv1helpers.CompactString. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = []
  if ((r.apiGroups ?? []).length > 0) parts.push(`APIGroups:${goQuote(r.apiGroups ?? [])}`)
  if ((r.resources ?? []).length > 0) parts.push(`Resources:${goQuote(r.resources ?? [])}`)
  if ((r.nonResourceURLs ?? []).length > 0)
    parts.push(`NonResourceURLs:${goQuote(r.nonResourceURLs ?? [])}`)
  if ((r.resourceNames ?? []).length > 0)
    parts.push(`ResourceNames:${goQuote(r.resourceNames ?? [])}`)
  if (r.verbs.length > 0) parts.push(`Verbs:${goQuote(r.verbs)}`)
  return `{${parts.join(', ')}}`
}

/** The rules the user does not hold, compacted, or an empty list. */
export function missingRules(
  owned: readonly PolicyRule[],
  wanted: readonly PolicyRule[],
): PolicyRule[] {
  const missing = wanted.flatMap(breakdownRule).filter((s) => !owned.some((o) => covers(o, s)))
  return compactRules(missing)
}

function forbidden(
  info: ResourceInfo,
  name: string,
  user: AuthenticatedUser,
  missing: PolicyRule[],
): ApiError {
  const lines = [...new Set(missing.map(compactString))].sort()
  const detail = `user ${JSON.stringify(user.name)} (groups=${goQuote(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`
  const message = `${qualifiedResource(info)} "${name}" is forbidden: ${detail}`
  return {
    code: 403,
    status: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Forbidden',
      details: { name, group: info.group, kind: info.resource },
      code: 403,
    },
  }
}

/** The escalation check for a Role, ClusterRole or binding being created or updated. */
export function escalationError(
  index: AuthzIndex,
  info: ResourceInfo,
  object: KubeObject,
  user: AuthenticatedUser | undefined,
  namespace: string,
): ApiError | undefined {
  if (!user || user.groups.includes(SYSTEM_MASTERS)) return undefined
  const name = object.metadata?.name ?? ''
  const allowedTo = (verb: string, resource: string, target: string, ns: string) =>
    authorize(
      index,
      resourceAttributes(user, {
        verb,
        apiGroup: 'rbac.authorization.k8s.io',
        resource,
        name: target,
        namespace: ns,
      }),
    ).allowed
  let wanted: PolicyRule[]
  if (info.kind === 'Role' || info.kind === 'ClusterRole') {
    if (allowedTo('escalate', info.resource, name, namespace)) return undefined
    wanted = (object['rules'] ?? []) as PolicyRule[]
  } else if (info.kind === 'RoleBinding' || info.kind === 'ClusterRoleBinding') {
    const ref = object['roleRef'] as RoleRef
    const refResource = ref.kind === 'Role' ? 'roles' : 'clusterroles'
    if (allowedTo('bind', refResource, ref.name, ref.kind === 'Role' ? namespace : ''))
      return undefined
    const rules = roleReferenceRules(index.policy, ref, namespace)
    if (typeof rules === 'string') {
      const message = `${refResource}.rbac.authorization.k8s.io "${ref.name}" not found`
      const status = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason: 'NotFound',
        details: { name: ref.name, group: 'rbac.authorization.k8s.io', kind: refResource },
        code: 404,
      }
      return { code: 404, status }
    }
    wanted = rules
  } else {
    return undefined
  }
  const missing = missingRules(rulesFor(index.policy, user, namespace).rules, wanted)
  return missing.length > 0 ? forbidden(info, name, user, missing) : undefined
}
