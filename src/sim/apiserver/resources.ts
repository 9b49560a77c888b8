/**
 * The API resources this cluster serves, with where they live in etcd.
 * Source: etcd key layout /registry/<resource>/<namespace>/<name>; nodes are stored under the
 * historical name "minions" (pkg/registry/core/node/storage/storage.go, v1.32).
 */
export interface ResourceInfo {
  /** Plural REST name: "pods". */
  resource: string
  kind: string
  /** "" for the core group. */
  group: string
  version: string
  namespaced: boolean
  /** Path segment under /registry/. */
  etcdResource: string
  shortNames: string[]
  singular: string
  /** Create-only review APIs (SelfSubjectAccessReview ...): answered, never stored. */
  virtual?: true
}

const RESOURCES: readonly ResourceInfo[] = [
  {
    resource: 'pods',
    kind: 'Pod',
    group: '',
    version: 'v1',
    namespaced: true,
    etcdResource: 'pods',
    shortNames: ['po'],
    singular: 'pod',
  },
  {
    resource: 'nodes',
    kind: 'Node',
    group: '',
    version: 'v1',
    namespaced: false,
    etcdResource: 'minions',
    shortNames: ['no'],
    singular: 'node',
  },
  {
    resource: 'namespaces',
    kind: 'Namespace',
    group: '',
    version: 'v1',
    namespaced: false,
    etcdResource: 'namespaces',
    shortNames: ['ns'],
    singular: 'namespace',
  },
  {
    resource: 'events',
    kind: 'Event',
    group: '',
    version: 'v1',
    namespaced: true,
    etcdResource: 'events',
    shortNames: ['ev'],
    singular: 'event',
  },
  {
    resource: 'services',
    kind: 'Service',
    group: '',
    version: 'v1',
    namespaced: true,
    etcdResource: 'services/specs',
    shortNames: ['svc'],
    singular: 'service',
  },
  {
    resource: 'endpoints',
    kind: 'Endpoints',
    group: '',
    version: 'v1',
    namespaced: true,
    etcdResource: 'services/endpoints',
    shortNames: ['ep'],
    singular: 'endpoints',
  },
  {
    resource: 'endpointslices',
    kind: 'EndpointSlice',
    group: 'discovery.k8s.io',
    version: 'v1',
    namespaced: true,
    etcdResource: 'endpointslices',
    shortNames: [],
    singular: 'endpointslice',
  },
  {
    resource: 'replicasets',
    kind: 'ReplicaSet',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    etcdResource: 'replicasets',
    shortNames: ['rs'],
    singular: 'replicaset',
  },
  {
    resource: 'deployments',
    kind: 'Deployment',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    etcdResource: 'deployments',
    shortNames: ['deploy'],
    singular: 'deployment',
  },
  {
    resource: 'daemonsets',
    kind: 'DaemonSet',
    group: 'apps',
    version: 'v1',
    namespaced: true,
    etcdResource: 'daemonsets',
    shortNames: ['ds'],
    singular: 'daemonset',
  },
  {
    resource: 'jobs',
    kind: 'Job',
    group: 'batch',
    version: 'v1',
    namespaced: true,
    etcdResource: 'jobs',
    shortNames: [],
    singular: 'job',
  },
  {
    resource: 'leases',
    kind: 'Lease',
    group: 'coordination.k8s.io',
    version: 'v1',
    namespaced: true,
    etcdResource: 'leases',
    shortNames: [],
    singular: 'lease',
  },
  {
    resource: 'priorityclasses',
    kind: 'PriorityClass',
    group: 'scheduling.k8s.io',
    version: 'v1',
    namespaced: false,
    etcdResource: 'priorityclasses',
    shortNames: ['pc'],
    singular: 'priorityclass',
  },
  ...authResources(),
]

