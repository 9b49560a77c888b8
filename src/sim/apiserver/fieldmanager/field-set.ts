import { isAtomicObject, KEY_DEFAULTS, listTypeAt, type ListType } from './field-schema'

/**
 * Sets of field paths, as structured-merge-diff's fieldpath.Set, and their FieldsV1 encoding in
 * managedFields. A path is a list of elements: "f:<field>", "k:<key fields as JSON>" (an item of
 * an associative list), "v:<value as JSON>" (an item of a set), "i:<index>".
 * Source: sigs.k8s.io/structured-merge-diff/v4 fieldpath/{element,path,set,serialize}.go and
 * typed/{tofieldset,compare}.go, as k8s.io/apimachinery v0.32 vendors it.
 */

/** One path of the object: its value (JSON, for comparing) and what kind of node it is. */
interface Node {
  /** Canonical JSON of a leaf; "" for items and structs, whose own value is not compared. */
  value: string
  /** leaf: a scalar or an atomic value; item: a list item (has "." when it has children); node: a struct or map. */
  kind: 'leaf' | 'item' | 'node'
}

/** Every path of an object, keyed by the path's elements joined with "\n". */
export type ObjectPaths = Map<string, Node>

/** A set of paths (keys as ObjectPaths keys). */
export type FieldSet = Set<string>

/** What a manager's FieldsV1 looks like: {"f:spec": {"f:replicas": {}}}; "." marks a member. */
export interface FieldsV1 {
  [element: string]: FieldsV1
}

const SEPARATOR = '\n'

