import type { Status, StatusCause } from 'kubernetes-types/meta/v1'
import { qualifiedResource, type ResourceInfo } from './resources'

/**
 * metav1.Status errors with kube-apiserver's exact wording.
 * Source: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go (v1.32)
 */
export interface ApiError {
  code: number
  status: Status
}

export function failure(
  code: number,
  reason: string,
  message: string,
  details?: Status['details'],
): ApiError {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    // StatusReasonUnknown is "" and omitted from the JSON (omitempty).
    ...(reason !== '' ? { reason } : {}),
    code,
  }
  if (details) status.details = details
  return { code, status }
}

export function notFound(info: ResourceInfo, name: string): ApiError {
  const resource = qualifiedResource(info)
  return failure(404, 'NotFound', `${resource} "${name}" not found`, {
    name,
    kind: info.resource,
    ...groupOf(info),
  })
}

export function alreadyExists(info: ResourceInfo, name: string): ApiError {
  const resource = qualifiedResource(info)
  return failure(409, 'AlreadyExists', `${resource} "${name}" already exists`, {
    name,
    kind: info.resource,
    ...groupOf(info),
  })
}

export function conflict(info: ResourceInfo, name: string): ApiError {
  const resource = qualifiedResource(info)
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, kind: info.resource, ...groupOf(info) },
  )
}

/** 403 from admission: `pods "web" is forbidden: <why>`. */
export function forbidden(info: ResourceInfo, name: string, why: string): ApiError {
  return failure(403, 'Forbidden', `${qualifiedResource(info)} "${name}" is forbidden: ${why}`, {
    name,
    kind: info.resource,
    ...groupOf(info),
  })
}

export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message)
}

export function methodNotAllowed(): ApiError {
  return failure(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  )
}

export function pathNotFound(): ApiError {
  return failure(404, 'NotFound', 'the server could not find the requested resource')
}

export function namespaceNotFound(namespace: string): ApiError {
  return failure(404, 'NotFound', `namespaces "${namespace}" not found`, {
    name: namespace,
    kind: 'namespaces',
  })
}

export function gone(message: string): ApiError {
  return failure(410, 'Expired', message)
}

export function internalError(message: string): ApiError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`)
}

/**
 * A storage error kube-apiserver does not translate (etcd's own errors): ErrorToAPIStatus makes
 * it a 500 with reason Unknown ("") and the error's text (apiserver handlers/responsewriters/status.go).
 */
export function storageError(message: string): ApiError {
  return failure(500, '', message)
}

/** NewRequestEntityTooLargeError (errors.go): `Request entity too large: limit is 3145728`. */
export function requestEntityTooLarge(message: string): ApiError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`)
}

export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized', 'Unauthorized')
}

/** One field error, as field.Error in apimachinery/pkg/util/validation/field/errors.go. */
export interface FieldError {
  type:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
  field: string
  badValue?: unknown
  /** The bad value already formatted as Go's %#v prints it (structs): used as is. */
  badValueText?: string
  detail?: string
}

const TYPE_TEXT: Record<FieldError['type'], string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
}

const hasValue = (e: FieldError): boolean =>
  e.type === 'FieldValueInvalid' ||
  e.type === 'FieldValueNotSupported' ||
  e.type === 'FieldValueDuplicate'

/** A bad value already written as Go's %#v prints it (a struct such as a LabelSelector). */
export interface GoValue {
  goSyntax: string
}

export const goValue = (goSyntax: string): GoValue => ({ goSyntax })

const isGoValue = (value: unknown): value is GoValue =>
  typeof value === 'object' && value !== null && 'goSyntax' in value

/** Go's %#v for the value types validation reports: "x", 3, map[string]string{"app":"web"}. */
function formatBadValue(value: unknown): string {
  if (isGoValue(value)) return value.goSyntax
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    )
    return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`
  return JSON.stringify(value)
}

/** The cause text without the field: "Required value", "Invalid value: \"x\": detail". */
export function fieldErrorBody(e: FieldError): string {
  let text = TYPE_TEXT[e.type]
  if (hasValue(e)) text += `: ${e.badValueText ?? formatBadValue(e.badValue)}`
  if (e.detail) text += `: ${e.detail}`
  return text
}

/** "spec.containers: Required value" */
export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`
}

/** 422 Invalid: `Pod "web" is invalid: spec.containers: Required value`, or `[a, b]` for several. */
export function invalid(info: ResourceInfo, name: string, errors: readonly FieldError[]): ApiError {
  return invalidKind(info.group, info.kind, name, errors)
}

/**
 * NewInvalid for any group and kind (errors.go): the message names the qualified kind,
 * `CreateOptions.meta.k8s.io "" is invalid: ...`, or nothing at all for the empty GroupKind a
 * patch error uses: ` "" is invalid: patch: Invalid value: ...`.
 */
export function invalidKind(
  group: string,
  kind: string,
  name: string,
  errors: readonly FieldError[],
): ApiError {
  // ErrorList.ToAggregate drops repeated messages (the causes keep them all).
  const texts = [...new Set(errors.map(fieldErrorText))]
  const joined = texts.length === 1 ? (texts[0] ?? '') : `[${texts.join(', ')}]`
  const causes: StatusCause[] = errors.map((e) => ({
    reason: e.type,
    message: fieldErrorBody(e),
    field: e.field,
  }))
  const qualified = group === '' ? kind : `${kind}.${group}`
  return failure(422, 'Invalid', `${qualified} ${JSON.stringify(name)} is invalid: ${joined}`, {
    ...(name !== '' ? { name } : {}),
    ...(group !== '' ? { group } : {}),
    ...(kind !== '' ? { kind } : {}),
    causes,
  })
}

function groupOf(info: ResourceInfo): { group?: string } {
  return info.group === '' ? {} : { group: info.group }
}
