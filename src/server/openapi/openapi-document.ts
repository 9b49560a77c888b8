import { createHash } from 'node:crypto'
import type { ResourceInfo } from '../../sim/index'
import { groupVersions } from '../discovery'
import SCHEMAS from './openapi-schemas.generated.json' with { type: 'json' }

/**
 * The OpenAPI v3 documents kube-apiserver v1.32 publishes (/openapi/v3 and one document per
 * group/version), for what this simulation serves: the paths with their operations (kubectl reads
 * a PATCH operation's x-kubernetes-group-version-kind and its fieldValidation parameter to know the
 * server validates fields itself: cli-runtime/pkg/resource/query_param_verifier_v3.go) and the
 * schemas (kubectl explain). Sources: staging/src/k8s.io/kube-openapi/pkg/handler3/handler.go
 * (the root's serverRelativeURL with ?hash=), pkg/builder3 (references as #/components/schemas/,
 * a described reference wrapped in allOf), apiserver/pkg/endpoints/installer.go (operations,
 * parameters).
 */

type Schema = Record<string, unknown>
const DEFINITIONS = SCHEMAS as Record<string, Schema>
const REF_PREFIX = '#/components/schemas/'

/** "api/v1", "apis/apps/v1": the key of a group/version in /openapi/v3. */
export function openApiPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`
}

// The patchStrategy/patchMergeKey struct tags of k8s.io/api v1.32 (core/v1/types.go,
// apps/v1/types.go, meta/v1/types.go), which kubectl's client-side apply reads from the schema
// (x-kubernetes-patch-strategy, x-kubernetes-patch-merge-key) to merge lists of named things.
// Without them it treats every list as atomic and re-sends it: `apply` would say "configured"
// where a real cluster says "unchanged".
const PATCH_EXTENSIONS: Readonly<Record<string, Readonly<Record<string, [string, string?]>>>> = {
  'io.k8s.api.core.v1.PodSpec': {
    containers: ['merge', 'name'],
    initContainers: ['merge', 'name'],
    ephemeralContainers: ['merge', 'name'],
    volumes: ['merge,retainKeys', 'name'],
    imagePullSecrets: ['merge', 'name'],
    hostAliases: ['merge', 'ip'],
  },
  'io.k8s.api.core.v1.Container': {
    ports: ['merge', 'containerPort'],
    env: ['merge', 'name'],
    volumeMounts: ['merge', 'mountPath'],
    volumeDevices: ['merge', 'devicePath'],
  },
  'io.k8s.api.core.v1.ServiceSpec': { ports: ['merge', 'port'] },
  'io.k8s.api.core.v1.PodStatus': { conditions: ['merge', 'type'] },
  'io.k8s.api.core.v1.NodeStatus': { conditions: ['merge', 'type'], addresses: ['merge', 'type'] },
  'io.k8s.api.apps.v1.DeploymentStatus': { conditions: ['merge', 'type'] },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions: ['merge', 'type'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    finalizers: ['merge'],
    ownerReferences: ['merge', 'uid'],
  },
}

/** A definition with its fields' patch strategies. */
function withPatchExtensions(name: string, schema: unknown): unknown {
  const strategies = PATCH_EXTENSIONS[name]
  if (!strategies) return schema
  const properties = { ...((schema as Schema)['properties'] as Schema) }
  for (const [field, [strategy, key]] of Object.entries(strategies)) {
    if (!properties[field]) continue
    properties[field] = {
      ...(properties[field] as Schema),
      ...(key !== undefined ? { 'x-kubernetes-patch-merge-key': key } : {}),
      'x-kubernetes-patch-strategy': strategy,
    }
  }
  return { ...(schema as Schema), properties }
}

/** A schema with builder3's references: `$ref` to components, wrapped in allOf beside siblings. */
function v3Schema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(v3Schema)
  if (schema === null || typeof schema !== 'object') return schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === 'properties' || key === 'x-kubernetes-group-version-kind')
      out[key] =
        key === 'properties'
          ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, v3Schema(v)]))
          : value
    else if (key === '$ref') continue
    else out[key] = v3Schema(value)
  }
  const ref = (schema as Schema)['$ref']
  if (typeof ref !== 'string') return out
  const target = { $ref: `${REF_PREFIX}${ref}` }
  return Object.keys(out).length === 0 ? target : { allOf: [target], ...out }
}

/** The names of every schema a definition reaches through $ref. */
function reachable(roots: string[]): string[] {
  const seen = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (value !== null && typeof value === 'object')
      for (const [key, inner] of Object.entries(value as Schema)) {
        if (key === '$ref' && typeof inner === 'string' && !seen.has(inner)) {
          seen.add(inner)
          visit(DEFINITIONS[inner])
        } else visit(inner)
      }
  }
  for (const root of roots) {
    if (!DEFINITIONS[root]) continue
    seen.add(root)
    visit(DEFINITIONS[root])
  }
  return [...seen].sort()
}

/** The definition name of a served kind: the one whose extension names its group/version/kind. */
function definitionOf(info: ResourceInfo): string | undefined {
  return Object.keys(DEFINITIONS).find((name) =>
    ((DEFINITIONS[name]?.['x-kubernetes-group-version-kind'] ?? []) as Schema[]).some(
      (gvk) =>
        gvk['group'] === info.group && gvk['version'] === info.version && gvk['kind'] === info.kind,
    ),
  )
}

const queryParam = (name: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', uniqueItems: true },
})
const DRY_RUN = queryParam(
  'dryRun',
  'When present, indicates that modifications should not be persisted.',
)
const FIELD_MANAGER = queryParam(
  'fieldManager',
  'fieldManager is a name associated with the actor or entity that is making these changes.',
)
const FIELD_VALIDATION = queryParam(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn (the default) - Strict',
)
const FORCE = {
  name: 'force',
  in: 'query',
  description: 'Force is going to "force" Apply requests.',
  schema: { type: 'boolean', uniqueItems: true },
}
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
]

function operation(
  verb: string,
  info: ResourceInfo,
  definition: string | undefined,
  extra: { parameters?: object[]; body?: string[]; list?: boolean },
): object {
  const kindRef = definition ? { $ref: `${REF_PREFIX}${definition}` } : { type: 'object' }
  const action = verb === 'get' && extra.list === true ? 'list' : verb
  return {
    tags: [`${info.group === '' ? 'core' : info.group.split('.')[0]}_${info.version}`],
    operationId: `${action}${info.kind}`,
    ...(extra.parameters ? { parameters: extra.parameters } : {}),
    ...(extra.body
      ? {
          requestBody: {
            content: Object.fromEntries(extra.body.map((type) => [type, { schema: kindRef }])),
            required: true,
          },
        }
      : {}),
    responses: {
      '200': { description: 'OK', content: { 'application/json': { schema: kindRef } } },
    },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': {
      group: info.group,
      version: info.version,
      kind: info.kind,
    },
  }
}

function resourcePaths(info: ResourceInfo, definition: string | undefined): Record<string, object> {
  const prefix = `/${openApiPath(info.group, info.version)}`
  const collection = info.namespaced
    ? `${prefix}/namespaces/{namespace}/${info.resource}`
    : `${prefix}/${info.resource}`
  const write = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION]
  return {
    [collection]: {
      get: operation('get', info, definition, { list: true }),
      post: operation('post', info, definition, { parameters: write, body: ['*/*'] }),
    },
    [`${collection}/{name}`]: {
      get: operation('get', info, definition, {}),
      put: operation('put', info, definition, { parameters: write, body: ['*/*'] }),
      patch: operation('patch', info, definition, {
        parameters: [...write, FORCE],
        body: PATCH_TYPES,
      }),
      delete: operation('delete', info, definition, { parameters: [DRY_RUN] }),
    },
  }
}

const INFO = { title: 'Kubernetes', version: 'v1.32.0' }

/** The document of one served group/version, or undefined if it is not served. */
export function groupVersionDocument(group: string, version: string): object | undefined {
  const gv = groupVersions().find((g) => g.group === group && g.version === version)
  if (!gv) return undefined
  const definitions = gv.resources.map(definitionOf)
  const paths: Record<string, object> = {}
  gv.resources.forEach((info, i) => Object.assign(paths, resourcePaths(info, definitions[i])))
  const roots = definitions.filter((d): d is string => d !== undefined)
  roots.push(
    'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
    'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  )
  const schemas = Object.fromEntries(
    reachable(roots).map((name) => [name, withPatchExtensions(name, v3Schema(DEFINITIONS[name]))]),
  )
  return { openapi: '3.0.0', info: INFO, paths, components: { schemas } }
}

/** A document's hash, as handler3 puts it in serverRelativeURL (the ETag, uppercase hex SHA-512). */
export function documentHash(document: object): string {
  return createHash('sha512').update(JSON.stringify(document)).digest('hex').toUpperCase()
}

/** GET /openapi/v3: every served group/version and where its document is. */
export function openApiRoot(hashOf: (group: string, version: string) => string): object {
  const paths: Record<string, object> = {}
  for (const gv of groupVersions()) {
    const path = openApiPath(gv.group, gv.version)
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hashOf(gv.group, gv.version)}` }
  }
  return { paths }
}
