// @ts-check
/**
 * Generates openapi-schemas.generated.json: the OpenAPI schemas (definitions) of every kind the
 * decoding table covers, with their descriptions, for the served API server's /openapi/v3
 * documents (kubectl explain, and kubectl's check that the server validates fields itself).
 *
 *   npm run generate:openapi
 *
 * Sources (npm packages only):
 * - @kubernetes/client-node 1.0.0: models generated from Kubernetes v1.32.0's OpenAPI. Each
 *   class's attributeTypeMap gives fields, types and formats; its .d.ts comments give the type's
 *   and the fields' descriptions (the generator joined paragraphs with two spaces: they are split
 *   again here).
 * - kubernetes-types 1.30: descriptions of fields that refer to another type (client-node drops
 *   those) and of Quantity, IntOrString and Time.
 * - go-named-types.json (issue 9's decoding table): which fields are ResourceLists of Quantity.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  GROUPS,
  MODELS,
  goNameOf,
  modelForKind,
  reachableModels,
  requiredFields,
} from '../../sim/apiserver/decoding/schema-models.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const CLIENT_MODELS = join(dirname(require.resolve('@kubernetes/client-node')), 'gen', 'models')
const TYPES = dirname(require.resolve('kubernetes-types/package.json'))
const SUPPLEMENT = JSON.parse(
  readFileSync(join(HERE, '../../sim/apiserver/decoding/go-named-types.json'), 'utf8'),
)
const OUTPUT = join(HERE, 'openapi-schemas.generated.json')

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'
// The structs of k8s.io/apimachinery/pkg/apis/meta/v1 among the models.
const META_MODELS = new Set([
  'V1Condition',
  'V1DeleteOptions',
  'V1LabelSelector',
  'V1LabelSelectorRequirement',
  'V1ListMeta',
  'V1ManagedFieldsEntry',
  'V1ObjectMeta',
  'V1OwnerReference',
  'V1Preconditions',
  'V1Status',
  'V1StatusCause',
  'V1StatusDetails',
])
// Types that are not client-node models: Go's own JSON forms (apimachinery).
const SPECIAL_DEFINITIONS = {
  [`${META}.Time`]: { type: 'string', format: 'date-time', doc: ['meta/v1', 'Time'] },
  [`${META}.MicroTime`]: { type: 'string', format: 'date-time', doc: ['meta/v1', 'MicroTime'] },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    type: 'string',
    format: 'int-or-string',
    'x-kubernetes-int-or-string': true,
    doc: ['util/intstr', 'IntOrString'],
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    oneOf: [{ type: 'string' }, { type: 'number' }],
    doc: ['api/resource', 'Quantity'],
  },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': {
    type: 'object',
    doc: ['runtime', 'RawExtension'],
  },
  [`${META}.FieldsV1`]: { type: 'object', doc: ['meta/v1', 'FieldsV1'] },
}

/** The OpenAPI definition name of every model: package of its group, meta/v1 for meta's. */
function definitionNames() {
  const names = new Map()
  for (const group of GROUPS) {
    const pkg = group.group === 'meta.k8s.io' ? META : `io.k8s.api.${group.pkg.replace('/', '.')}`
    const queue = group.kinds.map((k) => modelForKind(group.group, k))
    while (queue.length > 0) {
      const model = /** @type {string} */ (queue.shift())
      if (names.has(model)) continue
      const prefix = model.slice(0, model.indexOf('V1'))
      const ownPackage =
        prefix === ''
          ? pkg
          : `io.k8s.api.${prefix.toLowerCase() === 'core' ? 'core' : prefix.toLowerCase()}.v1`
      names.set(model, `${META_MODELS.has(model) ? META : ownPackage}.${goNameOf(model)}`)
      for (const a of MODELS.get(model)?.attributeTypeMap ?? [])
        for (const ref of a.type.match(/\b(?:[A-Z][a-z]+)*V1[A-Z][A-Za-z0-9]*\b/g) ?? [])
          if (MODELS.has(ref)) queue.push(ref)
    }
  }
  return names
}

