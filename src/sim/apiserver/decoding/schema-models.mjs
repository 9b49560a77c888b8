// @ts-check
/**
 * The Kubernetes API as @kubernetes/client-node 1.0.0 describes it (models generated from
 * Kubernetes v1.32.0's OpenAPI), and the group/versions whose kinds the table covers. Shared by
 * generate-schemas.mjs and go-named-types.mjs.
 */
import * as models from '@kubernetes/client-node'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The group/versions and their top-level kinds. `pkg` is the k8s.io/api package; `internal` the
 * internal API package (pkg/apis/<internal>) whose type names appear in conversion errors.
 */
export const GROUPS = [
  {
    group: '',
    version: 'v1',
    pkg: 'core/v1',
    internal: 'core',
    kinds: [
      'Binding',
      'ConfigMap',
      'Endpoints',
      'Event',
      'LimitRange',
      'Namespace',
      'Node',
      'PersistentVolume',
      'PersistentVolumeClaim',
      'Pod',
      'PodTemplate',
      'ReplicationController',
      'ResourceQuota',
      'Secret',
      'Service',
      'ServiceAccount',
    ],
  },
  {
    group: 'apps',
    version: 'v1',
    pkg: 'apps/v1',
    internal: 'apps',
    kinds: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  },
  { group: 'batch', version: 'v1', pkg: 'batch/v1', internal: 'batch', kinds: ['CronJob', 'Job'] },
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    pkg: 'coordination/v1',
    internal: 'coordination',
    kinds: ['Lease'],
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    pkg: 'discovery/v1',
    internal: 'discovery',
    kinds: ['EndpointSlice'],
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    pkg: 'rbac/v1',
    internal: 'rbac',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  },
  {
    group: 'scheduling.k8s.io',
    version: 'v1',
    pkg: 'scheduling/v1',
    internal: 'scheduling',
    kinds: ['PriorityClass'],
  },
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    pkg: 'authentication/v1',
    internal: 'authentication',
    kinds: ['SelfSubjectReview', 'TokenRequest', 'TokenReview'],
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    pkg: 'authorization/v1',
    internal: 'authorization',
    kinds: [
      'LocalSubjectAccessReview',
      'SelfSubjectAccessReview',
      'SelfSubjectRulesReview',
      'SubjectAccessReview',
    ],
  },
  {
    group: 'policy',
    version: 'v1',
    pkg: 'policy/v1',
    internal: 'policy',
    kinds: ['Eviction', 'PodDisruptionBudget'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    pkg: 'networking/v1',
    internal: 'networking',
    kinds: ['Ingress', 'IngressClass', 'NetworkPolicy'],
  },
  // DeleteOptions: the body of a DELETE (meta.k8s.io/v1, decoded by the metav1 codecs).
  {
    group: 'meta.k8s.io',
    version: 'v1',
    pkg: 'meta/v1',
    internal: 'meta',
    kinds: ['DeleteOptions'],
  },
]

/** Types with their own UnmarshalJSON (or none of Go's reflection), by the name the table uses. */
export const SPECIAL = {
  Quantity: 'resource quantity',
  IntOrString: 'intstr intorstring',
  Time: 'v1 time',
  MicroTime: 'v1 microtime',
  RawExtension: 'runtime raw',
  FieldsV1: 'v1 raw',
  UID: 'types string',
}

/** @typedef {{ name: string, baseName: string, type: string, format: string }} Attribute */
/** @typedef {{ attributeTypeMap: Attribute[] }} ModelClass */

/** @type {Map<string, ModelClass>} */
export const MODELS = new Map(
  Object.entries(models).flatMap(([name, value]) =>
    typeof value === 'function' && Array.isArray(/** @type {any} */ (value).attributeTypeMap)
      ? [[name, /** @type {ModelClass} */ (/** @type {unknown} */ (value))]]
      : [],
  ),
)

const MODELS_DIR = join(
  dirname(createRequire(import.meta.url).resolve('@kubernetes/client-node')),
  'gen',
  'models',
)

