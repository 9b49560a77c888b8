import type { PolicyRule, RoleRef, Subject } from 'kubernetes-types/rbac/v1'
import type { RequestAttributes } from '../authz/attributes'
import type { PolicyIndex } from './policy-index'
import { describeSource, roleReferenceRules, subjectFor, type RuleSource } from './resolver'
import { ruleMismatch } from './rule-matching'

/** One rule of a binding the user is in, and whether it covers the request (and why not). */
export interface ExplainedRule {
  rule: PolicyRule
  matches: boolean
  whyNot?: string
}

/** One binding that applies to the user, with its role's rules checked against the request. */
export interface ExplainedBinding {
  bindingKind: 'ClusterRoleBinding' | 'RoleBinding'
  bindingName: string
  bindingNamespace?: string
  roleRef: RoleRef
  /** The subject that names this user: `User "bob"`, `Group "system:authenticated"`. */
  subject: string
  /** Set when the role does not exist (the binding then grants nothing). */
  roleError?: string
  rules: ExplainedRule[]
  allows: boolean
  /** The upstream source string, as in "RBAC: allowed by …". */
  description: string
}

/**
 * Every binding RBAC would look at for this request, not only up to the first match: what the
 * "why allowed / why denied" panel shows. The decision is the same as rbacAuthorize's: the
 * first allowing binding (in visiting order) is the one upstream names.
 */
export function explainRbac(
  index: PolicyIndex,
  attributes: RequestAttributes,
): { bindings: ExplainedBinding[]; notApplying: number } {
  const bindings: ExplainedBinding[] = []
  let notApplying = 0
  const consider = (
    source: Omit<RuleSource, 'subject'>,
    subjects: readonly Subject[] | undefined,
    namespace: string,
  ) => {
    const subject = subjectFor(attributes.user, subjects, namespace)
    if (!subject) {
      notApplying++
      return
    }
    const full: RuleSource = { ...source, subject }
    const rules = roleReferenceRules(index, source.roleRef, namespace)
    const explained: ExplainedRule[] =
      typeof rules === 'string'
        ? []
        : rules.map((rule) => {
            const whyNot = ruleMismatch(attributes, rule)
            return whyNot === undefined ? { rule, matches: true } : { rule, matches: false, whyNot }
          })
    bindings.push({
      ...source,
      subject: `${subject.kind} "${subject.name}"`,
      ...(typeof rules === 'string' ? { roleError: rules } : {}),
      rules: explained,
      allows: explained.some((r) => r.matches),
      description: describeSource(full),
    })
  }
  for (const [name, b] of index.clusterRoleBindings)
    consider(
      { bindingKind: 'ClusterRoleBinding', bindingName: name, roleRef: b.roleRef },
      b.subjects,
      '',
    )
  if (attributes.namespace !== '') {
    for (const [name, b] of index.roleBindings.get(attributes.namespace) ?? []) {
      consider(
        {
          bindingKind: 'RoleBinding',
          bindingName: name,
          bindingNamespace: attributes.namespace,
          roleRef: b.roleRef,
        },
        b.subjects,
        attributes.namespace,
      )
    }
  }
  return { bindings, notApplying }
}