/** Secrets, ConfigMaps, ServiceAccounts, RBAC and the review APIs (issue 14). */
function authResources(): ResourceInfo[] {
  const core = (resource: string, kind: string, shortNames: string[] = []): ResourceInfo => ({
    resource,
    kind,
    group: '',
    version: 'v1',
    namespaced: true,
    etcdResource: resource,
    shortNames,
    singular: kind.toLowerCase(),
  })
  const rbac = (resource: string, kind: string, namespaced: boolean): ResourceInfo => ({
    resource,
    kind,
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    namespaced,
    etcdResource: resource,
    shortNames: [],
    singular: kind.toLowerCase(),
  })
  const review = (group: string, resource: string, kind: string): ResourceInfo => ({
    resource,
    kind,
    group,
    version: 'v1',
    namespaced: false,
    etcdResource: resource,
    shortNames: [],
    singular: kind.toLowerCase(),
    virtual: true,
  })
  return [
    core('secrets', 'Secret'),
    core('configmaps', 'ConfigMap', ['cm']),
    core('serviceaccounts', 'ServiceAccount', ['sa']),
    rbac('roles', 'Role', true),
    rbac('rolebindings', 'RoleBinding', true),
    rbac('clusterroles', 'ClusterRole', false),
    rbac('clusterrolebindings', 'ClusterRoleBinding', false),
    review('authorization.k8s.io', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview'),
    review('authorization.k8s.io', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview'),
    review('authentication.k8s.io', 'selfsubjectreviews', 'SelfSubjectReview'),
  ]
}

export function allResources(): readonly ResourceInfo[] {
  return RESOURCES
}

// Resources by group, then by resource name (the first of each, as a search of the list finds):
// every request and every etcd answer looks its resource up.
const BY_GROUP = new Map<string, Map<string, ResourceInfo>>()
for (const info of RESOURCES) {
  let byName = BY_GROUP.get(info.group)
  if (!byName) BY_GROUP.set(info.group, (byName = new Map<string, ResourceInfo>()))
  if (!byName.has(info.resource)) byName.set(info.resource, info)
}

export function findResource(group: string, resource: string): ResourceInfo | undefined {
  return BY_GROUP.get(group)?.get(resource)
}

export function findResourceByKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind && apiVersionOf(r) === apiVersion)
}

/** What kubectl accepts on the command line: "pods", "pod", "po", "rs", "replicasets.apps". */
export function findResourceByAlias(alias: string): ResourceInfo | undefined {
  const lower = alias.toLowerCase()
  const dot = lower.indexOf('.')
  const name = dot < 0 ? lower : lower.slice(0, dot)
  const group = dot < 0 ? undefined : lower.slice(dot + 1)
  return RESOURCES.find(
    (r) =>
      (group === undefined || r.group === group) &&
      (r.resource === name ||
        r.singular === name ||
        r.shortNames.includes(name) ||
        r.kind.toLowerCase() === name),
  )
}

export function apiVersionOf(info: ResourceInfo): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`
}

/** "pods" for the core group, "replicasets.apps" otherwise: the qualified resource in messages. */
export function qualifiedResource(info: ResourceInfo): string {
  return info.group === '' ? info.resource : `${info.resource}.${info.group}`
}

/** "Pod" for the core group, "ReplicaSet.apps" otherwise: the qualified kind in Invalid errors. */
export function qualifiedKind(info: ResourceInfo): string {
  return info.group === '' ? info.kind : `${info.kind}.${info.group}`
}

/** The etcd key: /registry/pods/default/web, /registry/minions/node-1. */
export function etcdKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced
    ? `/registry/${info.etcdResource}/${namespace ?? ''}/${name}`
    : `/registry/${info.etcdResource}/${name}`
}

/** Prefix of every key of a resource, optionally within one namespace. */
export function etcdPrefix(info: ResourceInfo, namespace?: string): string {
  return namespace && info.namespaced
    ? `/registry/${info.etcdResource}/${namespace}/`
    : `/registry/${info.etcdResource}/`
}

// Each resource's key prefix, built once: resourceOfKey runs for every value the API server or a
// snapshot reads from etcd.
const KEY_PREFIXES: readonly (readonly [string, ResourceInfo])[] = RESOURCES.map((r) => [
  `/registry/${r.etcdResource}/`,
  r,
])

/** Which resource an etcd key belongs to. */
export function resourceOfKey(key: string): ResourceInfo | undefined {
  for (const [prefix, info] of KEY_PREFIXES) if (key.startsWith(prefix)) return info
  return undefined
}

/** REST path of a collection or object: /apis/apps/v1/namespaces/default/replicasets/web. */
export function restPath(
  info: ResourceInfo,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let path = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`
  if (info.namespaced && namespace !== undefined) path += `/namespaces/${namespace}`
  path += `/${info.resource}`
  if (name !== undefined) path += `/${name}`
  if (subresource !== undefined) path += `/${subresource}`
  return path
}
