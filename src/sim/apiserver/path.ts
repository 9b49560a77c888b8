import { findResource, type ResourceInfo } from './resources'

/** A REST path broken into what the API server routes on. */
export interface ParsedPath {
  info: ResourceInfo
  namespace?: string
  name?: string
  subresource?: string
}

export type PathParse = { ok: true; path: ParsedPath } | { ok: false; notFound: true }

/**
 * Parses /api/v1/... and /apis/<group>/<version>/... paths as the API server's request info
 * resolver does (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go, v1.32).
 */
export function parsePath(rawPath: string): PathParse {
  const parts = rawPath.split('/').filter((p) => p !== '')
  let group: string
  let rest: string[]
  if (parts[0] === 'api' && parts[1] === 'v1') {
    group = ''
    rest = parts.slice(2)
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1] ?? ''
    rest = parts.slice(3)
  } else {
    return { ok: false, notFound: true }
  }
  let namespace: string | undefined
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1]
    rest = rest.slice(2)
  }
  const [resource, name, subresource] = rest
  if (resource === undefined || rest.length > 3) return { ok: false, notFound: true }
  const info = findResource(group, resource)
  if (!info) return { ok: false, notFound: true }
  // GET /api/v1/namespaces/default is the namespace object itself, not a collection.
  const path: ParsedPath = { info }
  if (namespace !== undefined) path.namespace = namespace
  if (name !== undefined) path.name = name
  if (subresource !== undefined) path.subresource = subresource
  return { ok: true, path }
}