/** "a.  B" was "a.\n\nB" upstream: the generator joined paragraphs with two spaces. */
const paragraphs = (text) => text.replace(/\\(['"])/g, '$1').replace(/\. {2}(?=\S)/g, '.\n\n')

/** Type and field descriptions from a client-node model's declaration file. */
function clientNodeDocs(model) {
  const text = readFileSync(join(CLIENT_MODELS, `${model}.d.ts`), 'utf8')
  const typeDoc = /\/\*\*\n\* ([^\n]*)\n\*\/\nexport declare class/.exec(text)?.[1]
  const fields = new Map()
  for (const m of text.matchAll(/\n {4}\/\*\*\n {4}\* ([^\n]*)\n {4}\*\/\n {4}'(\w+)'/g))
    fields.set(m[2], paragraphs((m[1] ?? '').trim()))
  return { type: typeDoc !== undefined ? paragraphs(typeDoc.trim()) : undefined, fields }
}

/** Descriptions from kubernetes-types' declaration file for a package ("core/v1"). */
const typesDocCache = new Map()
function typesDocs(pkg) {
  if (typesDocCache.has(pkg)) return typesDocCache.get(pkg)
  const docs = new Map()
  let text = ''
  try {
    text = readFileSync(join(TYPES, `${pkg}.d.ts`), 'utf8')
  } catch {
    typesDocCache.set(pkg, docs)
    return docs
  }
  const clean = (c) =>
    c
      .split('\n')
      .map((l) => l.replace(/^\s*\*\s?/, '').trimEnd())
      .join('\n')
      .trim()
  for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\/\nexport (?:interface|type) (\w+)/g))
    docs.set(m[2], { type: clean(m[1] ?? ''), fields: new Map() })
  for (const block of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const entry = docs.get(block[1]) ?? { type: '', fields: new Map() }
    for (const f of (block[2] ?? '').matchAll(
      /\/\*\*([\s\S]*?)\*\/\s*\n\s*(?:readonly )?(\w+)\??:/g,
    ))
      entry.fields.set(f[2], clean(f[1] ?? ''))
    docs.set(block[1], entry)
  }
  typesDocCache.set(pkg, docs)
  return docs
}

const packageOf = (definition) => {
  if (definition.startsWith(`${META}.`)) return 'meta/v1'
  const m = /^io\.k8s\.api\.(\w+)\.(v\w+)\./.exec(definition)
  return m ? `${m[1]}/${m[2]}` : ''
}

/** One field's schema: {type, format, items, additionalProperties} or {$ref}. */
function fieldSchema(type, format, names, supplementType) {
  const array = /^Array<(.+)>$/.exec(type)
  if (array) return { type: 'array', items: fieldSchema(array[1], format, names, undefined) }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type)
  if (map) {
    const quantity = supplementType === 'ResourceList'
    return {
      type: 'object',
      additionalProperties: quantity
        ? { $ref: 'io.k8s.apimachinery.pkg.api.resource.Quantity' }
        : fieldSchema(map[1], format, names, undefined),
    }
  }
  if (type === 'string')
    return format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' }
  if (type === 'boolean') return { type: 'boolean' }
  if (type === 'number')
    return format === 'double' ? { type: 'number', format: 'double' } : { type: 'integer', format }
  if (type === 'Date') return { $ref: `${META}.Time` }
  if (type === 'V1MicroTime') return { $ref: `${META}.MicroTime` }
  if (type === 'IntOrString') return { $ref: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString' }
  if (type === 'any') {
    if (supplementType === 'RawExtension')
      return { $ref: 'io.k8s.apimachinery.pkg.runtime.RawExtension' }
    if (supplementType === 'FieldsV1') return { $ref: `${META}.FieldsV1` }
    return { type: 'object' }
  }
  const name = names.get(type)
  if (!name) throw new Error(`no definition for ${type}`)
  return { $ref: name }
}

function generate() {
  const names = definitionNames()
  const gvk = new Map()
  for (const g of GROUPS)
    for (const kind of g.kinds)
      gvk.set(modelForKind(g.group, kind), { group: g.group, version: g.version, kind })
  /** @type {Record<string, object>} */
  const definitions = {}
  for (const model of reachableModels()) {
    const name = /** @type {string} */ (names.get(model))
    const own = clientNodeDocs(model)
    const fallback = typesDocs(packageOf(name)).get(goNameOf(model))
    const required = [...requiredFields(model)].sort()
    const properties = {}
    for (const a of MODELS.get(model)?.attributeTypeMap ?? []) {
      const schema = fieldSchema(
        a.type,
        a.format,
        names,
        SUPPLEMENT.fields[`${model}.${a.baseName}`],
      )
      const description = own.fields.get(a.name) ?? fallback?.fields.get(a.baseName)
      properties[a.baseName] = description ? { description, ...schema } : schema
    }
    const kind = gvk.get(model)
    definitions[name] = {
      description: own.type ?? fallback?.type ?? '',
      type: 'object',
      ...(required.length > 0 ? { required } : {}),
      properties,
      ...(kind ? { 'x-kubernetes-group-version-kind': [kind] } : {}),
    }
  }
  for (const [name, { doc, ...schema }] of Object.entries(SPECIAL_DEFINITIONS))
    definitions[name] = { description: typesDocs(doc[0]).get(doc[1])?.type ?? '', ...schema }
  const sorted = Object.keys(definitions).sort()
  const lines = sorted.map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(definitions[k])}`)
  writeFileSync(OUTPUT, `{\n${lines.join(',\n')}\n}\n`)
  console.warn(`wrote ${sorted.length} definitions to ${OUTPUT}`)
}

generate()
