import type { Type } from 'protobufjs'
import { apiFailure, type ApiError } from '../../sim/index'
import { registeredKind } from '../../sim/apiserver/decoding/go-types'
import { parsePath } from '../../sim/apiserver/path'
import { gogoUnmarshalError } from './gogo-check'
import { kindMessage, unknownType } from './schema'
import { messageJson, type Json } from './to-json'

export { PROTOBUF } from './schema'

/**
 * Request bodies in `application/vnd.kubernetes.protobuf`, decoded as kube-apiserver's protobuf
 * serializer does and handed on as the JSON the simulated API server decodes, so that from there
 * on a protobuf body and a JSON one take the same path (defaults, validation, admission):
 * the 4-byte magic `k8s\0`, the runtime.Unknown envelope (typeMeta, raw), the kind defaulted from
 * the URL, and the raw bytes decoded as that kind's message. Failures are the handlers' Statuses:
 * a create or update's through transformDecodeError (400), a DELETE's as they come (500).
 * Sources (v1.32): apimachinery pkg/runtime/serializer/protobuf/protobuf.go (Serializer.Decode,
 * copyKindDefaults), pkg/runtime/schema (FromAPIVersionAndKind), pkg/runtime/types.go (Unknown);
 * apiserver pkg/endpoints/handlers/rest.go (transformDecodeError, summarizeData), create.go,
 * update.go, delete.go.
 */

// protobuf.go: protoEncodingPrefix, printed with %v as Go prints a []byte.
const MAGIC = [0x6b, 0x38, 0x73, 0x00]

export type ProtobufBody = { ok: true; text: string } | { ok: false; error: ApiError }

interface Gvk {
  group: string
  version: string
  kind: string
}

// The subresources that take a body of their own kind (sim/apiserver/request-body.ts).
const SUBRESOURCE_KINDS: Readonly<Record<string, Gvk>> = {
  binding: { group: '', version: 'v1', kind: 'Binding' },
  eviction: { group: 'policy', version: 'v1', kind: 'Eviction' },
  token: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
}

/** The kind a request's body decodes into (the handler's `into` and default kind). */
export function bodyKindOf(method: string, path: string): Gvk | undefined {
  if (method === 'DELETE') return { group: 'meta.k8s.io', version: 'v1', kind: 'DeleteOptions' }
  const parsed = parsePath(path)
  if (!parsed.ok) return undefined
  const { info, subresource } = parsed.path
  if (subresource !== undefined) return SUBRESOURCE_KINDS[subresource]
  return { group: info.group, version: info.version, kind: info.kind }
}

/** summarizeData: the first 30 bytes, as text if the body starts with '{', else in hex. */
function summarize(bytes: Uint8Array): string {
  if (bytes.length === 0) return '<empty>'
  const head = Buffer.from(bytes.subarray(0, 30))
  const text = bytes[0] === 0x7b ? head.toString('utf8') : head.toString('hex')
  return bytes.length > 30 ? `${text} ...` : text
}

/** schema.FromAPIVersionAndKind: an apiVersion that does not parse leaves only the kind. */
function gvkOf(apiVersion: string, kind: string): Gvk {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '', kind }
  const parts = apiVersion.split('/')
  if (parts.length === 1) return { group: '', version: apiVersion, kind }
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '', kind }
  return { group: '', version: '', kind }
}

/** copyKindDefaults: the URL's kind and group/version fill what the body left out. */
function withDefaults(actual: Gvk, defaults: Gvk): Gvk {
  const out = { ...actual }
  if (out.kind === '') out.kind = defaults.kind
  if (out.version === '' && defaults.version !== '') {
    out.group = defaults.group
    out.version = defaults.version
  }
  return out
}

/**
 * The message the scheme decodes a kind into. DeleteOptions is registered in every group version
 * (metav1.AddToGroupVersion), and client-go sends it as "v1": a DELETE's body is meta/v1's.
 */
function messageOf(gvk: Gvk, method: string): Type | undefined {
  if (method === 'DELETE' && gvk.kind === 'DeleteOptions')
    return kindMessage('meta.k8s.io', 'v1', 'DeleteOptions')
  if (!registeredKind(gvk.group, gvk.version, gvk.kind)) return undefined
  return kindMessage(gvk.group, gvk.version, gvk.kind)
}

const apiVersionOf = (gvk: Gvk): string =>
  gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`

/** Decodes a protobuf body meant for `target`, for a create/update (`method` POST or PUT) or DELETE. */
export function decodeProtobufBody(bytes: Uint8Array, target: Gvk, method: string): ProtobufBody {
  const fail = (message: string): ProtobufBody => ({
    ok: false,
    // delete.go passes the decoder's error to scope.err: a 500 with reason Unknown.
    error:
      method === 'DELETE' ? apiFailure(500, '', message) : apiFailure(400, 'BadRequest', message),
  })
  const unrecognized = (why: string) =>
    fail(
      method === 'DELETE'
        ? why
        : `the object provided is unrecognized (must be of type ${target.kind}): ${why} (${summarize(bytes)})`,
    )
  if (bytes.length === 0) return unrecognized('empty data')
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b))
    return unrecognized(
      `provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`,
    )
  if (bytes.length === MAGIC.length) return unrecognized('empty body')
  const data = bytes.subarray(MAGIC.length)
  const envelope = unknownType()
  const envelopeError = gogoUnmarshalError(envelope, data)
  if (envelopeError !== undefined) return unrecognized(envelopeError)
  const unknown = decodeEnvelope(envelope, data)
  if (typeof unknown === 'string') return unrecognized(unknown)
  const meta = unknown.typeMeta ?? {}
  const actual = withDefaults(gvkOf(meta.apiVersion ?? '', meta.kind ?? ''), target)
  const header = { apiVersion: apiVersionOf(actual), kind: actual.kind }
  const message = messageOf(actual, method)
  // A kind the scheme does not know: the JSON decoder words that error the same way.
  if (!message) return { ok: true, text: JSON.stringify(header) }
  const raw = unknown.raw ?? new Uint8Array()
  const object = gogoUnmarshalError(message, raw) ?? objectJson(message, raw)
  if (typeof object === 'string')
    return fail(
      method === 'DELETE'
        ? object
        : `${actual.kind} in version "${actual.version}" cannot be handled as a ${target.kind}: ${object}`,
    )
  return { ok: true, text: JSON.stringify({ ...header, ...object }) }
}

interface Unknown {
  typeMeta?: { apiVersion?: string; kind?: string }
  raw?: Uint8Array
}

/**
 * runtime.Unknown, by protobufjs. Where it is stricter than gogo (a group holding field number 0
 * among unknown fields), its words are the error.
 */
function decodeEnvelope(envelope: Type, data: Uint8Array): Unknown | string {
  try {
    return envelope.decode(data) as Unknown
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/**
 * The raw bytes as JSON. gogo's checks have passed, so protobufjs decodes them; should it still
 * refuse (see decodeEnvelope), its words are the error.
 */
function objectJson(message: Type, raw: Uint8Array): Record<string, Json> | string {
  try {
    const json = messageJson(message, message.decode(raw))
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {}
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
