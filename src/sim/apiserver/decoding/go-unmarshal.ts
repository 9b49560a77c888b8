import { type GoType, isUnmarshaler } from './go-types'
import { jsonSyntaxError } from './json-syntax'
import { scanAny } from './json-any'
import { JsonReader } from './json-reader'
import { base64Error, parsesAsInt, unmarshal } from './unmarshalers'
import { BYTE, clampInt64, fold, toBase64, withRequired, zeroOf } from './go-values'

/**
 * Go's JSON decoding of a request body into a Kubernetes type, as kube-apiserver v1.32 does it
 * with sigs.k8s.io/json (a fork of encoding/json): the text is scanned for syntax first, then
 * decoded in one pass; the first type error is kept and decoding goes on; with strict decoding
 * every unknown and duplicate field is collected (at most 100, deduplicated); an Unmarshaler's
 * error (a bad quantity or time) ends the decode at once. Only known fields, with values of the
 * right type, reach the result: nothing downstream sees a value of the wrong type.
 * Source: internal/golang/encoding/json/decode.go and kubernetes_patch.go, sigs.k8s.io/json
 * (9aa6b5e, the version Kubernetes v1.32 vendors); Go 1.23's UnmarshalTypeError.Error.
 */
export interface UnmarshalOptions {
  /** UnmarshalStrict: DisallowUnknownFields and DisallowDuplicateFields. */
  strict?: boolean
  /** encoding/json's own folding match of keys to fields (sigs.k8s.io/json is case-sensitive). */
  caseInsensitive?: boolean
  /** The caller already found `text` to be valid JSON (a second decode of the same body). */
  syntaxChecked?: boolean
}

export type UnmarshalResult =
  | { ok: true; value: unknown; strictErrors: string[] }
  | { ok: false; error: string; syntax: boolean }

/** Decodes `text` into `type`. Never throws. */
export function goUnmarshal(
  text: string,
  type: GoType,
  options: UnmarshalOptions = {},
): UnmarshalResult {
  const syntax = options.syntaxChecked === true ? undefined : jsonSyntaxError(text)
  if (syntax !== undefined) return { ok: false, error: syntax, syntax: true }
  const state = new DecodeState(text, options)
  try {
    const value = state.value(type, undefined)
    if (state.savedError !== undefined) return { ok: false, error: state.savedError, syntax: false }
    return {
      ok: true,
      value: value === NULL || value === SKIP ? undefined : value,
      strictErrors: state.strictErrors,
    }
  } catch (error) {
    if (error instanceof Abort) return { ok: false, error: error.message, syntax: false }
    throw error
  }
}

// A struct's fields by folded name, the first in field order for each (what the case-insensitive
// match finds first); built once per struct type.
const foldedByType = new WeakMap<GoType, Map<string, [string, GoType]>>()

function foldedFields(type: GoType & { kind: 'struct' }): Map<string, [string, GoType]> {
  let folded = foldedByType.get(type)
  if (folded) return folded
  folded = new Map()
  for (const [name, fieldType] of type.fields) {
    const key = fold(name)
    if (!folded.has(key)) folded.set(key, [name, fieldType])
  }
  foldedByType.set(type, folded)
  return folded
}

/** A JSON null: the field is absent (Go leaves it nil or zero). */
const NULL = Symbol('null')
/** A value skipped after a type error. */
const SKIP = Symbol('skip')
type Decoded = unknown

class Abort extends Error {}

// An object's keys are looked through one by one up to this many, then kept in a Set.
const MANY_KEYS = 16

// saveStrictError keeps at most this many (kubernetes_patch.go).
const MAX_STRICT_ERRORS = 100

class DecodeState extends JsonReader {
  savedError: string | undefined
  readonly strictErrors: string[] = []
  private seenStrict: Set<string> | undefined
  /** errorContext: the struct whose field is being decoded, and the field names down to it. */
  private struct: string | undefined
  private readonly fieldStack: string[] = []
  /**
   * strictFieldStack, as its pieces: a field name, or an array index (a number). Its text
   * ("spec.containers[0]") is only built for an error: most decodes have none.
   */
  private readonly strictPath: (string | number)[] = []
  private readonly options: UnmarshalOptions
  /**
   * Strict only: the keys of the objects being decoded, the innermost's on top (`seen` in
   * object() is where its own start), and a Set for an object with MANY_KEYS or more.
   */
  private readonly objectKeys: string[] = []
  private manyKeys: Map<number, Set<string>> | undefined

  constructor(text: string, options: UnmarshalOptions) {
    super(text)
    this.options = options
  }

