/**
 * A tiny read-only API for golden captures and their tests: GET one object or a list (with
 * equality label selectors and =/!= field selectors) from a fixed set of objects, so the real
 * kubectl (capture-workloads.mts) and the sim's describers read exactly the same answers.
 */
import { findResourceByAlias } from '../../apiserver/resources'
import type { KubeObject } from '../../model/objects'

function field(object: unknown, path: string): string {
  let value = object
  for (const step of path.split('.')) {
    if (value === null || typeof value !== 'object') return ''
    value = (value as Record<string, unknown>)[step]
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

function matches(object: KubeObject, query: Readonly<Record<string, string>>): boolean {
  for (const term of (query['fieldSelector'] ?? '').split(',').filter((t) => t !== '')) {
    const negate = term.includes('!=')
    const [path = '', value = ''] = term.split(negate ? '!=' : '=', 2)
    if ((field(object, path) === value) === negate) return false
  }
  const labels = object.metadata?.labels ?? {}
  for (const term of (query['labelSelector'] ?? '').split(',').filter((t) => t !== '')) {
    const [key = '', value = ''] = term.split('=', 2)
    if (labels[key] !== value) return false
  }
  return true
}

/** The answer to GET `path?query`, or undefined for a 404. */
export function fixtureAnswer(
  objects: readonly KubeObject[],
  path: string,
  query: Readonly<Record<string, string>>,
): unknown {
  const parts = path.split('/').filter((p) => p !== '')
  const rest = parts[0] === 'api' ? parts.slice(2) : parts.slice(3)
  const namespace = rest[0] === 'namespaces' ? rest[1] : undefined
  const [resource = '', name] = namespace !== undefined ? rest.slice(2) : rest
  const info = findResourceByAlias(resource)
  if (!info) return undefined
  const ofKind = objects.filter(
    (o) => o.kind === info.kind && (namespace === undefined || o.metadata?.namespace === namespace),
  )
  if (name !== undefined) return ofKind.find((o) => o.metadata?.name === name)
  return {
    kind: `${info.kind}List`,
    apiVersion: info.group === '' ? 'v1' : `${info.group}/${info.version}`,
    metadata: { resourceVersion: '1' },
    items: ofKind.filter((o) => matches(o, query)),
  }
}
