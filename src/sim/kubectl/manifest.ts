import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../model/objects'
import { findResourceByKind } from '../apiserver/resources'

export type ManifestParse = { ok: true; objects: KubeObject[] } | { ok: false; error: string }

/**
 * Parses a (multi-document) YAML or JSON manifest the way kubectl's resource builder does, with
 * its error texts: a YAML error, a missing kind/apiVersion, or a kind the server does not serve.
 * Source: staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go and mapper.go (v1.32)
 */
export function parseManifest(text: string, source = 'STDIN'): ManifestParse {
  const objects: KubeObject[] = []
  for (const doc of parseAllDocuments(text)) {
    const error = doc.errors[0]
    if (error) {
      const line = error.linePos?.[0].line ?? 0
      const reason = (error.message.split('\n')[0] ?? error.message).replace(
        / at line \d+, column \d+:?$/,
        '',
      )
      return {
        ok: false,
        error: `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${reason}`,
      }
    }
    const value: unknown = doc.toJS()
    if (value === null || value === undefined) continue
    if (typeof value !== 'object' || Array.isArray(value)) {
      return {
        ok: false,
        error: `error: error parsing ${source}: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`,
      }
    }
    const object = value as KubeObject
    // A List (what `get -o json` prints for several objects) stands for its items.
    if (object.kind === 'List' && Array.isArray(object['items'])) {
      objects.push(...(object['items'] as KubeObject[]))
      continue
    }
    const missing = !object.kind
      ? 'kind not set'
      : !object.apiVersion
        ? 'apiVersion not set'
        : undefined
    if (missing) {
      return {
        ok: false,
        error: `error: error validating "${source}": error validating data: ${missing}; if you choose to ignore these errors, turn validation off with --validate=false`,
      }
    }
    if (!findResourceByKind(object.apiVersion ?? '', object.kind ?? '')) {
      const name = object.metadata?.name ?? ''
      return {
        ok: false,
        error: `error: resource mapping not found for name: "${name}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${object.kind ?? ''}" in version "${object.apiVersion ?? ''}"\nensure CRDs are installed first`,
      }
    }
    objects.push(object)
  }
  if (objects.length === 0 && !/\bkind:\s*"?List/.test(text))
    return { ok: false, error: 'error: no objects passed to apply' }
  return { ok: true, objects }
}