  /** UnmarshalTypeError.Error() with addErrorContext's struct and field path. */
  private typeText(value: string, type: string): string {
    if (this.struct !== undefined || this.fieldStack.length > 0)
      return `json: cannot unmarshal ${value} into Go struct field ${this.struct ?? ''}.${this.fieldStack.join('.')} of type ${type}`
    return `json: cannot unmarshal ${value} into Go value of type ${type}`
  }

  private saveTypeError(value: string, type: GoType): typeof SKIP {
    this.savedError ??= this.typeText(value, type.name)
    return SKIP
  }

  /** The strict path's text: "spec", ".containers", "[0]" … joined. */
  private strictPathText(): string {
    let text = ''
    for (let i = 0; i < this.strictPath.length; i++) {
      const piece = this.strictPath[i] as string | number
      text += typeof piece === 'number' ? `[${String(piece)}]` : i > 0 ? `.${piece}` : piece
    }
    return text
  }

  private saveStrictError(kind: 'unknown field' | 'duplicate field', key: string): void {
    if (!this.options.strict || this.strictErrors.length >= MAX_STRICT_ERRORS) return
    const path = this.strictPath.length > 0 ? `${this.strictPathText()}.${key}` : key
    const text = `${kind} ${JSON.stringify(path)}`
    this.seenStrict ??= new Set()
    if (this.seenStrict.has(text)) return
    this.seenStrict.add(text)
    this.strictErrors.push(text)
  }

  /** The strict path is only kept when strict errors are. */
  private pushStrictKey(key: string): void {
    if (this.options.strict) this.strictPath.push(key)
  }

  value(type: GoType, existing: unknown): Decoded {
    this.skipSpace()
    const c = this.text.charCodeAt(this.pos)
    if (c === 0x7b || c === 0x5b) {
      if (isUnmarshaler(type)) return this.unmarshaler(type, this.rawValue())
      if (type.kind === 'any') return this.any()
      return c === 0x7b ? this.object(type, existing) : this.array(type, existing)
    }
    return this.literal(type)
  }

  private any(): Decoded {
    const start = this.pos
    const scanned = scanAny(this.text, start, this.strictPathText())
    this.pos = scanned.end
    for (const key of scanned.duplicates) this.saveStrictError('duplicate field', key)
    if (scanned.numberError !== undefined)
      this.savedError ??= this.typeText(`number ${scanned.numberError}`, 'float64')
    return JSON.parse(this.text.slice(start, this.pos)) as unknown
  }

  private unmarshaler(
    type: GoType & { kind: 'quantity' | 'intorstring' | 'time' | 'microtime' | 'raw' },
    raw: string,
  ): Decoded {
    const result = unmarshal(type.kind, raw)
    if ('value' in result) return result.value
    if ('zero' in result) return NULL
    if ('mismatch' in result)
      throw new Abort(this.typeText(result.mismatch.value, result.mismatch.type))
    throw new Abort(result.error)
  }

  private object(type: GoType, existing: unknown): Decoded {
    if (type.kind !== 'map' && type.kind !== 'struct') {
      this.rawValue()
      return this.saveTypeError('object', type)
    }
    const out: Record<string, unknown> =
      existing !== null && typeof existing === 'object' && !Array.isArray(existing)
        ? (existing as Record<string, unknown>)
        : {}
    // Duplicates are only looked for when strict errors are kept.
    const seen = this.options.strict ? this.objectKeys.length : undefined
    const struct = this.struct
    const fields = this.fieldStack.length
    const strictDepth = this.strictPath.length
    this.pos++
    this.skipSpace()
    let more = this.text.charCodeAt(this.pos) !== 0x7d
    while (more) {
      this.skipSpace()
      const key = this.string()
      this.skipSpace()
      this.pos++ // ':'
      if (type.kind === 'map') this.mapEntry(type.elem, key, out, seen)
      else this.structField(type, key, out, seen)
      this.struct = struct
      truncate(this.fieldStack, fields)
      truncate(this.strictPath, strictDepth)
      this.skipSpace()
      more = this.text.charCodeAt(this.pos) === 0x2c
      if (more) this.pos++
    }
    this.pos++ // '}'
    if (seen !== undefined) this.forgetKeys(seen)
    return withRequired(type, out)
  }

  /**
   * Records `key` as a key of the object whose keys start at `from` in objectKeys; whether it
   * was one already. An object's keys are looked through in a short list (no Set per decoded
   * object: every request body has several), in a Set once it has many.
   */
  private repeatedKey(from: number, key: string): boolean {
    const keys = this.objectKeys
    if (keys.length - from < MANY_KEYS) {
      for (let i = from; i < keys.length; i++) if (keys[i] === key) return true
      keys.push(key)
      return false
    }
    this.manyKeys ??= new Map()
    let set = this.manyKeys.get(from)
    if (!set) this.manyKeys.set(from, (set = new Set(keys.slice(from))))
    if (set.has(key)) return true
    set.add(key)
    keys.push(key)
    return false
  }

