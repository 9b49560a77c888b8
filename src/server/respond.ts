import type { IncomingMessage, ServerResponse } from 'node:http'
import { stringify } from 'yaml'
import { apiFailure, type ApiError } from '../sim/index'

/**
 * Writing responses as kube-apiserver does: JSON (or YAML when asked for), Status objects for
 * errors, Warning headers in RFC 7234 form (`299 - "text"`).
 * Sources: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/writers.go,
 * negotiation/negotiate.go, pkg/warning (v1.32).
 */

export type MediaType = 'json' | 'yaml'

// What the negotiated serializers offer, in the codec factory's order (serializer.go, v1.32).
export const SERVED_MEDIA_TYPES = [
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
]

/** The response media type an Accept header allows, or undefined when it allows none we serve. */
export function negotiate(accept: string | undefined): MediaType | undefined {
  if (accept === undefined || accept.trim() === '') return 'json'
  for (const part of accept.split(',')) {
    const type = (part.split(';')[0] ?? '').trim().toLowerCase()
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json'
    if (type === 'application/yaml') return 'yaml'
  }
  return undefined
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
  const text = media === 'yaml' ? stringify(body) : `${JSON.stringify(body)}\n`
  res.writeHead(code, {
    'Content-Type': media === 'yaml' ? 'application/yaml' : 'application/json',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
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
