import { boundedIntern } from '../core/bounded-intern'
import { freezeShared } from '../core/share-clone'
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
 * a part is the template's when all its children are. With `sameOrder`, an object part stands
 * for an equal one only with its keys in the same order: the watch cache's objects are what the
 * API serves, and must read as their stored text does (the kubelet's kept status, never served,
 * takes the server copy's order on purpose: reported-status.ts).
 */
export function shareEqualParts(value: unknown, template: unknown, sameOrder = false): unknown {
  if (value === template) return template
  if (typeof value !== 'object' || value === null) return value
  if (typeof template !== 'object' || template === null) return value
  // A frozen part (the kubelet's status keeps parts of the patches it sent) cannot take the
  // template's children, but stands for it whole when equal.
  if (Object.isFrozen(value)) return equalJson(value, template, sameOrder) ? template : value
  if (Array.isArray(value)) {
    if (!Array.isArray(template)) return value
    let all = value.length === template.length
    for (let i = 0; i < value.length; i++) {
      const part = shareEqualParts(value[i], template[i], sameOrder)
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
    const part = shareEqualParts(v[key], t[key], sameOrder)
    v[key] = part
    if (part !== t[key]) all = false
  }
  if (all) for (const key in t) if (Object.hasOwn(t, key)) keys--
  return all && keys === 0 && (!sameOrder || sameKeyOrder(v, t)) ? template : value
}

function sameKeyOrder(a: object, b: object): boolean {
  const x = Object.keys(a)
  const y = Object.keys(b)
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return x.length === y.length
}

/** Whether two JSON values are equal (same keys and values; with `sameOrder`, keys in one order). */
function equalJson(a: unknown, b: unknown, sameOrder: boolean): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  if (sameOrder && !sameKeyOrder(x, y)) return false
  let keys = 0
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue
    keys++
    if (!Object.hasOwn(y, key) || !equalJson(x[key], y[key], sameOrder)) return false
  }
  for (const key in y) if (Object.hasOwn(y, key)) keys--
  return keys === 0
}

// What is left of a decoded object after sharing with its sibling and previous revision repeats
// across objects in other places: a Pod's times (its conditions and start share the second its
// siblings started in), its IPs in two fields each, its node's hostIP, the projected volume's
// name in the mount and the volume. JSON.parse makes a new string or object for each; one copy
// of each recent one is kept here. Only identity depends on these tables, never a value: they
// live outside the sim state and start again when full (core/bounded-intern.ts).
const MAX_INTERNED = 16_384
// Strings this short V8 keeps once already; longer ones are names and texts that rarely repeat.
const MIN_INTERNED_CHARS = 11
const MAX_INTERNED_CHARS = 80
// Small parts only (a condition, an {ip} and its list, a container state): their JSON is their key.
const MAX_PART_MEMBERS = 4
const internedString = boundedIntern<string>(
  MAX_INTERNED,
  'apiserver/shared-structure.ts internedString',
)
const internedPart = boundedIntern<object>(
  MAX_INTERNED,
  'apiserver/shared-structure.ts internedPart',
)
// Parts kept in `parts` (they may be members of a larger part that is kept too).
const interned = new WeakSet<object>()

function internString(s: string): string {
  if (s.length < MIN_INTERNED_CHARS || s.length > MAX_INTERNED_CHARS) return s
  return internedString(s, s)
}

/**
 * `value` (a fresh decode, or parts of one) with its strings and small parts (at most
 * MAX_PART_MEMBERS members, each a string, number, boolean, null or such a part) replaced by
 * equal ones interned before. Changes fresh parts in place and freezes the parts it keeps (the
 * cache freezes the whole object next); frozen parts are already shared and stay as they are.
 * An interned part has the same keys in the same order (its JSON text is its key), so no
 * reader can tell.
 */
export function internParts(value: unknown): unknown {
  if (typeof value === 'string') return internString(value)
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  let small = true
  let members = 0
  const v = value as Record<string, unknown>
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue
    members++
    const part = internParts(v[key])
    v[key] = part
    if (typeof part === 'object' && part !== null && !interned.has(part)) small = false
  }
  if (!small || members === 0 || members > MAX_PART_MEMBERS) return value
  const part = internedPart(JSON.stringify(value), value)
  if (part !== value) return part
  interned.add(freezeShared(value))
  return value
}
