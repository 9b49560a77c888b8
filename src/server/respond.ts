import type { IncomingMessage, ServerResponse } from 'node:http'
import { stringify } from 'yaml'
import { apiFailure, type ApiError } from '../sim/index'
import { encodeObject, encodeWatchEvent } from './protobuf/encode'
import { PROTOBUF } from './protobuf/schema'

/**
 * Writing responses as kube-apiserver does: JSON (or YAML when asked for), Status objects for
 * errors, Warning headers in RFC 7234 form (`299 - "text"`).
 * Sources: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/writers.go,
 * negotiation/negotiate.go, pkg/warning (v1.32).
 */

export type MediaType = 'json' | 'yaml' | 'protobuf'

// What the negotiated serializers offer, in the codec factory's order (serializer.go, v1.32).
export const SERVED_MEDIA_TYPES = ['application/json', 'application/yaml', PROTOBUF]

/**
 * The response media type an Accept header allows, or undefined when it allows none we serve.
 * JSON (or YAML) whenever the client takes it, which client-go's typed clients do after protobuf
 * (`application/vnd.kubernetes.protobuf,application/json`): the served cluster's answers stay
 * readable in `kubectl -v=8`. Protobuf when it is all the client takes (kube-apiserver would
 * answer in protobuf there too); only the plain form: a protobuf Table (`;as=Table`) does not
 * exist, and is not acceptable.
 */
export function negotiate(accept: string | undefined): MediaType | undefined {
  if (accept === undefined || accept.trim() === '') return 'json'
  let protobuf = false
  for (const part of accept.split(',')) {
    const [rawType = '', ...parameters] = part.split(';')
    const type = rawType.trim().toLowerCase()
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json'
    if (type === 'application/yaml') return 'yaml'
    if (type === PROTOBUF && parameters.every((p) => !/^\s*as\s*=/i.test(p))) protobuf = true
  }
  return protobuf ? 'protobuf' : undefined
}

/** NewNotAcceptableError's Status (negotiation/errors.go). */
export function notAcceptable(): ApiError {
  return apiFailure(
    406,
    'NotAcceptable',
    `only the following media types are accepted: ${SERVED_MEDIA_TYPES.join(', ')}`,
  )
}

/** NewUnsupportedMediaTypeError's Status (negotiation/errors.go). */
export function unsupportedMediaType(): ApiError {
  return apiFailure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${SERVED_MEDIA_TYPES.join(', ')}`,
  )
}

const quoteWarning = (text: string): string => `299 - ${JSON.stringify(text)}`

/**
 * errNotMarshalable's Status (runtime/serializer/protobuf/protobuf.go): an object with no
 * protobuf form (a Table) asked for in protobuf.
 */
function notMarshalable(body: unknown): ApiError {
  const { apiVersion, kind } = (body ?? {}) as { apiVersion?: string; kind?: string }
  const version = (apiVersion ?? '').split('/').pop() ?? ''
  return apiFailure(
    406,
    'NotAcceptable',
    `object *${version}.${kind ?? ''} does not implement the protobuf marshalling interface and cannot be encoded to a protobuf message`,
  )
}

/** Writes one object (or Status) as the whole response. */
export function writeObject(
  res: ServerResponse,
  code: number,
  body: unknown,
  media: MediaType = 'json',
  warnings: readonly string[] = [],
): void {
  if (res.headersSent || res.destroyed) return
  if (warnings.length > 0) res.setHeader('Warning', warnings.map(quoteWarning))
  if (media === 'protobuf') {
    writeProtobuf(res, code, body)
    return
  }
  const text = media === 'yaml' ? stringify(body) : `${JSON.stringify(body)}\n`
  res.writeHead(code, {
    'Content-Type': media === 'yaml' ? 'application/yaml' : 'application/json',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

function writeProtobuf(res: ServerResponse, code: number, body: unknown): void {
  let bytes = encodeObject(body)
  if (!bytes) {
    const error = notMarshalable(body)
    code = error.code
    bytes = encodeObject(error.status)
  }
  res.writeHead(code, { 'Content-Type': PROTOBUF, 'Content-Length': bytes?.length ?? 0 })
  res.end(bytes)
}

/** A watch stream's Content-Type (protobuf streams are framed: `;stream=watch`). */
export const watchContentType = (media: MediaType): string =>
  media === 'protobuf' ? `${PROTOBUF};stream=watch` : 'application/json'

/** One watch event as the stream carries it: a JSON line, or a length-prefixed protobuf frame. */
export function watchEventChunk(
  media: MediaType,
  type: string,
  object: unknown,
): string | Uint8Array {
  if (media === 'protobuf') return encodeWatchEvent(type, object) ?? new Uint8Array()
  return `${JSON.stringify({ type, object })}\n`
}

export function writeError(res: ServerResponse, error: ApiError, media: MediaType = 'json'): void {
  writeObject(res, error.code, error.status, media)
}

/** Plain text, as Go's http.Error and the health checks write it. */
export function writeText(res: ServerResponse, code: number, text: string): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** The request's query as kube-apiserver reads single-valued parameters (the first value). */
export function queryOf(req: IncomingMessage): { path: string; query: Record<string, string> } {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1')
  const query: Record<string, string> = {}
  for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value
  return { path: url.pathname, query }
}
