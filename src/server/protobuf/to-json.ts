import type { Field, Type } from 'protobufjs'
import { civilFromDays } from '../../sim/core/time'
import { SPECIAL, isInline, isList, isPointer, jsonFieldName } from './schema'

/**
 * A decoded protobuf message as the JSON object kube-apiserver works with: what Go's
 * encoding/json makes of the struct gogo's Unmarshal filled, less the zero values the simulated
 * API server's JSON decoder treats as absent anyway. So:
 * - a pointer field present on the wire is set, even to 0, false or "" (`replicas: 0`); any
 *   other field at its Go zero value is left out (gogo writes every non-pointer field, so an
 *   empty `namespace` or a zero `minReadySeconds` arrives, and means "unset");
 * - inlined structs (`json:",inline"`: Volume's VolumeSource, Probe's ProbeHandler) are merged
 *   into their parent; JSON names are the struct tags';
 * - Time and MicroTime are RFC 3339 text in UTC (seconds, or microseconds), the zero Time null;
 *   Quantity its text; IntOrString a number or a string; []byte base64; int64 a number;
 *   RawExtension and FieldsV1 the JSON they hold; `type ExtraValue []string` a list.
 * Sources (v1.32): apimachinery pkg/apis/meta/v1/time.go, time_proto.go, micro_time.go,
 * micro_time_proto.go; pkg/api/resource/quantity_proto.go; pkg/util/intstr/intstr.go;
 * pkg/runtime/types.go (RawExtension.MarshalJSON); Go's encoding/json ([]byte as base64).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

type Decoded = Record<string, unknown>

/** An int64 or uint64 as protobufjs hands it: a number, or a Long when it has long.js. */
function int64(value: unknown): number {
  return typeof value === 'number' ? value : Number(String(value))
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** time.Unix(seconds, nanos).UTC() formatted as RFC 3339, with `fraction` digits (0 or 6). */
function rfc3339(seconds: number, nanos: number, fraction: 0 | 6): string {
  const total = seconds + Math.floor(nanos / 1e9)
  const days = Math.floor(total / 86_400)
  const secondOfDay = total - days * 86_400
  const [year, month, day] = civilFromDays(days)
  const clock = `${pad(Math.floor(secondOfDay / 3600))}:${pad(Math.floor((secondOfDay % 3600) / 60))}:${pad(secondOfDay % 60)}`
  const micros = Math.floor((((nanos % 1e9) + 1e9) % 1e9) / 1000)
  const fractionText = fraction === 6 ? `.${pad(micros, 6)}` : ''
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${clock}${fractionText}Z`
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

const has = (message: Decoded, name: string): boolean => Object.hasOwn(message, name)

/** RawExtension and FieldsV1 hold JSON bytes; anything else has no JSON form here (null). */
function embeddedJson(raw: unknown): Json {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return null
  try {
    return JSON.parse(Buffer.from(raw).toString('utf8')) as Json
  } catch {
    return null
  }
}

/** The JSON of one message of a type with its own JSON form, or undefined for a plain struct. */
function specialJson(type: Type, message: Decoded): Json | undefined {
  switch (type.fullName.slice(1)) {
    case SPECIAL.time:
    case SPECIAL.microTime: {
      // Time.Unmarshal: no bytes at all is the zero Time, which marshals as null.
      if (!has(message, 'seconds') && !has(message, 'nanos')) return null
      const fraction = type.fullName.endsWith('.MicroTime') ? 6 : 0
      return rfc3339(int64(message['seconds'] ?? 0), Number(message['nanos'] ?? 0), fraction)
    }
    case SPECIAL.quantity:
      return has(message, 'string') ? text(message['string']) : '0'
    case SPECIAL.intOrString:
      return int64(message['type'] ?? 0) === 1
        ? text(message['strVal'])
        : Number(message['intVal'] ?? 0)
    case SPECIAL.rawExtension:
      return embeddedJson(message['raw'])
    case SPECIAL.fieldsV1:
      return embeddedJson(message['Raw'])
    default:
      if (isList(type)) return ((message['items'] ?? []) as unknown[]).map(String)
      return undefined
  }
}

function scalarJson(field: Field, value: unknown): Json {
  switch (field.type) {
    case 'int64':
    case 'uint64':
      return int64(value)
    case 'bytes':
      return Buffer.from(value as Uint8Array).toString('base64')
    case 'bool':
      return value === true
    case 'string':
      return String(value)
    default:
      return Number(value)
  }
}

function valueJson(field: Field, value: unknown): Json {
  const type = field.resolvedType
  return type ? messageJson(type as Type, value as Decoded) : scalarJson(field, value)
}

/** Go's zero values, which a non-pointer field at them leaves out. */
function isZero(value: Json): boolean {
  if (value === null || value === '' || value === 0 || value === false) return true
  if (Array.isArray(value)) return value.length === 0
  return typeof value === 'object' && Object.keys(value).length === 0
}

function fieldJson(field: Field, value: unknown): Json {
  if (field.map) {
    const entries = Object.entries(value as Record<string, unknown>)
    return Object.fromEntries(entries.map(([key, item]) => [key, valueJson(field, item)]))
  }
  if (field.repeated) return (value as unknown[]).map((item) => valueJson(field, item))
  return valueJson(field, value)
}

/** One decoded message as JSON (see the file comment for the rules). */
export function messageJson(type: Type, message: Decoded): Json {
  const special = specialJson(type, message)
  if (special !== undefined) return special
  const out: Record<string, Json> = {}
  for (const field of type.fieldsArray) {
    if (!has(message, field.name)) continue
    const value = fieldJson(field, message[field.name])
    if (isInline(field) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(out, value)
      continue
    }
    if (value === null || (!isPointer(field) && isZero(value))) continue
    out[jsonFieldName(field)] = value
  }
  return out
}
