import type { PolicyRule } from 'kubernetes-types/rbac/v1'
import { alignTabs } from '../printers/tabwriter'

/**
 * `kubectl auth can-i --list`'s table: every rule broken down to one verb × group × resource ×
 * name, compacted back by (group, resource, name), sorted by the rule's Go String() (which
 * begins with the verbs), and printed with CombineResourceGroup.
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go printStatus, kubectl/pkg/util/rbac/rbac.go
 * BreakdownRule/CompactRules, kubectl/pkg/describe/describe.go CombineResourceGroup (v1.32)
 */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = []
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? []
        if (names.length > 0)
          for (const name of names)
            out.push({
              apiGroups: [group],
              resources: [resource],
              verbs: [verb],
              resourceNames: [name],
            })
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] })
      }
  for (const url of rule.nonResourceURLs ?? [])
    for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] })
  return out
}

export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = []
  const simple = new Map<string, PolicyRule>()
  for (const rule of rules) {
    const isSimple =
      (rule.resourceNames ?? []).length <= 1 &&
      (rule.nonResourceURLs ?? []).length === 0 &&
      (rule.apiGroups ?? []).length === 1 &&
      (rule.resources ?? []).length === 1
    if (!isSimple) {
      compacted.push(rule)
      continue
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources, rule.resourceNames ?? null])
    const existing = simple.get(key)
    if (existing) existing.verbs = [...existing.verbs, ...rule.verbs]
    else simple.set(key, { ...rule, verbs: [...rule.verbs] })
  }
  return [...compacted, ...simple.values()]
}

/** Go's %v of a []string: [a b c]; [""] prints as []. */
const goList = (values: readonly string[] | undefined): string => `[${(values ?? []).join(' ')}]`

/** The generated PolicyRule.String(), the sort key kubectl uses. */
export function ruleString(rule: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(rule.verbs)},APIGroups:${goList(rule.apiGroups)},Resources:${goList(rule.resources)},ResourceNames:${goList(rule.resourceNames)},NonResourceURLs:${goList(rule.nonResourceURLs)},}`
}

export function combineResourceGroup(
  resources: readonly string[] | undefined,
  groups: readonly string[] | undefined,
): string {
  const first = resources?.[0]
  if (first === undefined) return ''
  const [resource = '', sub] = first.split(/\/(.*)/s)
  let combined = resource
  const group = groups?.[0]
  if (group !== undefined && group !== '') combined += `.${group}`
  if (sub !== undefined) combined += `/${sub}`
  return combined
}

export function rulesTable(rules: readonly PolicyRule[], noHeaders: boolean): string {
  const compact = compactRules(rules.flatMap(breakdownRule))
  const sorted = compact
    .map((rule, i) => ({ rule, i, key: ruleString(rule) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i))
    .map((x) => x.rule)
  const lines = noHeaders ? [] : ['Resources\tNon-Resource URLs\tResource Names\tVerbs']
  for (const r of sorted)
    lines.push(
      `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`,
    )
  return alignTabs(`${lines.join('\n')}\n`).replace(/\n$/, '')
}
