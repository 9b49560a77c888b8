import type { KubeObject } from '../../model/objects'
import { type GoType, isUnmarshaler, type RegisteredKind } from './go-types'
import { clampInt64, fold, withRequired, zeroOf } from './go-values'
import { MAX_NESTING_DEPTH } from './json-valid'
import { base64Error, parsesAsInt, unmarshal } from './unmarshalers'

/**
 * A short cut for the body nearly every request carries: JSON.stringify's own text of an object
 * of the URL's kind (client-go's json.Marshal, here every component's), with only known fields
 * of the right types. Such a text is parsed natively and its values checked against the Go type
 * in place, instead of being scanned three times in JavaScript (the syntax, apiVersion and kind,
 * the typed decode). It answers only when it can vouch that decodeObject's long way would give
 * the very same object with no warning; anything else (a syntax error, an unknown or duplicate
 * field, a type error, another kind, a lone surrogate, text formatted any other way) is left to
 * the long way, which words the errors as kube-apiserver does. decode-canonical.test.ts holds the two
 * to the same answers.
 *
 * Why "JSON.stringify's own text" (JSON.stringify(JSON.parse(text)) === text) is enough:
 * - it has no duplicate key (JSON.parse keeps the last, which would print differently) and its
 *   keys print in the order they were written, so walking the parsed object visits the fields
 *   in the order the decoder reads them;
 * - every value's raw JSON (what an Unmarshaler gets) is JSON.stringify of the parsed value;
 * - numbers print as they parse (no 1.0, no -0, nothing beyond a double's precision).
 */

/** The walk met something only the long way answers exactly. */
const BAIL = Symbol('bail')
/** A JSON null (or an Unmarshaler's zero): the field is left out, as the decoder's NULL. */
const ABSENT = Symbol('absent')

// A canonical text this short cannot nest deeper than Go's scanner allows (maxNestingDepth):
// every level costs two brackets.
const MAX_CHARS = 2 * MAX_NESTING_DEPTH
// The walk's own recursion stops here (Kubernetes objects nest ~10 levels); deeper goes the long way.
const MAX_WALK_DEPTH = 64

type Walked = unknown

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * decodeObject's answer for `text`, when it is JSON.stringify's text of an object of `target`'s
 * kind with no field the Go type lacks; undefined otherwise.
 */
export function decodeCanonical(
  text: string,
  target: RegisteredKind,
  type: GoType,
): KubeObject | undefined {
  // Lone surrogates are escaped by JSON.stringify and become U+FFFD in Go: the long way.
  if (text.length > MAX_CHARS || text.includes('\\ud')) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isPlainObject(parsed) || !typeMetaIs(parsed, target)) return undefined
  if (JSON.stringify(parsed) !== text) return undefined
  const walked = walk(parsed, type, 0)
  return walked === BAIL || walked === ABSENT ? undefined : (walked as KubeObject)
}

/**
 * SimpleMetaFactory.Interpret's answer is `target` itself: apiVersion and kind are strings (or
 * absent) naming it, and no other top-level key folds to either name (Interpret matches names
 * case-insensitively, the last one winning).
 */
function typeMetaIs(object: Record<string, unknown>, target: RegisteredKind): boolean {
  for (const key in object) {
    if (key === 'apiVersion' || key === 'kind') continue
    const folded = fold(key)
    if (folded === 'apiversion' || folded === 'kind') return false
  }
  const apiVersion = object['apiVersion']
  const kind = object['kind']
  if (apiVersion !== undefined && typeof apiVersion !== 'string') return false
  if (kind !== undefined && typeof kind !== 'string') return false
  // gvkWithDefaults with the URL's kind, as decodeObject: empty parts come from the target.
  if (kind !== undefined && kind !== '' && kind !== target.kind) return false
  if (apiVersion === undefined || apiVersion === '' || apiVersion === '/') return true
  const slash = apiVersion.indexOf('/')
  if (slash < 0) return target.group === '' && apiVersion === target.version
  if (apiVersion.includes('/', slash + 1)) return false
  const group = apiVersion.slice(0, slash)
  const version = apiVersion.slice(slash + 1)
  return group === target.group && (version === target.version || version === '')
}

/** `value` decoded into `type` in place, or BAIL; ABSENT for what the decoder leaves out. */
function walk(value: unknown, type: GoType, depth: number): Walked {
  if (isUnmarshaler(type)) {
    const result = unmarshal(type.kind, JSON.stringify(value))
    if ('value' in result) return result.value
    return 'zero' in result ? ABSENT : BAIL
  }
  if (value === null) return ABSENT
  switch (type.kind) {
    case 'any':
      return value
    case 'string':
      return typeof value === 'string' ? value : BAIL
    case 'bytes':
      return typeof value === 'string' && base64Error(value) === undefined ? value : BAIL
    case 'bool':
      return typeof value === 'boolean' ? value : BAIL
    case 'int32':
    case 'int64': {
      if (typeof value !== 'number') return BAIL
      const text = JSON.stringify(value)
      return parsesAsInt(text, type.kind === 'int32' ? 32 : 64) ? clampInt64(value) : BAIL
    }
    case 'uint8':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 256
        ? value
        : BAIL
    case 'float64':
      return typeof value === 'number' ? value : BAIL
    case 'struct':
      return isPlainObject(value) && depth < MAX_WALK_DEPTH ? struct(value, type, depth) : BAIL
    case 'map':
      return isPlainObject(value) && depth < MAX_WALK_DEPTH ? map(value, type.elem, depth) : BAIL
    case 'slice':
      return Array.isArray(value) && depth < MAX_WALK_DEPTH ? slice(value, type.elem, depth) : BAIL
    default:
      return BAIL
  }
}

function struct(
  object: Record<string, unknown>,
  type: GoType & { kind: 'struct' },
  depth: number,
): Walked {
  for (const key in object) {
    const field = type.fields.get(key)
    // An unknown field is a strict error or a warning (or, ignored, dropped): the long way.
    if (field === undefined) return BAIL
    const walked = walk(object[key], field, depth + 1)
    if (walked === BAIL) return BAIL
    if (walked === ABSENT) delete object[key]
    else object[key] = walked
  }
  return withRequired(type, object)
}

function map(object: Record<string, unknown>, elem: GoType, depth: number): Walked {
  for (const key in object) {
    // Go's decoder assigns this key like any other; here it would set the prototype.
    if (key === '__proto__') return BAIL
    const walked = walk(object[key], elem, depth + 1)
    if (walked === BAIL) return BAIL
    object[key] = walked === ABSENT ? zeroOf(elem) : walked
  }
  return object
}

function slice(items: unknown[], elem: GoType, depth: number): Walked {
  for (let i = 0; i < items.length; i++) {
    const walked = walk(items[i], elem, depth + 1)
    if (walked === BAIL) return BAIL
    items[i] = walked === ABSENT ? zeroOf(elem) : walked
  }
  return items
}
