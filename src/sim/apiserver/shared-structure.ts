import type { KubeObject } from '../model/objects'

/**
 * The watch cache holds one decoded copy of every object, shared by every informer. Most of a
 * Pod equals its siblings' (the ReplicaSet's template: containers, tolerations, volumes' sources,
 * owner, labels) and its own previous revision (a status update leaves the spec alone). Go's
 * decoder makes a new struct per object (the real cache has no such sharing); here the decoded object reuses
 * the equal parts of such a template instead of keeping its own copies: frozen values, so no
 * reader can tell, and a Pod costs about half. Only object identity depends on the template,
 * never a value.
 */

/**
 * Objects likely to share most of their structure: a ReplicaSet's Pods (Events, which shared
 * much with the last Event of their reason, are not in the cache at all: uncached.ts).
 */
export function familyOf(resource: string, object: KubeObject): string | undefined {
  const meta = object.metadata
  if (meta?.generateName !== undefined)
    return `${resource}/${meta.namespace ?? ''}/${meta.generateName}`
  return undefined
}

/**
 * `value` with every part that equals the same place in `template` replaced by the template's
 * part (strings too: equal ones become one copy). Changes `value` in place (a fresh decode, not
 * yet frozen); returns the template itself when the whole value equals it. One walk, bottom-up:
 * a part is the template's when all its children are.
 */
export function shareEqualParts(value: unknown, template: unknown): unknown {
  if (value === template) return template
  if (typeof value !== 'object' || value === null) return value
  if (typeof template !== 'object' || template === null) return value
  // A frozen part (the kubelet's status keeps parts of the patches it sent) cannot take the
  // template's children, but stands for it whole when equal.
  if (Object.isFrozen(value)) return equalJson(value, template) ? template : value
  if (Array.isArray(value)) {
    if (!Array.isArray(template)) return value
    let all = value.length === template.length
    for (let i = 0; i < value.length; i++) {
      const part = shareEqualParts(value[i], template[i])
      value[i] = part
      if (part !== template[i]) all = false
    }
    return all ? template : value
  }
  if (Array.isArray(template)) return value
  const v = value as Record<string, unknown>
  const t = template as Record<string, unknown>
  let all = true
  let keys = 0
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue
    keys++
    if (!Object.hasOwn(t, key)) {
      all = false
      continue
    }
    const part = shareEqualParts(v[key], t[key])
    v[key] = part
    if (part !== t[key]) all = false
  }
  if (all) for (const key in t) if (Object.hasOwn(t, key)) keys--
  return all && keys === 0 ? template : value
}

/** Whether two JSON values are equal (same keys and values; key order aside). */
function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  let keys = 0
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue
    keys++
    if (!Object.hasOwn(y, key) || !equalJson(x[key], y[key])) return false
  }
  for (const key in y) if (Object.hasOwn(y, key)) keys--
  return keys === 0
}
