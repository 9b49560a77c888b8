import type { Field, Type } from 'protobufjs'
import { SPECIAL, isInline, isList, jsonFieldName } from './schema'

/**
 * The inverse of to-json.ts, for responses: an API object as the simulated API server holds it
 * (JSON) turned into the plain object protobufjs encodes as the kind's message. Time is
 * seconds and nanos (time_proto.go: null, the zero Time, is not written), Quantity its text,
 * IntOrString `type` with `intVal` or `strVal`, RawExtension and FieldsV1 their JSON as bytes,
 * []byte decoded from base64, inlined structs read from the parent's keys.
 */

type Plain = Record<string, unknown>

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|([+-])(\d{2}):(\d{2}))$/

/** An RFC 3339 timestamp as a Timestamp (seconds since the Unix epoch, nanoseconds). */
function timestamp(value: unknown): Plain | undefined {
  if (typeof value !== 'string') return undefined
  const match = RFC3339.exec(value)
  if (!match) return undefined
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction = '',
    zone,
    sign,
    zoneHour,
    zoneMinute,
  ] = match
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute))
  const offset =
    zone?.toUpperCase() === 'Z'
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(zoneHour) * 3600 + Number(zoneMinute) * 60)
  return {
    seconds: Math.floor(ms / 1000) + Number(second) - offset,
    nanos: Number(fraction.padEnd(9, '0')),
  }
}

const jsonBytes = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8')

function specialPlain(type: Type, value: unknown): Plain | undefined {
  switch (type.fullName.slice(1)) {
    case SPECIAL.time:
    case SPECIAL.microTime:
      return timestamp(value) ?? {}
    case SPECIAL.quantity:
      return { string: String(value) }
    case SPECIAL.intOrString:
      return typeof value === 'number'
        ? { type: 0, intVal: value }
        : { type: 1, strVal: String(value) }
    case SPECIAL.rawExtension:
      return { raw: jsonBytes(value) }
    case SPECIAL.fieldsV1:
      return { Raw: jsonBytes(value) }
    default:
      return isList(type) && Array.isArray(value) ? { items: value.map(String) } : undefined
  }
}

function scalarPlain(field: Field, value: unknown): unknown {
  switch (field.type) {
    case 'bytes':
      return Buffer.from(typeof value === 'string' ? value : '', 'base64')
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value)
    case 'bool':
      return value === true
    default:
      return typeof value === 'number' ? value : Number(value)
  }
}

function valuePlain(field: Field, value: unknown): unknown {
  const type = field.resolvedType
  return type ? messagePlain(type as Type, value) : scalarPlain(field, value)
}

/** One JSON value as the plain object of `type`'s message. */
export function messagePlain(type: Type, value: unknown): Plain {
  const special = specialPlain(type, value)
  if (special) return special
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
  const json = value as Plain
  const out: Plain = {}
  for (const field of type.fieldsArray) {
    if (isInline(field) && field.resolvedType) {
      out[field.name] = messagePlain(field.resolvedType as Type, json)
      continue
    }
    const item = json[jsonFieldName(field)]
    if (item === undefined || item === null) continue
    if (field.map && typeof item === 'object') {
      const entries = Object.entries(item as Plain).filter(([, v]) => v !== null)
      out[field.name] = Object.fromEntries(entries.map(([k, v]) => [k, valuePlain(field, v)]))
    } else if (field.repeated) {
      if (Array.isArray(item)) out[field.name] = item.map((v: unknown) => valuePlain(field, v))
    } else out[field.name] = valuePlain(field, item)
  }
  return out
}