export const pathKey = (path: readonly string[]): string => path.join(SEPARATOR)
export const pathOf = (key: string): string[] => (key === '' ? [] : key.split(SEPARATOR))

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`
  }
  // JSON.stringify(undefined) is undefined, whatever its declared type says.
  return value === undefined ? 'null' : JSON.stringify(value)
}

/** An associative list item's key element: k:{"containerPort":80,"protocol":"TCP"}. */
export function keyElement(item: unknown, list: Extract<ListType, { type: 'map' }>): string {
  const fields = isPlainObject(item) ? item : {}
  const key: Record<string, unknown> = {}
  for (const name of [...list.keys].sort()) {
    const value = fields[name] ?? KEY_DEFAULTS[name]
    if (value !== undefined) key[name] = value
  }
  return `k:${canonicalJson(key)}`
}

/** The element naming one item of a list at `path`. */
export function itemElement(item: unknown, index: number, path: readonly string[]): string {
  const list = listTypeAt(path)
  if (list.type === 'map') return keyElement(item, list)
  if (list.type === 'set') return `v:${canonicalJson(item)}`
  return `i:${index}`
}

// Never owned (stripmeta.go: NewStripMetaManager's excluded fields, v1.32).
const STRIPPED_METADATA = new Set([
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'clusterName',
  'generation',
  'managedFields',
  'resourceVersion',
])

/**
 * Which part of an object a write may own: the main resource resets status (its strategy's
 * GetResetFields), a /status write owns status only.
 */
export type Scope = 'main' | 'status'

/** Every path of an object, minus what no manager owns (stripmeta.go) and what the scope resets. */
export function objectPaths(object: Record<string, unknown>, scope: Scope): ObjectPaths {
  const out: ObjectPaths = new Map()
  for (const [field, value] of Object.entries(object)) {
    if (value === undefined || field === 'apiVersion' || field === 'kind') continue
    if ((field === 'status') !== (scope === 'status')) continue
    if (field === 'metadata' && isPlainObject(value)) {
      const kept = Object.entries(value).filter(([k]) => !STRIPPED_METADATA.has(k))
      if (kept.length > 0) walk(Object.fromEntries(kept), ['f:metadata'], out)
      continue
    }
    walk(value, [`f:${field}`], out)
  }
  return out
}

function walk(value: unknown, path: string[], out: ObjectPaths): void {
  if (Array.isArray(value)) {
    const list = listTypeAt(path)
    if (list.type === 'atomic') {
      out.set(pathKey(path), { value: canonicalJson(value), kind: 'leaf' })
      return
    }
    // The list field itself is no member (only its items are): `f:containers` never gets ".".
    value.forEach((item, index) => {
      const itemPath = [...path, itemElement(item, index, path)]
      if (list.type === 'set' || !isPlainObject(item)) {
        out.set(pathKey(itemPath), { value: canonicalJson(item), kind: 'leaf' })
        return
      }
      out.set(pathKey(itemPath), { value: '', kind: 'item' })
      walkFields(item, itemPath, out)
    })
    return
  }
  if (isPlainObject(value) && !isAtomicObject(path) && Object.keys(value).length > 0) {
    out.set(pathKey(path), { value: '', kind: 'node' })
    walkFields(value, path, out)
    return
  }
  out.set(pathKey(path), { value: canonicalJson(value), kind: 'leaf' })
}

function walkFields(object: Record<string, unknown>, path: string[], out: ObjectPaths): void {
  for (const [field, child] of Object.entries(object)) {
    if (child !== undefined) walk(child, [...path, `f:${field}`], out)
  }
}

/**
 * An applied configuration's set (typed.ToFieldSet): its leaves and list items; the structs and
 * maps that hold them are not members of the set themselves.
 */
export function appliedSet(paths: ObjectPaths): FieldSet {
  const set: FieldSet = new Set()
  for (const [key, node] of paths) if (node.kind !== 'node') set.add(key)
  return set
}

/** What changed from `before` to `after` (typed.Compare): added, modified (leaves), removed. */
export interface Comparison {
  added: FieldSet
  modified: FieldSet
  removed: FieldSet
}

export function compare(before: ObjectPaths, after: ObjectPaths): Comparison {
  const added: FieldSet = new Set()
  const modified: FieldSet = new Set()
  const removed: FieldSet = new Set()
  for (const [key, node] of after) {
    const old = before.get(key)
    if (!old) added.add(key)
    else if (node.kind === 'leaf' && old.kind === 'leaf' && node.value !== old.value)
      modified.add(key)
  }
  for (const key of before.keys()) if (!after.has(key)) removed.add(key)
  return { added, modified, removed }
}

export const union = (a: FieldSet, b: FieldSet): FieldSet => new Set([...a, ...b])
export const difference = (a: FieldSet, b: FieldSet): FieldSet =>
  new Set([...a].filter((key) => !b.has(key)))
export const intersection = (a: FieldSet, b: FieldSet): FieldSet =>
  new Set([...a].filter((key) => b.has(key)))

/** The FieldsV1 trie of a set: a member with children gets ".": {}. */
export function toFieldsV1(set: FieldSet): FieldsV1 {
  const root: FieldsV1 = {}
  const members = new Set<FieldsV1>()
  for (const key of [...set].sort(comparePaths)) {
    let node = root
    for (const element of pathOf(key)) node = node[element] ??= {}
    members.add(node)
  }
  const finish = (node: FieldsV1): FieldsV1 => {
    const children = Object.keys(node).sort(compareElements)
    if (children.length === 0) return {}
    const out: FieldsV1 = members.has(node) ? { '.': {} } : {}
    for (const child of children) out[child] = finish(node[child] as FieldsV1)
    return out
  }
  return finish(root)
}

/** A FieldsV1 trie back into its set of member paths. */
export function fromFieldsV1(fields: FieldsV1): FieldSet {
  const set: FieldSet = new Set()
  const visit = (node: FieldsV1, path: string[]) => {
    const children = Object.keys(node).filter((k) => k !== '.')
    if (path.length > 0 && (children.length === 0 || '.' in node)) set.add(pathKey(path))
    for (const child of children) visit(node[child] as FieldsV1, [...path, child])
  }
  if (isPlainObject(fields)) visit(fields, [])
  return set
}

// PathElement ordering (fieldpath/element.go Compare): field names, then keys, values, indexes.
const ELEMENT_ORDER = ['f', 'k', 'v', 'i']

function compareElements(a: string, b: string): number {
  const kind = ELEMENT_ORDER.indexOf(a.charAt(0)) - ELEMENT_ORDER.indexOf(b.charAt(0))
  if (kind !== 0) return kind
  if (a.startsWith('i:') && b.startsWith('i:')) return Number(a.slice(2)) - Number(b.slice(2))
  return a < b ? -1 : a > b ? 1 : 0
}

export function comparePaths(a: string, b: string): number {
  const left = pathOf(a)
  const right = pathOf(b)
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareElements(left[i] as string, right[i] as string)
    if (order !== 0) return order
  }
  return left.length - right.length
}

/**
 * A path as fieldpath.Path.String() prints it in conflict messages:
 * .spec.template.spec.containers[name="web"].image, .metadata.finalizers[="x"], .args[0].
 */
export function pathText(key: string): string {
  return pathOf(key)
    .map((element) => {
      const body = element.slice(2)
      switch (element.charAt(0)) {
        case 'f':
          return `.${body}`
        case 'k': {
          const fields = JSON.parse(body) as Record<string, unknown>
          return `[${Object.entries(fields)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(',')}]`
        }
        case 'v':
          return `[=${body}]`
        default:
          return `[${body}]`
      }
    })
    .join('')
}
