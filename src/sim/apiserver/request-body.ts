import type { KubeObject } from '../model/objects'
import type { HttpRequest } from '../runtime/messages'
import { decodeObject, fieldValidationOf } from './decoding/decode-object'
import { decodePatch, type DecodedPatch } from './decoding/decode-patch'
import { goUnmarshal } from './decoding/go-unmarshal'
import { ANY, goType, registeredKind, type RegisteredKind } from './decoding/go-types'
import type { ParsedPath } from './path'
import type { ResourceInfo } from './resources'
import {
  failure,
  invalidKind,
  requestEntityTooLarge,
  type ApiError,
  type FieldError,
} from './status'
import { utf8Length } from './decoding/utf8'

// --max-request-body-bytes' default: 3 MiB (DefaultMaxRequestSizeBytes, 3 * 1024 * 1024,
// staging/src/k8s.io/apiserver/pkg/server/config.go, v1.32), enforced by limitedReadBody before
// any decoding (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go).
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024

/** limitedReadBody's error for a body over the limit. */
export function bodyTooLarge(): ApiError {
  return requestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`)
}

/**
 * Every request body is decoded here, once, before any handler reads it: the handlers only
 * ever see objects of their kind's Go type (or a patch map), never the client's raw JSON.
 */
export interface DecodedRequest {
  /** POST / PUT: the object, typed. DELETE: the DeleteOptions. */
  object?: KubeObject
  patch?: DecodedPatch
  /** Unknown or duplicate fields under fieldValidation=Warn (the response's Warning headers). */
  warnings: string[]
}

/** The scheme's kind for a served resource: what its bodies decode into. */
export function kindOf(info: ResourceInfo): RegisteredKind | undefined {
  return registeredKind(info.group, info.version, info.kind)
}

// The subresources that take a body of their own kind (POST pods/<name>/binding ...).
const SUBRESOURCE_KINDS: Readonly<Record<string, readonly [string, string, string]>> = {
  binding: ['', 'v1', 'Binding'],
  eviction: ['policy', 'v1', 'Eviction'],
  token: ['authentication.k8s.io', 'v1', 'TokenRequest'],
}

function bodyKind(path: ParsedPath): RegisteredKind | undefined {
  const sub = path.subresource !== undefined ? SUBRESOURCE_KINDS[path.subresource] : undefined
  if (sub) return registeredKind(...sub)
  return kindOf(path.info)
}

function objectBody(
  request: HttpRequest,
  path: ParsedPath,
  options: 'CreateOptions' | 'UpdateOptions',
): DecodedRequest | ApiError {
  const validation = fieldValidationOf(request.query, options)
  if (typeof validation !== 'string') return validation
  // pods/exec: the real client sends PodExecOptions as repeated query parameters
  // (command=…&command=…), which this query map cannot hold, so the sim sends them as a body.
  if (path.subresource === 'exec') return untypedObject(request.body)
  const kind = bodyKind(path)
  if (!kind) return untypedObject(request.body)
  const decoded = decodeObject(request.body, kind, validation)
  return decoded.ok ? { object: decoded.object, warnings: decoded.warnings } : decoded.error
}

/**
 * A resource with no schema in the table (a kind added without running the generator): the body
 * must at least be a JSON object. A safety net only: resources.test.ts requires a schema for
 * every served resource.
 */
function untypedObject(body: string | undefined): DecodedRequest | ApiError {
  const decoded = goUnmarshal(body ?? '', ANY)
  if (!decoded.ok) return failure(400, 'BadRequest', decoded.error)
  const value = decoded.value
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return failure(400, 'BadRequest', 'the request body must be a JSON object')
  return { object: value as KubeObject, warnings: [] }
}

/**
 * DELETE's optional DeleteOptions, decoded as the metav1 codecs do (not strictly); a body that
 * does not decode is an error the handler passes through as a 500 (delete.go, v1.32).
 */
function deleteOptions(body: string | undefined): DecodedRequest | ApiError {
  if (body === undefined || body.trim() === '') return { warnings: [] }
  const kind = registeredKind('meta.k8s.io', 'v1', 'DeleteOptions')
  if (!kind) return { warnings: [] }
  const decoded = goUnmarshal(body, goType(kind.kind))
  if (!decoded.ok) return failure(500, '', decoded.error)
  return { object: (decoded.value ?? {}) as KubeObject, warnings: [] }
}

/** Whether `text` is more than `limit` bytes in UTF-8; a UTF-16 unit is at most 3 of them. */
function bodyBytesOver(text: string, limit: number): boolean {
  return text.length * 3 > limit && utf8Length(text) > limit
}

/** Decodes the body the verb takes; GET and watches take none. */
export function decodeRequestBody(
  request: HttpRequest,
  path: ParsedPath,
): DecodedRequest | ApiError {
  if (request.method !== 'GET' && bodyBytesOver(request.body ?? '', MAX_REQUEST_BODY_BYTES))
    return bodyTooLarge()
  switch (request.method) {
    case 'GET':
      return { warnings: [] }
    case 'POST':
      return path.name === undefined || path.subresource !== undefined
        ? objectBody(request, path, 'CreateOptions')
        : { warnings: [] }
    case 'PUT':
      return objectBody(request, path, 'UpdateOptions')
    case 'PATCH': {
      const optionsError = patchOptionsError(request)
      if (optionsError) return optionsError
      const validation = fieldValidationOf(request.query, 'PatchOptions')
      if (typeof validation !== 'string') return validation
      const patch = decodePatch(request.body, request.contentType, validation)
      return 'code' in patch ? patch : { patch, warnings: [] }
    }
    case 'DELETE':
      return deleteOptions(request.body)
  }
}

const APPLY_PATCH = 'application/apply-patch+yaml'
// FieldManagerMaxLength (apimachinery pkg/apis/meta/v1/validation/validation.go, v1.32).
const FIELD_MANAGER_MAX_LENGTH = 128

/**
 * ValidatePatchOptions (apimachinery meta/v1/validation, v1.32): apply needs a fieldManager,
 * other patches may not say force; a fieldManager is at most 128 bytes of printable characters.
 * (An unsupported fieldValidation value joins these in the same list upstream; it is checked
 * next, on its own, by fieldValidationOf.)
 */
function patchOptionsError(request: HttpRequest): ApiError | undefined {
  const errors: FieldError[] = []
  const manager = request.query['fieldManager'] ?? ''
  const apply = (request.contentType ?? '').split(';')[0]?.trim() === APPLY_PATCH
  if (apply && manager === '')
    errors.push({
      type: 'FieldValueRequired',
      field: 'fieldManager',
      detail: 'is required for apply patch',
    })
  if (!apply && request.query['force'] !== undefined)
    errors.push({
      type: 'FieldValueForbidden',
      field: 'force',
      detail: 'may not be specified for non-apply patch',
    })
  if (utf8Length(manager) > FIELD_MANAGER_MAX_LENGTH)
    errors.push({
      type: 'FieldValueTooLong',
      field: 'fieldManager',
      detail: `may not be more than ${FIELD_MANAGER_MAX_LENGTH} bytes`,
    })
  if (errors.length === 0) return undefined
  return invalidKind('meta.k8s.io', 'PatchOptions', '', errors)
}

export const isApiError = (value: DecodedRequest | ApiError): value is ApiError =>
  'code' in value && 'status' in value
