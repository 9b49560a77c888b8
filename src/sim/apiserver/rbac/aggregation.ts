import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1'
import { matchesLabels } from '../../model/objects'

/**
 * ClusterRole aggregation: an aggregated role's rules are the union of the rules of every
 * ClusterRole its clusterRoleSelectors match, in name order, without duplicates. The
 * clusterrole-aggregation-controller writes the result into the role's rules; RBAC itself only
 * ever reads rules.
 * Source: pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go syncClusterRole (v1.32)
 */
export function aggregatedRules(
  target: ClusterRole,
  allRoles: Iterable<ClusterRole>,
): PolicyRule[] | undefined {
  const selectors = target.aggregationRule?.clusterRoleSelectors
  if (!selectors || selectors.length === 0) return undefined
  const name = target.metadata?.name
  const matching = new Map<string, ClusterRole>()
  for (const selector of selectors) {
    for (const role of allRoles) {
      const roleName = role.metadata?.name ?? ''
      if (roleName === name) continue
      if (selectorMatches(selector.matchLabels, role.metadata?.labels)) matching.set(roleName, role)
    }
  }
  const rules: PolicyRule[] = []
  for (const roleName of [...matching.keys()].sort()) {
    for (const rule of matching.get(roleName)?.rules ?? [])
      if (!rules.some((r) => sameRule(r, rule))) rules.push(rule)
  }
  return rules
}

function selectorMatches(
  matchLabels: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  // An empty selector matches everything (labels.SelectorFromSet of an empty set).
  if (!matchLabels || Object.keys(matchLabels).length === 0) return true
  return matchesLabels(labels, matchLabels)
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i])

/** equality.Semantic.DeepEqual on two rules (ruleExists). */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return (
    sameList(a.verbs, b.verbs) &&
    sameList(a.apiGroups, b.apiGroups) &&
    sameList(a.resources, b.resources) &&
    sameList(a.resourceNames, b.resourceNames) &&
    sameList(a.nonResourceURLs, b.nonResourceURLs)
  )
}

export function sameRules(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((r, i) => sameRule(r, b[i] as PolicyRule))
}
