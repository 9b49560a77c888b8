import type { PolicyRule } from 'kubernetes-types/rbac/v1'
import type { RequestAttributes } from '../authz/attributes'

/**
 * Whether one PolicyRule covers a request, exactly as RBAC decides it: every dimension must
 * match, "*" matches anything, "*\/sub" matches any resource's subresource, and an empty
 * resourceNames means every name.
 * Source: pkg/apis/rbac/v1/evaluation_helpers.go and RuleAllows in
 * plugin/pkg/auth/authorizer/rbac/rbac.go (v1.32)
 */
// includes rather than .some(closure) or for…of (an iterator each): every request is matched
// against dozens of rules.
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return includesOrStar(rule.verbs, verb)
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return includesOrStar(rule.apiGroups, group)
}

function includesOrStar(values: readonly string[] | undefined, value: string): boolean {
  return values !== undefined && (values.includes('*') || values.includes(value))
}

export function resourceMatches(
  rule: PolicyRule,
  combinedResource: string,
  subresource: string,
): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combinedResource) return true
    if (subresource === '') continue
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource))
      return true
  }
  return false
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? []
  return names.length === 0 || names.includes(name)
}

export function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (url) =>
      url === '*' ||
      url === path ||
      (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))),
  )
}

/** "pods" or "pods/log": the resource a rule's resources list is compared with. */
export function combinedResource(attributes: RequestAttributes): string {
  return attributes.subresource === ''
    ? attributes.resource
    : `${attributes.resource}/${attributes.subresource}`
}

export function ruleAllows(attributes: RequestAttributes, rule: PolicyRule): boolean {
  if (attributes.resourceRequest) {
    return (
      verbMatches(rule, attributes.verb) &&
      apiGroupMatches(rule, attributes.apiGroup) &&
      resourceMatches(rule, combinedResource(attributes), attributes.subresource) &&
      resourceNameMatches(rule, attributes.name)
    )
  }
  return verbMatches(rule, attributes.verb) && nonResourceUrlMatches(rule, attributes.path)
}

/** Whether any of `rules` covers the request (RBAC's VisitRulesFor stopping at the first). */
export function anyRuleAllows(
  attributes: RequestAttributes,
  rules: readonly PolicyRule[],
): boolean {
  return rules.some((rule) => ruleAllows(attributes, rule))
}

/**
 * Why a rule does not cover a request, in words (the first dimension that fails, in RuleAllows'
 * order), or undefined when it does. For the "why denied" panel; RBAC itself only needs yes/no.
 */
export function ruleMismatch(attributes: RequestAttributes, rule: PolicyRule): string | undefined {
  const list = (values: readonly string[] | undefined) =>
    `[${(values ?? []).map((v) => (v === '' ? '""' : v)).join(', ')}]`
  if (!verbMatches(rule, attributes.verb))
    return `verb "${attributes.verb}" is not in verbs ${list(rule.verbs)}`
  if (!attributes.resourceRequest) {
    if (!nonResourceUrlMatches(rule, attributes.path))
      return `path "${attributes.path}" is not in nonResourceURLs ${list(rule.nonResourceURLs)}`
    return undefined
  }
  if (!apiGroupMatches(rule, attributes.apiGroup))
    return `API group "${attributes.apiGroup}" is not in apiGroups ${list(rule.apiGroups)}`
  const resource = combinedResource(attributes)
  if (!resourceMatches(rule, resource, attributes.subresource))
    return `resource "${resource}" is not in resources ${list(rule.resources)}`
  if (!resourceNameMatches(rule, attributes.name)) {
    return attributes.name === ''
      ? `the rule is limited to resourceNames ${list(rule.resourceNames)} and a ${attributes.verb} names no object`
      : `name "${attributes.name}" is not in resourceNames ${list(rule.resourceNames)}`
  }
  return undefined
}
