import { parseAllDocuments, type Document } from 'yaml'
import type { KubeObject } from '../model/objects'
import { findResourceByKind } from '../apiserver/resources'
import { goUnmarshal } from '../apiserver/decoding/go-unmarshal'
import { METADATA_ONLY_OBJECT } from '../apiserver/decoding/go-types'
import { toBase64 } from '../apiserver/decoding/go-values'
import { sortedJson } from './output'
import { goYamlError } from './yaml-errors'

/**
 * What kubectl's resource builder makes of `-f -`: the objects it will send, and the errors it
 * met, in order. As in kubectl, a YAML or validation error stops the stream (the documents
 * before it are still applied), while a document that does not decode or map is skipped and
 * the rest go on (ContinueOnError).
 * Sources (kubectl v1.32): cli-runtime/pkg/resource/visitor.go (StreamVisitor.Visit,
 * ValidateSchema), mapper.go (infoForData), builder.go (metadataValidatingDecoder);
 * kubectl/pkg/validation/validation.go (getObjectKind); sigs.k8s.io/yaml (YAML 1.1, via
 * go-yaml v2, converted to JSON).
 */
export interface ManifestParse {
  objects: KubeObject[]
  /** kubectl's error texts, without the "error: " a lone error gets when printed. */
  errors: string[]
}

// ValidateSchema's advice (cli-runtime visitor.go stopValidateMessage).
const STOP_VALIDATE =
  'if you choose to ignore these errors, turn validation off with --validate=false'

/**
 * go-yaml v2 reads YAML 1.1 (yes/no/on/off/y/n are booleans, 0777 is octal) but leaves
 * timestamps and 1:20 (sexagesimal) as strings when decoding into interface{}.
 */
const YAML_OPTIONS = {
  version: '1.1' as const,
  uniqueKeys: false,
  customTags: (tags: readonly unknown[]) =>
    tags.filter((tag) => {
      const t = tag as { tag?: string; format?: string }
      return t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME'
    }) as never,
}

/** The YAML documents of `text`; deep nesting is go-yaml's "exceeded max depth" error. */
function documents(text: string): Document.Parsed[] | string {
  try {
    return parseAllDocuments(text, YAML_OPTIONS)
  } catch (error) {
    if (error instanceof RangeError) return 'yaml: exceeded max depth of 10000'
    throw error
  }
}

/** JSON of a document as sigs.k8s.io/yaml makes it; json.Marshal refuses Inf and NaN. */
function toJson(doc: Document.Parsed): { value: unknown } | string {
  const unsupported: number[] = []
  const value: unknown = doc.toJS({ maxAliasCount: 10_000 })
  if (value === undefined) return { value: null }
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) unsupported.push(v)
    // !!binary becomes []byte, which json.Marshal writes as base64.
    return v instanceof Uint8Array ? toBase64([...v]) : v
  })
  const bad = unsupported[0]
  if (bad !== undefined)
    return `json: unsupported value: ${Number.isNaN(bad) ? 'NaN' : bad > 0 ? '+Inf' : '-Inf'}`
  return { value: JSON.parse(text) as unknown }
}

/** getObjectKind (kubectl/pkg/validation): apiVersion then kind, all problems together. */
function kindErrors(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return ['invalid object to validate']
  const fields = value as Record<string, unknown>
  const errors: string[] = []
  const apiVersion = fields['apiVersion']
  if (apiVersion === undefined || apiVersion === null) errors.push('apiVersion not set')
  else if (typeof apiVersion !== 'string') errors.push("apiVersion isn't string type")
  else if (apiVersion.split('/').length > 2)
    errors.push(`unexpected GroupVersion string: ${apiVersion}`)
  const kind = fields['kind']
  if (kind === undefined || kind === null) errors.push('kind not set')
  else if (typeof kind !== 'string') errors.push("kind isn't string type")
  return errors
}

/** One document through validation, decoding and mapping: the object, or why it was skipped. */
function objectOf(
  value: unknown,
  source: string,
  validate: boolean,
): { object: KubeObject } | { stop: string } | { skip: string } {
  const problems = validate ? kindErrors(value) : []
  if (problems.length > 0) {
    const joined = problems.length === 1 ? (problems[0] ?? '') : `[${problems.join(', ')}]`
    return {
      stop: `error validating "${source}": error validating data: ${joined}; ${STOP_VALIDATE}`,
    }
  }
  // metadataValidatingDecoder: metadata must decode into ObjectMeta before anything is sent.
  const metadata = goUnmarshal(JSON.stringify(value), METADATA_ONLY_OBJECT)
  if (!metadata.ok) return { skip: `unable to decode "${source}": ${metadata.error}` }
  const object = value as KubeObject
  const kind = object.kind ?? ''
  if (kind === '')
    return {
      // The document as Go's json.Marshal writes a map: keys sorted.
      skip: `unable to decode "${source}": Object 'Kind' is missing in '${sortedJson(value)}'`,
    }
  if (!findResourceByKind(object.apiVersion ?? '', kind)) {
    const name = object.metadata?.name ?? ''
    return {
      skip: `resource mapping not found for name: "${name}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${kind}" in version "${object.apiVersion ?? ''}"\nensure CRDs are installed first`,
    }
  }
  return { object }
}

/** Parses a (multi-document) YAML or JSON manifest the way kubectl's resource builder does. */
export function parseManifest(text: string, source = 'STDIN', validate = true): ManifestParse {
  const objects: KubeObject[] = []
  const errors: string[] = []
  const docs = documents(text)
  if (typeof docs === 'string')
    return { objects, errors: [`error parsing ${source}: error converting YAML to JSON: ${docs}`] }
  for (const doc of docs) {
    const syntax = goYamlError(doc)
    if (syntax !== undefined) {
      errors.push(`error parsing ${source}: error converting YAML to JSON: ${syntax}`)
      break
    }
    const json = toJson(doc)
    if (typeof json === 'string') {
      errors.push(`error parsing ${source}: error converting YAML to JSON: ${json}`)
      break
    }
    if (json.value === null || json.value === undefined) continue
    if (!addDocument(json.value, source, validate, objects, errors)) break
  }
  return { objects, errors }
}

/**
 * One document: its object, or — for a List, what `get -o json` prints for several objects —
 * each of its items (FlattenListVisitor). False when an error stops the stream.
 */
function addDocument(
  value: unknown,
  source: string,
  validate: boolean,
  objects: KubeObject[],
  errors: string[],
): boolean {
  const list = value as { kind?: unknown; items?: unknown }
  const items =
    list.kind === 'List' && Array.isArray(list.items) && kindErrors(value).length === 0
      ? (list.items as unknown[])
      : [value]
  for (const item of items) {
    const result = objectOf(item, source, validate)
    if ('stop' in result) {
      errors.push(result.stop)
      return false
    }
    if ('skip' in result) errors.push(result.skip)
    else objects.push(result.object)
  }
  return true
}

/**
 * With -n given, a namespaced object that names another namespace is refused before anything is
 * sent (cli-runtime resource/visitor.go RequireNamespace, v1.32); the other documents go on.
 */
export function refuseOtherNamespaces(
  objects: readonly KubeObject[],
  namespace: string,
): ManifestParse {
  const kept: KubeObject[] = []
  const errors: string[] = []
  for (const object of objects) {
    const own = object.metadata?.namespace
    const info = findResourceByKind(object.apiVersion ?? '', object.kind ?? '')
    if (!info?.namespaced || own === undefined || own === '' || own === namespace) kept.push(object)
    else
      errors.push(
        `the namespace from the provided object "${own}" does not match the namespace "${namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      )
  }
  return { objects: kept, errors }
}