/**
 * The fields OpenAPI marks required, which the TypeScript types (client-node's and
 * kubernetes-types') declare without `?`: read from the model's declaration file.
 */
export function requiredFields(model) {
  const text = readFileSync(join(MODELS_DIR, `${model}.d.ts`), 'utf8')
  return new Set([...text.matchAll(/^\s*'(\w+)': /gm)].map((m) => m[1]))
}

/** "V1PodSpec" → "PodSpec"; "DiscoveryV1EndpointPort" → "EndpointPort". */
export const goNameOf = (model) => model.replace(/^(?:[A-Z][a-z]+)*V1(?=[A-Z])/, '')
/** The prefix client-node adds when two groups have a struct of the same name: "Discovery". */
export const prefixOf = (model) => model.slice(0, model.length - goNameOf(model).length - 2)

export function modelForKind(group, kind) {
  const prefix = group === '' ? 'Core' : capitalize(group.split('.')[0] ?? '')
  for (const name of [`V1${kind}`, `${prefix}V1${kind}`]) if (MODELS.has(name)) return name
  throw new Error(`no client-node model for ${group}/${kind}`)
}

export function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Every model reachable from the kinds, in a stable order. */
export function reachableModels() {
  const seen = new Set()
  const queue = GROUPS.flatMap((g) => g.kinds.map((k) => modelForKind(g.group, k)))
  while (queue.length > 0) {
    const name = /** @type {string} */ (queue.shift())
    if (seen.has(name)) continue
    seen.add(name)
    for (const a of MODELS.get(name)?.attributeTypeMap ?? [])
      for (const ref of a.type.match(/\b(?:[A-Z][a-z]+)*V1[A-Z][A-Za-z0-9]*\b/g) ?? [])
        if (MODELS.has(ref)) queue.push(ref)
  }
  return [...seen].sort()
}

/** Table ids: the Go name, or "<group prefix>/<Go name>" when two groups share the name. */
export function tableIds(names) {
  const byGoName = new Map()
  for (const name of names)
    byGoName.set(goNameOf(name), [...(byGoName.get(goNameOf(name)) ?? []), name])
  const ids = new Map()
  for (const [goName, group] of byGoName) {
    for (const name of group) {
      const unprefixed = prefixOf(name) === '' || prefixOf(name) === 'Core'
      ids.set(
        name,
        group.length === 1 || unprefixed ? goName : `${prefixOf(name).toLowerCase()}/${goName}`,
      )
    }
  }
  return ids
}

/** A client-node attribute type as a table type expression (Go syntax, packages resolved). */
export function typeFromOpenApi(attribute, ids) {
  const { type, format } = attribute
  const element = (inner) => typeFromOpenApi({ ...attribute, type: inner }, ids)
  const array = /^Array<(.+)>$/.exec(type)
  if (array) return `[]${element(array[1])}`
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type)
  if (map) return `map[string]${element(map[1])}`
  if (type === 'string') return format === 'byte' ? '[]byte' : 'string'
  if (type === 'boolean') return 'bool'
  if (type === 'number')
    return format === 'int32' ? 'int32' : format === 'int64' ? 'int64' : 'float64'
  if (type === 'Date') return 'Time'
  if (type === 'V1MicroTime') return 'MicroTime'
  if (type === 'IntOrString') return 'IntOrString'
  if (type === 'any') return 'any'
  const id = ids.get(type)
  if (id === undefined) throw new Error(`unknown client-node type ${type}`)
  return id
}

/** The table id of Go struct `goName` as seen from the package with client-node prefix `prefix`. */
export function idForGoStruct(goName, prefix, ids) {
  const candidates = [`${capitalize(prefix)}V1${goName}`, `V1${goName}`, `CoreV1${goName}`]
  for (const model of candidates) if (ids.has(model)) return ids.get(model)
  return undefined
}

export const sortKeys = (object) =>
  Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)))
