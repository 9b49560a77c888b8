import type { AuthorizationRecord, ExplainedRule } from '../../../sim/index'

/** "✓ bob list pods in default", "✗ 403 bob get secrets/db in default": one line per decision. */
export function decisionSummary(d: AuthorizationRecord): string {
  const mark = d.review ? `can-i ${d.allowed ? 'yes' : 'no'}:` : d.allowed ? '✓' : `✗ ${d.code}`
  const who = d.user?.name ?? 'unauthenticated'
  const a = d.attributes
  if (!a) return `${mark} ${d.request}`
  const what = a.path !== '' ? a.path : `${resourceText(a)}${a.name !== '' ? `/${a.name}` : ''}`
  const where = a.namespace !== '' ? ` in ${a.namespace}` : ''
  return `${mark} ${who} ${a.verb} ${what}${where}`
}

export function resourceText(a: {
  resource: string
  subresource: string
  apiGroup: string
}): string {
  const resource = a.subresource !== '' ? `${a.resource}/${a.subresource}` : a.resource
  return a.apiGroup === '' ? resource : `${resource}.${a.apiGroup}`
}

const list = (values: readonly string[] | undefined): string =>
  (values ?? []).map((v) => (v === '' ? '""' : v)).join(', ')

/** A rule as one short line: "get, list pods in "" (names: web)". */
export function ruleText(r: ExplainedRule['rule']): string {
  if ((r.nonResourceURLs ?? []).length > 0) return `${list(r.verbs)} ${list(r.nonResourceURLs)}`
  const names = (r.resourceNames ?? []).length > 0 ? ` (names: ${list(r.resourceNames)})` : ''
  return `${list(r.verbs)} · ${list(r.resources)} · group ${list(r.apiGroups)}${names}`
}

/** The headline: who decided, or why nobody allowed. */
export function outcomeText(d: AuthorizationRecord): string {
  if (d.review)
    return d.allowed
      ? 'kubectl auth can-i: yes — a rule allows it'
      : 'kubectl auth can-i: no — no rule allows it'
  if (d.code === 401) return 'Unauthorized (401): authentication failed'
  if (d.allowed)
    return d.decidedBy === 'Node' ? 'Allowed by the Node authorizer' : 'Allowed by RBAC'
  return 'Forbidden (403): no rule allows it'
}
