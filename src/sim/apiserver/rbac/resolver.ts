import type { PolicyRule, RoleRef, Subject } from 'kubernetes-types/rbac/v1'
import { SERVICE_ACCOUNT_PREFIX, type AuthenticatedUser } from '../authz/attributes'
import type { PolicyIndex } from './policy-index'

/**
 * Which rules apply to a user in a namespace: every ClusterRoleBinding naming the user (or one
 * of their groups, or their ServiceAccount), then every RoleBinding in the namespace. A binding
 * whose role is missing contributes an error, never a denial: RBAC is allow-only.
 * Source: pkg/registry/rbac/validation/rule.go VisitRulesFor, appliesTo, describeSubject (v1.32)
 */
export interface RuleSource {
  bindingKind: 'ClusterRoleBinding' | 'RoleBinding'
  bindingName: string
  /** The RoleBinding's namespace; absent for ClusterRoleBindings. */
  bindingNamespace?: string
  roleRef: RoleRef
  subject: Subject
}

export type RuleVisitor = (
  source: RuleSource | undefined,
  rule: PolicyRule | undefined,
  error: string | undefined,
) => boolean

/** `Group "system:masters"`, `ServiceAccount "ci-bot/default"` (describeSubject). */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    const namespace = subject.namespace ?? ''
    return `${subject.kind} "${subject.name}/${namespace === '' ? bindingNamespace : namespace}"`
  }
  return `${subject.kind} "${subject.name}"`
}

/** The source's String(): `ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"`. */
export function describeSource(source: RuleSource): string {
  const binding =
    source.bindingKind === 'RoleBinding'
      ? `${source.bindingName}/${source.bindingNamespace ?? ''}`
      : source.bindingName
  return `${source.bindingKind} "${binding}" of ${source.roleRef.kind} "${source.roleRef.name}" to ${describeSubject(source.subject, source.bindingNamespace ?? '')}`
}

export function appliesToUser(
  user: AuthenticatedUser,
  subject: Subject,
  namespace: string,
): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name
    case 'Group':
      return user.groups.includes(subject.name)
    case 'ServiceAccount': {
      const own = subject.namespace ?? ''
      const saNamespace = own === '' ? namespace : own
      if (saNamespace === '') return false
      return isServiceAccountUser(user.name, saNamespace, subject.name)
    }
    default:
      return false
  }
}

/**
 * Whether `username` is system:serviceaccount:<namespace>:<name>, as splitServiceAccountUsername
 * would split it (two non-empty parts without ":"), read in place: every request's authorization
 * asks this of every ServiceAccount subject of every binding, and splitting the name each time
 * was a string and an array per subject.
 */
export function isServiceAccountUser(username: string, namespace: string, name: string): boolean {
  const prefix = SERVICE_ACCOUNT_PREFIX.length
  if (namespace === '' || name === '' || namespace.includes(':') || name.includes(':')) return false
  return (
    username.length === prefix + namespace.length + 1 + name.length &&
    username.startsWith(SERVICE_ACCOUNT_PREFIX) &&
    username.startsWith(namespace, prefix) &&
    username.charCodeAt(prefix + namespace.length) === 0x3a &&
    username.endsWith(name)
  )
}

/** The first subject of a binding that applies to the user, or undefined. */
export function subjectFor(
  user: AuthenticatedUser,
  subjects: readonly Subject[] | undefined,
  namespace: string,
): Subject | undefined {
  return (subjects ?? []).find((s) => appliesToUser(user, s, namespace))
}

/** The rules a role reference resolves to, or the lister's NotFound text. */
export function roleReferenceRules(
  index: PolicyIndex,
  roleRef: RoleRef,
  bindingNamespace: string,
): PolicyRule[] | string {
  if (roleRef.kind === 'Role') {
    const role = index.roles.get(`${bindingNamespace}/${roleRef.name}`)
    return role ? (role.rules ?? []) : `role.rbac.authorization.k8s.io "${roleRef.name}" not found`
  }
  if (roleRef.kind === 'ClusterRole') {
    const role = index.clusterRoles.get(roleRef.name)
    return role
      ? (role.rules ?? [])
      : `clusterrole.rbac.authorization.k8s.io "${roleRef.name}" not found`
  }
  return `unsupported role reference kind: "${roleRef.kind}"`
}

function visitBinding(index: PolicyIndex, source: RuleSource, visitor: RuleVisitor): boolean {
  const rules = roleReferenceRules(index, source.roleRef, source.bindingNamespace ?? '')
  if (typeof rules === 'string') return visitor(undefined, undefined, rules)
  for (const rule of rules) if (!visitor(source, rule, undefined)) return false
  return true
}

export function visitRulesFor(
  index: PolicyIndex,
  user: AuthenticatedUser,
  namespace: string,
  visitor: RuleVisitor,
): void {
  for (const [name, binding] of index.clusterRoleBindings) {
    const subject = subjectFor(user, binding.subjects, '')
    if (!subject) continue
    const source: RuleSource = {
      bindingKind: 'ClusterRoleBinding',
      bindingName: name,
      roleRef: binding.roleRef,
      subject,
    }
    if (!visitBinding(index, source, visitor)) return
  }
  if (namespace === '') return
  for (const [name, binding] of index.roleBindings.get(namespace) ?? []) {
    const subject = subjectFor(user, binding.subjects, namespace)
    if (!subject) continue
    const source: RuleSource = {
      bindingKind: 'RoleBinding',
      bindingName: name,
      bindingNamespace: namespace,
      roleRef: binding.roleRef,
      subject,
    }
    if (!visitBinding(index, source, visitor)) return
  }
}

/** Every rule that applies, plus the resolution errors (RulesFor), for SelfSubjectRulesReview. */
export function rulesFor(
  index: PolicyIndex,
  user: AuthenticatedUser,
  namespace: string,
): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = []
  const errors: string[] = []
  visitRulesFor(index, user, namespace, (_source, rule, error) => {
    if (rule) rules.push(rule)
    if (error !== undefined) errors.push(error)
    return true
  })
  return { rules, errors }
}

/** utilerrors.NewAggregate(errs).Error(): one error as is, several as "[a, b]". */
export function aggregateErrors(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`
}
