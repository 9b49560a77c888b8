import type { ServerResponse } from 'node:http'
import { writeObject } from '../respond'
import { documentHash, groupVersionDocument, openApiRoot } from './openapi-document'

// The documents never change while serving: built once, on first use.
const cache = new Map<string, { body: string; hash: string } | undefined>()

function documentFor(group: string, version: string): { body: string; hash: string } | undefined {
  const key = `${group}/${version}`
  if (!cache.has(key)) {
    const document = groupVersionDocument(group, version)
    cache.set(
      key,
      document
        ? { body: `${JSON.stringify(document)}\n`, hash: documentHash(document) }
        : undefined,
    )
  }
  return cache.get(key)
}

/**
 * /openapi/v3 and /openapi/v3/{api/v1, apis/<group>/<version>}. A request whose ?hash= matches is
 * immutable and cacheable for a year, as handler3 answers (kube-openapi pkg/handler3/handler.go).
 * /openapi/v2 is not served: kubectl 1.32 uses v3 and needs v2 only where v3 is missing.
 */
export function serveOpenApi(
  path: string,
  query: Record<string, string>,
  res: ServerResponse,
): boolean {
  if (path === '/openapi/v3' || path === '/openapi/v3/') {
    writeObject(
      res,
      200,
      openApiRoot((g, v) => documentFor(g, v)?.hash ?? ''),
    )
    return true
  }
  const match = /^\/openapi\/v3\/(?:api\/(v[^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(path)
  if (!match) return false
  const document =
    match[1] !== undefined ? documentFor('', match[1]) : documentFor(match[2] ?? '', match[3] ?? '')
  if (!document) return false
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(document.body),
    Etag: `"${document.hash}"`,
  }
  if (query['hash'] === document.hash)
    headers['Cache-Control'] = 'public, immutable, max-age=31536000'
  res.writeHead(200, headers)
  res.end(document.body)
  return true
}
