import type { KubeObject } from '../../model/objects'
import { badRequest, failure, type ApiError } from '../status'
import type { FieldValidation } from './decode-object'
import { fromUnstructured } from './from-unstructured'
import { goQuote, goSprintV } from './go-format'
import { goUnmarshal } from './go-unmarshal'
import { ANY, kindType, type RegisteredKind } from './go-types'

/**
 * PATCH, as kube-apiserver v1.32 handles it: the patch body is decoded (strictly, so duplicate
 * keys are reported) into map[string]interface{}; after it is applied, the result is decoded
 * back into the kind's Go type, and whatever fails there is a 422 about the field "patch".
 * Source: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go (v1.32): PatchResource
 * (content types), jsonPatcher.applyJSPatch / applyPatchToCurrentObject (merge patch),
 * strategicPatchObject / applyPatchToObject (strategic merge patch).
 */
export type PatchType = 'merge' | 'strategic'

export interface DecodedPatch {
  type: PatchType
  patch: KubeObject
  validation: FieldValidation
  /** Duplicate keys in the patch itself (appliedStrictErrs / strictErrs in patch.go). */
  strictErrors: string[]
}

const CONTENT_TYPES: Readonly<Record<string, PatchType>> = {
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
}

/** The body of a PATCH, or its 400 / 415. */
export function decodePatch(
  body: string | undefined,
  contentType: string | undefined,
  validation: FieldValidation,
): DecodedPatch | ApiError {
  const type = CONTENT_TYPES[(contentType ?? '').split(';')[0]?.trim() ?? '']
  if (!type) {
    // NB: upstream also accepts JSON patch and apply patches; this simulation does not model them,
    // so it lists only the two it serves (negotiation.NewUnsupportedMediaTypeError's wording).
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
  if (patch.type === 'merge') {
    const text = marshalSorted(patched)
    const decoded = goUnmarshal(text, kindType(kind), { strict })
    if (!decoded.ok) return { ok: false, error: patchInvalid(text, decoded.error) }
    return finish(
      decoded.value as KubeObject,
      [...patch.strictErrors, ...decoded.strictErrors],
      patch,
      text,
    )
  }
  const converted = fromUnstructured(patched, kindType(kind))
  const shown = goSprintV(patch.patch)
  if (!converted.ok) return { ok: false, error: patchInvalid(shown, converted.error) }
  const unknown = strict ? converted.unknownFields : []
  return finish(converted.value as KubeObject, [...patch.strictErrors, ...unknown], patch, shown)
}

function finish(
  object: KubeObject,
  strictErrors: string[],
  patch: DecodedPatch,
  shown: string,
): TypedPatchResult {
  if (strictErrors.length > 0 && patch.validation === 'Strict')
    return {
      ok: false,
      error: patchInvalid(shown, `strict decoding error: ${strictErrors.join(', ')}`),
    }
  return { ok: true, object, warnings: patch.validation === 'Warn' ? strictErrors : [] }
}
