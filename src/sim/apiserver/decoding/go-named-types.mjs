// @ts-check
/**
 * go-named-types.json from the Go sources of k8s.io/api and k8s.io/apimachinery (v0.32.13 for
 * Kubernetes v1.32): the named types OpenAPI erases (RestartPolicy is a string to OpenAPI but
 * prints as v1.RestartPolicy in Go's errors; ResourceList is a map of Quantity). Also checks that
 * every struct has exactly the fields client-node lists. Run through generate-schemas.mjs with
 * --go-api and --go-apimachinery.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  GROUPS,
  MODELS,
  SPECIAL,
  goNameOf,
  idForGoStruct,
  prefixOf,
  sortKeys,
  typeFromOpenApi,
} from './schema-models.mjs'

/**
 * Go type syntax → table type: pointers dropped (decoding looks through them). A qualified name
 * (v1.PodTemplateSpec seen from apps/v1, metav1.Time) keeps a '^' mark: it names core/v1's or
 * meta/v1's type, not the package's own.
 */
function normalizeGoType(goType) {
  return goType.replace(/\*/g, '').replace(/\b[a-z]\w*\.(?=[A-Z])/g, '^')
}

/** Structs (with inline embeds flattened later) and named types of one Go package. */
function parseGoPackage(dir) {
  const structs = new Map()
  const named = new Map()
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.go') || file.endsWith('_test.go') || file.startsWith('zz_generated'))
      continue
    if (file === 'generated.pb.go') continue
    const text = readFileSync(join(dir, file), 'utf8')
    for (const match of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
      const fields = []
      for (const raw of (match[2] ?? '').split('\n')) {
        const line = raw.replace(/^\s*\/\/.*$/, '').trim()
        if (line === '') continue
        const namedField = /^(\w+)\s+([^\s`]+)\s*`([^`]*)`/.exec(line)
        const embedded = /^([\w.*]+)\s*`([^`]*)`/.exec(line)
        const tags = namedField?.[3] ?? embedded?.[2] ?? ''
        const json = /json:"([^"]*)"/.exec(tags)?.[1]
        if (json === undefined || json.startsWith('-')) continue
        const name = json.split(',')[0] ?? ''
        const type = normalizeGoType(namedField?.[2] ?? embedded?.[1] ?? '')
        fields.push(name === '' ? { inline: type.replace(/^\^/, '') } : { name, type })
      }
      structs.set(match[1], fields)
    }
    for (const match of text.matchAll(
      /^type (\w+) (?:= )?((?:\[\]|map\[)?[\w.[\]*]+)\s*(?:\/\/.*)?$/gm,
    )) {
      if (match[2] === 'struct') continue
      named.set(match[1], normalizeGoType(match[2] ?? ''))
    }
  }
  return { structs, named }
}

function flattenStruct(pkg, all, name) {
  const fields = pkg.structs.get(name) ?? all.get(name)?.structs.get(name)
  if (!fields) throw new Error(`no Go struct ${name}`)
  return fields.flatMap((f) => ('inline' in f ? flattenStruct(pkg, all, f.inline) : [f]))
}

/** Reads the Go packages and writes the named types OpenAPI cannot express. */
export function extractGoNamedTypes(apiDir, apimachineryDir, names, ids, output) {
  const packages = new Map(
    GROUPS.filter((g) => g.pkg !== 'meta/v1').map((g) => [
      g.pkg,
      parseGoPackage(join(apiDir, g.pkg)),
    ]),
  )
  packages.set('meta/v1', parseGoPackage(join(apimachineryDir, 'pkg/apis/meta/v1')))
  const allStructs = new Map()
  for (const p of packages.values()) for (const s of p.structs.keys()) allStructs.set(s, p)
  const fields = {}
  const named = {}
  const problems = []
  const addNamed = (type, pkg) => {
    for (const word of type.match(/\b[A-Z]\w*/g) ?? []) {
      if (word in SPECIAL || named[word] !== undefined || idForGoStruct(word, '', ids)) continue
      const owner = [pkg, ...packages.values()].find((p) => p.named.has(word))
      const underlying = owner?.named.get(word)
      if (underlying === undefined) continue
      named[word] = `${word === 'UID' ? 'types' : 'v1'} ${underlying.replace(/\^/g, '')}`
      addNamed(underlying, owner)
    }
  }
  for (const model of names) {
    const goName = goNameOf(model)
    const prefix = prefixOf(model).toLowerCase()
    const attributes = MODELS.get(model)?.attributeTypeMap ?? []
    const openApiNames = new Set(attributes.map((a) => a.baseName))
    // Two packages may define the name (core/v1 and meta/v1 both have Preconditions): take the
    // one whose fields are OpenAPI's.
    const owners = [...packages.entries()]
      .filter(
        ([path, p]) =>
          p.structs.has(goName) && (prefix === '' || prefix === 'core' || path.startsWith(prefix)),
      )
      .map(([, p]) => p)
    const sameFields = (p) => {
      const names = flattenStruct(p, allStructs, goName).map((f) => f.name)
      return names.length === openApiNames.size && names.every((n) => openApiNames.has(n))
    }
    const pkg = owners.find(sameFields) ?? owners[0]
    if (!pkg) {
      problems.push(`${model}: no Go struct ${goName}`)
      continue
    }
    const goFields = new Map(flattenStruct(pkg, allStructs, goName).map((f) => [f.name, f.type]))
    for (const name of goFields.keys())
      if (!openApiNames.has(name)) problems.push(`${model}.${name}: in Go, not in OpenAPI`)
    for (const a of attributes) {
      const goType = goFields.get(a.baseName)
      if (goType === undefined) {
        problems.push(`${model}.${a.baseName}: in OpenAPI, not in Go`)
        continue
      }
      const fromOpenApi = typeFromOpenApi(a, ids)
      const fromGo = goType.replace(
        /(\^?)\b([A-Z]\w*)\b/g,
        (_, mark, w) => idForGoStruct(w, mark === '' ? prefix : '', ids) ?? w,
      )
      if (fromGo !== fromOpenApi && !/^\[\]byte$|^map\[string\]\[\]byte$/.test(fromGo)) {
        fields[`${model}.${a.baseName}`] = fromGo
        addNamed(fromGo, pkg)
      }
    }
  }
  if (problems.length > 0) console.warn(`Go ⇄ OpenAPI differences:\n  ${problems.join('\n  ')}`)
  writeFileSync(
    output,
    `${JSON.stringify({ fields: sortKeys(fields), named: sortKeys(named) }, null, 2)}\n`,
  )
}
