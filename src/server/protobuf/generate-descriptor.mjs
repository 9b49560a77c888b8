// @ts-check
/**
 * Generates k8s-protobuf.generated.json: the protobuf schema of every kind the served API server
 * decodes from `application/vnd.kubernetes.protobuf`, as a protobufjs JSON descriptor, with what
 * the wire format does not say about the Go structs behind it (which fields are pointers, which
 * are inlined into their parent in JSON, JSON and Go field names) as field options.
 *
 *   node src/server/protobuf/generate-descriptor.mjs --api DIR --apimachinery DIR
 *
 * DIR are checkouts of k8s.io/api and k8s.io/apimachinery at v0.32.x (Kubernetes v1.32; Apache-2.0):
 * github.com/kubernetes/api and github.com/kubernetes/apimachinery, tag v0.32.9. Read from them:
 * each package's generated.proto (go-to-protobuf's output, the wire schema kube-apiserver's
 * protobuf serializer reads) and its Go sources (the struct tags: `json:"name,omitempty"
 * protobuf:"bytes,1,opt,name=name"`, and whether a field's type is a pointer).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import protobuf from 'protobufjs'
import { GROUPS } from '../../sim/apiserver/decoding/schema-models.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const OUTPUT = join(HERE, 'k8s-protobuf.generated.json')

// The API groups the simulated API server serves, from the decoders' own list (meta.k8s.io's
// DeleteOptions lives in apimachinery, below), and the apimachinery packages their protos import.
const API_PACKAGES = GROUPS.map((g) => g.pkg).filter((pkg) => pkg !== 'meta/v1')
const MACHINERY_PACKAGES = [
  'pkg/apis/meta/v1',
  'pkg/runtime',
  'pkg/runtime/schema',
  'pkg/util/intstr',
  'pkg/api/resource',
]

const { values } = parseArgs({
  options: { api: { type: 'string' }, apimachinery: { type: 'string' } },
})
if (!values.api || !values.apimachinery) {
  console.error(
    'usage: generate-descriptor.mjs --api K8S_IO_API_DIR --apimachinery K8S_IO_APIMACHINERY_DIR',
  )
  process.exit(2)
}
const API = values.api
const MACHINERY = values.apimachinery

/** import "k8s.io/apimachinery/pkg/…/generated.proto" → the checkout's file. */
function resolveImport(path) {
  if (path.startsWith('k8s.io/apimachinery/'))
    return join(MACHINERY, path.slice('k8s.io/apimachinery/'.length))
  if (path.startsWith('k8s.io/api/')) return join(API, path.slice('k8s.io/api/'.length))
  return path
}

const root = new protobuf.Root()
root.resolvePath = (_origin, target) => resolveImport(target)
const packages = [
  ...API_PACKAGES.map((p) => ({ dir: join(API, p), proto: `k8s.io/api/${p}/generated.proto` })),
  ...MACHINERY_PACKAGES.map((p) => ({
    dir: join(MACHINERY, p),
    proto: `k8s.io/apimachinery/${p}/generated.proto`,
  })),
]
root.loadSync(
  packages.map((p) => p.proto),
  { keepCase: true },
)
root.resolveAll()

/**
 * Go struct fields by protobuf field number, read from the package's Go sources:
 * `Name Type \`json:"…" protobuf:"…,name=x"\`` or an embedded `Type \`json:",inline" …\``.
 */
function goStructs(dir) {
  const structs = new Map()
  const lists = new Set()
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.go') || file.endsWith('_test.go')) continue
    const text = readFileSync(join(dir, file), 'utf8')
    for (const match of text.matchAll(/^type (\w+) \[\]\w+$/gm)) lists.add(match[1])
    for (const match of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
      const fields = new Map()
      for (const line of match[2].split('\n')) {
        const field = /^\t(?:(\w+)\s+)?(\S+)\s+`([^`]*)`/.exec(line)
        if (!field) continue
        const [, goName, goType, tag] = field
        const proto = /protobuf:"\w+,(\d+)/.exec(tag)?.[1]
        if (!proto) continue
        const json = /json:"([^",]*)/.exec(tag)?.[1] ?? ''
        fields.set(proto, {
          go: goName ?? goType.replace(/^\*/, '').replace(/^\w+\./, ''),
          json,
          inline: /json:",inline/.test(tag),
          pointer: goType.startsWith('*'),
        })
      }
      structs.set(match[1], fields)
    }
  }
  return { structs, lists }
}

const packageOf = (proto) =>
  proto
    .replace(/\/generated\.proto$/, '')
    .replace(/\//g, '.')
    .replace(/-/g, '_')

let annotated = 0
for (const { dir, proto } of packages) {
  const { structs, lists } = goStructs(dir)
  const namespace = root.lookup(packageOf(proto))
  if (!(namespace instanceof protobuf.Namespace)) throw new Error(`no package for ${proto}`)
  for (const type of namespace.nestedArray) {
    if (!(type instanceof protobuf.Type)) continue
    type.options = undefined
    // `type ExtraValue []string` is a message with one repeated field: JSON shows the list itself.
    if (lists.has(type.name)) type.setOption('list', true)
    const fields = structs.get(type.name)
    for (const field of type.fieldsArray) {
      field.options = undefined
      field.comment = null
      const go = fields?.get(String(field.id))
      if (!go) continue
      annotated++
      if (go.pointer) field.setOption('pointer', true)
      if (go.inline) field.setOption('inline', true)
      if (go.json !== '' && go.json !== field.name) field.setOption('json', go.json)
      if (go.go !== field.name[0]?.toUpperCase() + field.name.slice(1)) field.setOption('go', go.go)
    }
  }
}

/** The descriptor without options that do not concern decoding (go_package …) or comments. */
function strip(json) {
  if (Array.isArray(json)) return json.map(strip)
  if (json === null || typeof json !== 'object') return json
  const out = {}
  for (const [key, value] of Object.entries(json)) {
    if (key === 'comment') continue
    if (key === 'options' && value && typeof value === 'object' && 'go_package' in value) continue
    out[key] = strip(value)
  }
  return out
}

const descriptor = strip(root.toJSON())
writeFileSync(OUTPUT, `${JSON.stringify(descriptor)}\n`)
console.log(`wrote ${OUTPUT}: ${annotated} Go fields annotated`)
