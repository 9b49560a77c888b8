import { isUnmarshaler, type GoType } from './go-types'
import { clampInt64, INT64_LIMIT, withRequired, zeroOf } from './go-values'
import { unmarshal } from './unmarshalers'

/**
 * runtime.DefaultUnstructuredConverter.FromUnstructuredWithValidation: how the API server turns
 * a strategic-merge-patched object (map[string]interface{}) back into its Go type. Its errors
 * are its own ("cannot restore slice from int64", "cannot convert int64 to string"), the first
 * one ends the conversion, and unknown fields are collected and sorted.
 * Source: staging/src/k8s.io/apimachinery/pkg/runtime/converter.go (v1.32) fromUnstructured,
 * mapFromUnstructured, sliceFromUnstructured, structFromUnstructured; structured-merge-diff
 * value/reflectcache.go FromUnstructured for types with UnmarshalJSON.
 */
export type ConvertResult =
  { ok: true; value: unknown; unknownFields: string[] } | { ok: false; error: string }

class ConvertError extends Error {}

/** Where the converter is: field names, and slice indexes as numbers. */
type PathPieces = (string | number)[]

/** A path's text for an error: "spec", ".containers", "[0]" … joined. */
function pathText(path: PathPieces): string {
  let text = ''
  for (let i = 0; i < path.length; i++) {
    const piece = path[i] as string | number
    text += typeof piece === 'number' ? `[${String(piece)}]` : i > 0 ? `.${piece}` : piece
  }
  return text
}

/** A struct's fields as two arrays in field order (walking the Map makes an entry per field). */
interface FieldList {
  names: string[]
  types: GoType[]
}
const fieldLists = new WeakMap<GoType, FieldList>()

function fieldsOf(type: GoType & { kind: 'struct' }): FieldList {
  let list = fieldLists.get(type)
  if (!list) {
    list = { names: [...type.fields.keys()], types: [...type.fields.values()] }
    fieldLists.set(type, list)
  }
  return list
}

export function fromUnstructured(value: unknown, type: GoType): ConvertResult {
  const unknownFields: string[] = []
  try {
    const converted = convert(value, type, [], unknownFields)
    unknownFields.sort()
    return { ok: true, value: converted, unknownFields }
  } catch (error) {
    if (error instanceof ConvertError) return { ok: false, error: error.message }
    throw error
  }
}

/**
 * reflect.Kind().String() of what a decoded JSON value holds in Go: an integer that fits is an
 * int64 (PreserveInts), any other number a float64.
 */
function goKind(value: unknown): string {
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) <= INT64_LIMIT ? 'int64' : 'float64'
  return Array.isArray(value) ? 'slice' : 'map'
}

/**
 * reflect.Value.Convert between number kinds, as Go on amd64 does it: an int64 keeps its low
 * bits; a float64 an int32 cannot hold becomes its minimum (CVTTSD2SL's "integer indefinite").
 */
function convertNumber(value: number, kind: string, target: string): number {
  if (target === 'float64') return value
  if (target === 'int64') return clampInt64(Math.trunc(value))
  if (kind === 'float64' && Math.abs(value) >= 2 ** 31) return target === 'int32' ? -(2 ** 31) : 0
  const big = BigInt(Math.trunc(value))
  return Number(target === 'uint8' ? BigInt.asUintN(8, big) : BigInt.asIntN(32, big))
}

function convert(value: unknown, type: GoType, path: PathPieces, unknown: string[]): unknown {
  if (value === null || value === undefined) return undefined
  if (isUnmarshaler(type)) {
    const result = unmarshal(type.kind, JSON.stringify(value))
    if ('value' in result) return result.value
    if ('zero' in result) return undefined
    // json.Unmarshal straight into the type: an UnmarshalTypeError without a field.
    if ('mismatch' in result)
      throw new ConvertError(
        `json: cannot unmarshal ${result.mismatch.value} into Go value of type ${result.mismatch.type}`,
      )
    throw new ConvertError(result.error)
  }
  const kind = goKind(value)
  switch (type.kind) {
    case 'map':
      return convertMap(value, kind, type.elem, path, unknown)
    case 'slice':
    case 'bytes':
      return convertSlice(value, kind, type, path, unknown)
    case 'struct':
      return convertStruct(value, kind, type, path, unknown)
    case 'any':
      return value
    default:
      return convertScalar(value, kind, type)
  }
}

/** Simple types: only string→string, bool→bool, numbers→numbers (floats only if whole). */
function convertScalar(value: unknown, kind: string, type: GoType): unknown {
  const target = type.kind
  const numeric = ['int32', 'int64', 'uint8', 'float64']
  if (kind === 'string' && target === 'string') return value
  if (kind === 'bool' && target === 'bool') return value
  if (kind === 'int64' && numeric.includes(target))
    return convertNumber(value as number, kind, target)
  if (kind === 'float64' && target === 'float64') return value
  if (kind === 'float64' && numeric.includes(target)) {
    if (Number.isInteger(value)) return convertNumber(value as number, kind, target)
    throw new ConvertError(`cannot convert float64 to ${type.name}`)
  }
  // Go can convert an integer to a string (a rune), but the converter refuses it.
  if ((kind === 'int64' || kind === 'float64') && target === 'string')
    throw new ConvertError(`cannot convert ${kind} to ${type.name}`)
  throw new ConvertError(`unrecognized type: ${target}`)
}

function convertMap(
  value: unknown,
  kind: string,
  elem: GoType,
  path: PathPieces,
  unknown: string[],
): unknown {
  if (kind !== 'map') throw new ConvertError(`cannot restore map from ${kind}`)
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const converted = convert(item, elem, path, unknown)
    if (converted !== undefined) out[key] = converted
  }
  return out
}

function convertSlice(
  value: unknown,
  kind: string,
  type: GoType,
  path: PathPieces,
  unknown: string[],
): unknown {
  // []byte is kept as its base64 text in unstructured data.
  if (type.kind === 'bytes' && kind === 'string') return value
  if (kind !== 'slice') throw new ConvertError(`cannot restore slice from ${kind}`)
  const elem: GoType = type.kind === 'slice' ? type.elem : { kind: 'uint8', name: 'uint8' }
  return (value as unknown[]).map((item, i) => {
    path.push(i)
    const converted = convert(item, elem, path, unknown)
    path.pop()
    // A null element is the element type's zero value, as Go's slice element is.
    return converted ?? zeroOf(elem)
  })
}

function convertStruct(
  value: unknown,
  kind: string,
  type: GoType & { kind: 'struct' },
  path: PathPieces,
  unknown: string[],
): unknown {
  if (kind !== 'map') throw new ConvertError(`cannot restore struct from: ${kind}`)
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  const fields = fieldsOf(type)
  for (let i = 0; i < fields.names.length; i++) {
    const name = fields.names[i] as string
    if (!(name in source)) continue
    path.push(name)
    const converted = convert(source[name], fields.types[i] as GoType, path, unknown)
    path.pop()
    if (converted !== undefined) out[name] = converted
  }
  for (const key of Object.keys(source)) {
    if (type.fields.has(key)) continue
    unknown.push(`unknown field "${pathText([...path, key])}"`)
  }
  return withRequired(type, out)
}
