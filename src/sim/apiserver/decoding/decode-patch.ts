import type { KubeObject } from '../../model/objects'
import { badRequest, failure, type ApiError } from '../status'
import type { FieldValidation } from './decode-object'
import { fromUnstructured } from './from-unstructured'
import { goQuote, goSprintV } from './go-format'
import { goUnmarshal } from './go-unmarshal'
import { ANY, kindType, type RegisteredKind } from './go-types'
import type { JsonPatchOp } from '../subresources'

/**
 * PATCH, as kube-apiserver v1.32 handles it: the patch body is decoded (strictly, so duplicate
 * keys are reported) into map[string]interface{}; after it is applied, the result is decoded
 * back into the kind's Go type, and whatever fails there is a 422 about the field "patch".
 * Source: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go (v1.32): PatchResource
 * (content types), jsonPatcher.applyJSPatch / applyPatchToCurrentObject (merge patch),
 * strategicPatchObject / applyPatchToObject (strategic merge patch).
 */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply'

export interface DecodedPatch {
  type: PatchType
  /**
   * The merge patch (merge, strategic) or the applied configuration (apply); {} for a JSON
   * patch, whose operations are in `ops`.
   */
  patch: KubeObject
  /** RFC 6902 operations (type json: what `kubectl rollout undo` sends). */
  ops?: JsonPatchOp[]
  validation: FieldValidation
  /** Duplicate keys in the patch itself (appliedStrictErrs / strictErrs in patch.go). */
  strictErrors: string[]
}

const CONTENT_TYPES: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  // Server-side apply: a YAML (or JSON) configuration; the served endpoint hands YAML over as JSON.
  'application/apply-patch+yaml': 'apply',
}

/** The body of a PATCH, or its 400 / 415. */
export function decodePatch(
  body: string | undefined,
  contentType: string | undefined,
  validation: FieldValidation,
): DecodedPatch | ApiError {
  const type = CONTENT_TYPES[(contentType ?? '').split(';')[0]?.trim() ?? '']
  if (!type) {
    // negotiation.NewUnsupportedMediaTypeError, with the types installer.go registers for PATCH.
    return failure(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${Object.keys(CONTENT_TYPES).join(', ')}`,
    )
  }
  const decoded = goUnmarshal(body ?? '', ANY, { strict: validation !== 'Ignore' })
  if (!decoded.ok)
    return badRequest(type === 'merge' ? `error decoding patch: ${decoded.error}` : decoded.error)
  const value = decoded.value
  if (type === 'json') return jsonPatch(value, validation, decoded.strictErrors)
  if (type === 'apply') return applyConfiguration(value, validation, decoded.strictErrors)
  if (value === null || value === undefined) {
    if (type === 'merge') return badRequest('Invalid JSON Patch')
    return { type, patch: {}, validation, strictErrors: decoded.strictErrors }
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value)
      ? 'array'
      : typeof value === 'string'
        ? 'string'
        : typeof value === 'boolean'
          ? 'bool'
          : 'number'
    const error = `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`
    return badRequest(type === 'merge' ? `error decoding patch: ${error}` : error)
  }
  return { type, patch: value as KubeObject, validation, strictErrors: decoded.strictErrors }
}

/**
 * applyPatcher (patch.go): the configuration must be a map (`error decoding YAML: …`); duplicate
 * keys are checked after the apply (`error strict decoding YAML: …` under Strict).
 */
function applyConfiguration(
  value: unknown,
  validation: FieldValidation,
  strictErrors: string[],
): DecodedPatch | ApiError {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return badRequest(
      `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : value === null ? 'null' : 'number'} into Go value of type map[string]interface {}`,
    )
  return { type: 'apply', patch: value as KubeObject, validation, strictErrors }
}

/** jsonpatch.DecodePatch: a JSON array of operations (each an object with op and path). */
function jsonPatch(
  value: unknown,
  validation: FieldValidation,
  strictErrors: string[],
): DecodedPatch | ApiError {
  if (!Array.isArray(value))
    return badRequest(
      `json: cannot unmarshal ${value !== null && typeof value === 'object' ? 'object' : typeof value} into Go value of type jsonpatch.Patch`,
    )
  const ops = value.filter(
    (op): op is JsonPatchOp =>
      op !== null &&
      typeof op === 'object' &&
      typeof (op as JsonPatchOp).op === 'string' &&
      typeof (op as JsonPatchOp).path === 'string',
  )
  if (ops.length !== value.length) return badRequest('Unexpected kind: unknown')
  return { type: 'json', patch: {}, ops, validation, strictErrors }
}

export type TypedPatchResult =
  { ok: true; object: KubeObject; warnings: string[] } | { ok: false; error: ApiError }

/** Go's json.Marshal of a map: keys sorted, <, > and & escaped. */
function marshalSorted(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort)
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => [k, sort(x)]),
      )
    return v
  }
  return JSON.stringify(sort(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
}

/**
 * field.Invalid(field.NewPath("patch"), value, detail) in NewInvalid(schema.GroupKind{}, "", …):
 * ` "" is invalid: patch: Invalid value: "<value, %q>": <detail>`.
 */
function patchInvalid(badValue: string, detail: string): ApiError {
  const message = `Invalid value: ${goQuote(badValue)}: ${detail}`
  return failure(422, 'Invalid', ` "" is invalid: patch: ${message}`, {
    causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }],
  })
}

/**
 * The patched object decoded back into the kind: for a merge patch the patched JSON goes through
 * the strict JSON decoder; for a strategic merge patch the map goes through the unstructured
 * converter. Strict errors (the patch's duplicates first) are a 422 under Strict, warnings
 * under Warn.
 */
export function typedPatchResult(
  kind: RegisteredKind,
  patched: KubeObject,
  patch: DecodedPatch,
): TypedPatchResult {
  const strict = patch.validation !== 'Ignore'
  // jsonPatcher and the merge patcher both decode the patched JSON strictly (patch.go).
  if (patch.type !== 'strategic') {
    const text = marshalSorted(patched)
    const decoded = goUnmarshal(text, kindType(kind), { strict })
    if (!decoded.ok) return { ok: false, error: patchInvalid(text, decoded.error) }
    return finish(
      decoded.value as KubeObject,
      [...patch.strictErrors, ...decoded.strictErrors],
      patch,
      () => text,
    )
  }
  const converted = fromUnstructured(patched, kindType(kind))
  // The patch as %v prints it, for an error only (most patches have none).
  const shown = () => goSprintV(patch.patch)
  if (!converted.ok) return { ok: false, error: patchInvalid(shown(), converted.error) }
  const unknown = strict ? converted.unknownFields : []
  return finish(converted.value as KubeObject, [...patch.strictErrors, ...unknown], patch, shown)
}

function finish(
  object: KubeObject,
  strictErrors: string[],
  patch: DecodedPatch,
  shown: () => string,
): TypedPatchResult {
  if (strictErrors.length > 0 && patch.validation === 'Strict')
    return {
      ok: false,
      error: patchInvalid(shown(), `strict decoding error: ${strictErrors.join(', ')}`),
    }
  return { ok: true, object, warnings: patch.validation === 'Warn' ? strictErrors : [] }
}
