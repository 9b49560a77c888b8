import type { KubeObject } from '../../model/objects'
import { badRequest, invalidKind, type ApiError } from '../status'
import { decodeCanonical } from './decode-canonical'
import { goUnmarshal } from './go-unmarshal'
import { goType, kindType, registeredKind, type GoType, type RegisteredKind } from './go-types'
import { utf8Bytes } from './utf8'

/**
 * How kube-apiserver v1.32 turns a create or update body into an object: the serializer reads
 * apiVersion and kind (encoding/json, case-insensitive), defaults them from the URL, creates the
 * Go type the scheme registers for them, decodes the body into it (strictly, unless the request
 * asks otherwise), converts it to the URL's kind, and every failure becomes a 400 BadRequest
 * through transformDecodeError.
 * Sources (v1.32): apimachinery runtime/serializer/json/json.go (Serializer.Decode, unmarshal,
 * gvkWithDefaults) and meta.go (SimpleMetaFactory.Interpret); runtime/error.go
 * (strictDecodingError); runtime/schema ParseGroupVersion; apiserver endpoints/handlers/create.go,
 * update.go, rest.go (transformDecodeError, summarizeData), fieldValidation in handlers/rest.go.
 */

/** metav1.FieldValidation*: what to do about unknown and duplicate fields. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore'

export type DecodedBody =
  { ok: true; object: KubeObject; warnings: string[] } | { ok: false; error: ApiError }

/** The struct SimpleMetaFactory.Interpret decodes into, as reflect names it. */
const TYPE_META: GoType = {
  kind: 'struct',
  name: 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }',
  goName: '',
  required: new Set(),
  fields: new Map([
    ['apiVersion', goType('string')],
    ['kind', goType('string')],
  ]),
}

// runtime.NewScheme names kube-apiserver's scheme after where it is created.
const SCHEME = 'pkg/api/legacyscheme/scheme.go:30'

/**
 * The ?fieldValidation= query parameter: "" means Warn (fieldValidation in handlers/rest.go);
 * anything else is a 422 from ValidateCreateOptions / ValidateUpdateOptions / ValidatePatchOptions.
 */
export function fieldValidationOf(
  query: Readonly<Record<string, string>>,
  options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions',
): FieldValidation | ApiError {
  const value = query['fieldValidation'] ?? ''
  if (value === '') return 'Warn'
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value
  return invalidKind('meta.k8s.io', options, '', [
    {
      type: 'FieldValueNotSupported',
      field: 'fieldValidation',
      badValue: value,
      detail: 'supported values: "", "Ignore", "Strict", "Warn"',
    },
  ])
}

/** summarizeData (rest.go): the body's first 30 bytes, as text if it looks like JSON, else hex. */
function summarizeData(body: string): string {
  const bytes = utf8Bytes(body)
  if (bytes.length === 0) return '<empty>'
  const head = bytes.slice(0, 30)
  const more = bytes.length > 30 ? ' ...' : ''
  if (body.startsWith('{')) return `${decodeUtf8(head)}${more}`
  return `${[...head].map((b) => b.toString(16).padStart(2, '0')).join('')}${more}`
}

/** Bytes back to text; a multi-byte character cut in half becomes U+FFFD, as JSON encoding does. */
function decodeUtf8(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number
    const length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    if (i + length > bytes.length || (length === 1 && b >= 0x80)) {
      text += '\ufffd'
      i++
      continue
    }
    let code = length === 1 ? b : b & (0xff >> (length + 1))
    for (let k = 1; k < length; k++) code = (code << 6) | ((bytes[i + k] as number) & 0x3f)
    text += String.fromCodePoint(code)
    i += length
  }
  return text
}

/** schema.ParseGroupVersion: "" and "/" are empty; more than one slash is an error. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } | string {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' }
  const parts = apiVersion.split('/')
  if (parts.length === 1) return { group: '', version: apiVersion }
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '' }
  return `unexpected GroupVersion string: ${apiVersion}`
}

const groupVersion = (group: string, version: string): string =>
  group === '' ? version : `${group}/${version}`

/** Decodes a POST or PUT body meant for `target` (the URL's kind). */
export function decodeObject(
  body: string | undefined,
  target: RegisteredKind,
  validation: FieldValidation,
): DecodedBody {
  // JSON.stringify's own text of an object of this kind with known fields only: parsed natively.
  const canonical = decodeCanonical(body ?? '', target, kindType(target))
  if (canonical !== undefined) return typed(canonical, target, [])
  return decodeScanned(body, target, validation)
}

/** decodeObject the long way, every body: Go's decoder, step by step (exported for its test). */
export function decodeScanned(
  body: string | undefined,
  target: RegisteredKind,
  validation: FieldValidation,
): DecodedBody {
  const text = body ?? ''
  const unrecognized = (why: string): DecodedBody => ({
    ok: false,
    error: badRequest(
      `the object provided is unrecognized (must be of type ${target.kind}): ${why} (${summarizeData(text)})`,
    ),
  })
  const meta = goUnmarshal(text, TYPE_META, { caseInsensitive: true })
  if (!meta.ok) return unrecognized(`couldn't get version/kind; json parse error: ${meta.error}`)
  const found = (meta.value ?? {}) as { apiVersion?: string; kind?: string }
  const gv = parseGroupVersion(found.apiVersion ?? '')
  if (typeof gv === 'string') return unrecognized(gv)
  // gvkWithDefaults: kind, then group and version, from the URL's kind.
  const actual = { ...gv, kind: found.kind ?? '' }
  if (actual.kind === '') actual.kind = target.kind
  if (actual.version === '' && actual.group === '') {
    actual.group = target.group
    actual.version = target.version
  }
  if (actual.version === '' && actual.group === target.group) actual.version = target.version
  const cannot = (why: string): DecodedBody => ({
    ok: false,
    error: badRequest(
      `${actual.kind} in version "${actual.version}" cannot be handled as a ${target.kind}: ${why}`,
    ),
  })
  const kind = registeredKind(actual.group, actual.version, actual.kind)
  if (!kind) {
    return cannot(
      `no kind "${actual.kind}" is registered for version "${groupVersion(actual.group, actual.version)}" in scheme "${SCHEME}"`,
    )
  }
  // Interpret above scanned this very text for syntax already (Go scans it twice; the answer is
  // the same, so once is enough here).
  const decoded = goUnmarshal(text, kindType(kind), {
    strict: validation !== 'Ignore',
    syntaxChecked: true,
  })
  if (!decoded.ok) return cannot(decoded.error)
  if (kind !== target) {
    return cannot(
      `converting (v1.${kind.kind}) to (${target.internal}.${target.kind}): unknown conversion`,
    )
  }
  const strict = decoded.strictErrors
  if (validation === 'Strict' && strict.length > 0)
    return cannot(`strict decoding error: ${strict.join(', ')}`)
  return typed((decoded.value ?? {}) as KubeObject, target, validation === 'Warn' ? strict : [])
}

/** The decoded object, converted to the URL's kind: apiVersion and kind are the target's. */
function typed(object: KubeObject, target: RegisteredKind, warnings: string[]): DecodedBody {
  object.apiVersion = groupVersion(target.group, target.version)
  object.kind = target.kind
  return { ok: true, object, warnings }
}

export type { RegisteredKind }