  /** The object whose keys start at `from` is decoded: its keys are no longer looked at. */
  private forgetKeys(from: number): void {
    if (this.objectKeys.length - from >= MANY_KEYS) this.manyKeys?.delete(from)
    truncate(this.objectKeys, from)
  }

  private mapEntry(
    elem: GoType,
    key: string,
    out: Record<string, unknown>,
    seen: number | undefined,
  ): void {
    if (seen !== undefined && this.repeatedKey(seen, key))
      this.saveStrictError('duplicate field', key)
    this.pushStrictKey(key)
    // Each entry decodes into a fresh element (mapElem.SetZero()), then replaces the key.
    const value = this.value(elem, undefined)
    out[key] = value === NULL || value === SKIP ? zeroOf(elem) : value
  }

  private structField(
    type: GoType & { kind: 'struct' },
    key: string,
    out: Record<string, unknown>,
    seen: number | undefined,
  ): void {
    let name = key
    let field = type.fields.get(key)
    if (!field && this.options.caseInsensitive) {
      const folded = foldedFields(type).get(fold(key))
      if (folded) [name, field] = folded
    }
    if (!field) {
      this.saveStrictError('unknown field', key)
      this.rawValue()
      return
    }
    if (seen !== undefined && this.repeatedKey(seen, name))
      this.saveStrictError('duplicate field', name)
    this.struct = type.goName
    this.fieldStack.push(name)
    this.pushStrictKey(name)
    // A repeated field decodes into what the first one left (Go reuses the struct or slice).
    const value = this.value(field, out[name])
    if (value === NULL) delete out[name]
    else if (value !== SKIP) out[name] = value
  }

  private array(type: GoType, existing: unknown): Decoded {
    const elem = type.kind === 'slice' ? type.elem : type.kind === 'bytes' ? BYTE : undefined
    if (!elem) {
      this.rawValue()
      return this.saveTypeError('array', type)
    }
    const out: unknown[] = Array.isArray(existing) ? existing : []
    const strictDepth = this.strictPath.length
    let i = 0
    this.pos++
    this.skipSpace()
    let more = this.text.charCodeAt(this.pos) !== 0x5d
    while (more) {
      if (this.options.strict) this.strictPath.push(i)
      const value = this.value(elem, out[i])
      out[i] = value === NULL || value === SKIP ? (out[i] ?? zeroOf(elem)) : value
      truncate(this.strictPath, strictDepth)
      i++
      this.skipSpace()
      more = this.text.charCodeAt(this.pos) === 0x2c
      if (more) this.pos++
    }
    this.pos++ // ']'
    out.length = i
    // A JSON array into []byte: Go stores the bytes, and marshals them back as base64.
    return type.kind === 'bytes' ? toBase64(out as number[]) : out
  }

  private literal(type: GoType): Decoded {
    const start = this.pos
    const c = this.text.charCodeAt(start)
    const isString = c === 0x22
    const text = isString ? this.string() : this.literalText()
    if (isUnmarshaler(type)) return this.unmarshaler(type, this.text.slice(start, this.pos))
    if (!isString && text === 'null') return NULL
    if (type.kind === 'any') return isString ? text : (JSON.parse(text) as unknown)
    if (isString) return this.stringInto(type, text)
    if (text === 'true' || text === 'false')
      return type.kind === 'bool' ? text === 'true' : this.saveTypeError('bool', type)
    return this.numberInto(type, text)
  }

  private stringInto(type: GoType, text: string): Decoded {
    if (type.kind === 'string') return text
    if (type.kind === 'bytes') {
      const error = base64Error(text)
      // A bad []byte is saved as a plain error (not a type error: no field context).
      if (error !== undefined) this.savedError ??= error
      return text
    }
    return this.saveTypeError('string', type)
  }

  private numberInto(type: GoType, text: string): Decoded {
    switch (type.kind) {
      case 'int32':
      case 'int64':
        return parsesAsInt(text, type.kind === 'int32' ? 32 : 64)
          ? clampInt64(Number(text))
          : this.saveTypeError(`number ${text}`, type)
      case 'uint8':
        return /^\d+$/.test(text) && Number(text) < 256
          ? Number(text)
          : this.saveTypeError(`number ${text}`, type)
      case 'float64':
        return Number.isFinite(Number(text))
          ? Number(text)
          : this.saveTypeError(`number ${text}`, type)
      default:
        return this.saveTypeError('number', type)
    }
  }
}

/** Drops the items of a stack above `length` (cheaper than assigning .length). */
function truncate(stack: unknown[], length: number): void {
  while (stack.length > length) stack.pop()
}
