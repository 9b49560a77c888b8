import protobuf from 'protobufjs/light.js'
import type { Field, Type } from 'protobufjs'
import descriptor from './k8s-protobuf.generated.json' with { type: 'json' }

/**
 * The protobuf schema of the served kinds (k8s-protobuf.generated.json, from k8s.io/api and
 * k8s.io/apimachinery v0.32's generated.proto; see README.md), loaded once, on the first
 * protobuf body: protobufjs' light build reads the JSON descriptor without a .proto parser.
 */

/** The media type of Kubernetes' protobuf encoding (runtime.ContentTypeProtobuf). */
export const PROTOBUF = 'application/vnd.kubernetes.protobuf'

let root: protobuf.Root | undefined

/** Builds the schema from the descriptor (what the first protobuf body costs; see the bench). */
export function loadSchema(): protobuf.Root {
  const loaded = protobuf.Root.fromJSON(descriptor)
  loaded.resolveAll()
  return loaded
}

function schema(): protobuf.Root {
  root ??= loadSchema()
  return root
}

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1'

/** The proto package of an API group's version: apps/v1 → k8s.io.api.apps.v1. */
function protoPackage(group: string, version: string): string {
  if (group === 'meta.k8s.io') return `k8s.io.apimachinery.pkg.apis.meta.${version}`
  const name = group === '' ? 'core' : (group.split('.')[0] ?? '')
  return `k8s.io.api.${name}.${version}`
}

/** A message type by its full name ("k8s.io.api.core.v1.Pod"), or undefined. */
export function messageType(fullName: string): Type | undefined {
  const found = schema().lookup(fullName)
  return found instanceof protobuf.Type ? found : undefined
}

/** The message of a kind, as the scheme registers it, or undefined when it has none here. */
export function kindMessage(group: string, version: string, kind: string): Type | undefined {
  if (!/^[A-Za-z0-9]+$/.test(kind) || !/^[a-z0-9]+$/.test(version)) return undefined
  return messageType(`${protoPackage(group, version)}.${kind}`)
}

/** runtime.Unknown: the envelope every protobuf body is wrapped in. */
export function unknownType(): Type {
  const type = messageType('k8s.io.apimachinery.pkg.runtime.Unknown')
  if (!type) throw new Error('k8s-protobuf.generated.json lacks runtime.Unknown')
  return type
}

/** meta/v1 types whose Go JSON form is not their message's (Time is RFC 3339 text ...). */
export const SPECIAL = {
  time: `${META}.Time`,
  microTime: `${META}.MicroTime`,
  fieldsV1: `${META}.FieldsV1`,
  quantity: 'k8s.io.apimachinery.pkg.api.resource.Quantity',
  intOrString: 'k8s.io.apimachinery.pkg.util.intstr.IntOrString',
  rawExtension: 'k8s.io.apimachinery.pkg.runtime.RawExtension',
} as const

interface FieldOptions {
  pointer?: boolean
  inline?: boolean
  json?: string
  go?: string
}

const optionsOf = (field: Field): FieldOptions => field.options ?? {}

/** The Go struct field's name, as generated code quotes it in errors ("UID", "Name"). */
export function goFieldName(field: Field): string {
  return optionsOf(field).go ?? `${field.name.charAt(0).toUpperCase()}${field.name.slice(1)}`
}

/** The field's JSON name (the Go struct tag's). */
export const jsonFieldName = (field: Field): string => optionsOf(field).json ?? field.name

/** A pointer (*int32, *bool, *Struct): present, even with a zero value, means set. */
export const isPointer = (field: Field): boolean => optionsOf(field).pointer === true

/** An embedded struct that JSON inlines (`json:",inline"`): Volume's VolumeSource. */
export const isInline = (field: Field): boolean => optionsOf(field).inline === true

/** A named slice type (`type ExtraValue []string`): JSON shows the list, not a message. */
export const isList = (type: Type): boolean =>
  (type.options as { list?: boolean } | undefined)?.list === true
