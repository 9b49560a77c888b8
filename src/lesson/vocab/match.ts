/**
 * Patterns an author writes to name things: an exact name (`etcd-1`), a wildcard (`etcd-*`,
 * `kubelet/*`), or a list of either (`[kube-apiserver, etcd-*]`). Case matters, as in Kubernetes.
 */
export type Pattern = string | readonly string[]

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`)
}

const compiled = new Map<string, RegExp>()

/** Whether `value` matches the pattern (any of a list). */
export function matches(pattern: Pattern, value: string): boolean {
  const list = typeof pattern === 'string' ? [pattern] : pattern
  return list.some((p) => {
    if (!p.includes('*')) return p === value
    let re = compiled.get(p)
    if (!re) {
      re = wildcard(p)
      compiled.set(p, re)
    }
    return re.test(value)
  })
}

/** A pattern as prose: `etcd-*` or `kube-apiserver or etcd-*`. */
export function patternText(pattern: Pattern): string {
  return typeof pattern === 'string' ? pattern : pattern.join(' or ')
}

/** `app=web,tier=front` → { app: 'web', tier: 'front' } (equality selectors, as kubectl -l). */
export function parseSelector(selector: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {}
  for (const part of selector.split(',')) {
    const [key, value, ...rest] = part.split('=')
    if (!key?.trim() || value === undefined || rest.length > 0) return undefined
    labels[key.trim()] = value.trim()
  }
  return labels
}

export function selectorMatches(
  selector: Record<string, string>,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v)
}
