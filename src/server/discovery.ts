import { allResources, apiVersionOf, type ResourceInfo } from '../sim/index'

/**
 * API discovery, as kube-apiserver v1.32 serves it, for what this simulation serves: aggregated
 * discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList, what kubectl 1.32 asks for first) and
 * the legacy documents (/api, /apis, /api/v1, /apis/<group>/<version>).
 * Sources: staging/src/k8s.io/apiserver/pkg/endpoints/discovery/aggregated/handler.go,
 * discovery/legacy.go, group.go, version.go (v1.32); resource verbs from
 * staging/src/k8s.io/apiserver/pkg/endpoints/installer.go.
 */

export const AGGREGATED_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'

// The verbs the simulated API server answers on every resource (no deletecollection: a DELETE
// on a collection is 405 here).
const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']

interface Subresource {
  name: string
  kind: { group: string; version: string; kind: string } | 'self'
  verbs: string[]
}

const STATUS: Subresource = { name: 'status', kind: 'self', verbs: ['get', 'patch', 'update'] }

/** The subresources the simulated API server routes, per resource. */
const SUBRESOURCES: Readonly<Record<string, Subresource[]>> = {
  pods: [
    { name: 'binding', kind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
    STATUS,
  ],
  nodes: [STATUS],
  namespaces: [STATUS],
  services: [STATUS],
  replicasets: [STATUS],
  deployments: [STATUS],
}

// Category "all" (kubectl get all): pkg/registry/*/storage Categories() (v1.32).
const ALL_CATEGORY = new Set([
  'pods',
  'services',
  'replicasets',
  'deployments',
  'daemonsets',
  'statefulsets',
  'jobs',
  'cronjobs',
  'replicationcontrollers',
])

interface GroupVersion {
  group: string
  version: string
  resources: ResourceInfo[]
}

/** The served group/versions: core first, then the named groups in the order resources list them. */
export function groupVersions(): GroupVersion[] {
  const out: GroupVersion[] = []
  for (const info of allResources()) {
    let gv = out.find((g) => g.group === info.group && g.version === info.version)
    if (!gv) {
      gv = { group: info.group, version: info.version, resources: [] }
      out.push(gv)
    }
    gv.resources.push(info)
  }
  for (const gv of out) gv.resources.sort((a, b) => (a.resource < b.resource ? -1 : 1))
  return out.sort((a, b) => (a.group === '' ? -1 : b.group === '' ? 1 : 0))
}

const categories = (info: ResourceInfo) =>
  ALL_CATEGORY.has(info.resource) ? { categories: ['all'] } : {}
const shortNames = (info: ResourceInfo) =>
  info.shortNames.length > 0 ? { shortNames: info.shortNames } : {}

function aggregatedResource(info: ResourceInfo): object {
  const self = { group: info.group, version: info.version, kind: info.kind }
  const subresources = SUBRESOURCES[info.resource] ?? []
  return {
    resource: info.resource,
    responseKind: self,
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singular,
    verbs: VERBS,
    ...shortNames(info),
    ...categories(info),
    ...(subresources.length > 0
      ? {
          subresources: subresources.map((s) => ({
            subresource: s.name,
            responseKind: s.kind === 'self' ? self : s.kind,
            verbs: s.verbs,
          })),
        }
      : {}),
  }
}

/** GET /api or /apis with the aggregated Accept: one APIGroupDiscoveryList. */
export function aggregatedDiscovery(legacyCore: boolean): object {
  const items = groupVersions()
    .filter((gv) => (gv.group === '') === legacyCore)
    .map((gv) => ({
      metadata: { ...(gv.group !== '' ? { name: gv.group } : {}), creationTimestamp: null },
      versions: [
        {
          version: gv.version,
          resources: gv.resources.map(aggregatedResource),
          freshness: 'Current',
        },
      ],
    }))
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items,
  }
}

/** GET /api (legacy): the core group's versions. */
export function legacyApiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  }
}

function apiGroup(gv: GroupVersion): object {
  const version = { groupVersion: `${gv.group}/${gv.version}`, version: gv.version }
  return { name: gv.group, versions: [version], preferredVersion: version }
}

/** GET /apis (legacy): every named group. */
export function legacyApiGroupList(): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupVersions()
      .filter((gv) => gv.group !== '')
      .map(apiGroup),
  }
}

/** GET /apis/<group>: one group, or undefined if it is not served. */
export function legacyApiGroup(group: string): object | undefined {
  const gv = groupVersions().find((g) => g.group === group && group !== '')
  return gv ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(gv) } : undefined
}

/** GET /api/v1 or /apis/<group>/<version>: the APIResourceList, subresources as "pods/status". */
export function apiResourceList(group: string, version: string): object | undefined {
  const gv = groupVersions().find((g) => g.group === group && g.version === version)
  if (!gv) return undefined
  const resources = gv.resources.flatMap((info) => {
    const base = {
      name: info.resource,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: VERBS,
      ...shortNames(info),
      ...categories(info),
    }
    const subs = (SUBRESOURCES[info.resource] ?? []).map((s) => ({
      name: `${info.resource}/${s.name}`,
      singularName: '',
      namespaced: info.namespaced,
      ...(s.kind === 'self'
        ? { kind: info.kind }
        : { group: s.kind.group, version: s.kind.version, kind: s.kind.kind }),
      verbs: s.verbs,
    }))
    return [base, ...subs]
  })
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(gv.resources[0] as ResourceInfo),
    resources,
  }
}

/** Whether an Accept header asks for aggregated discovery v2 (what kubectl 1.32 asks for first). */
export function wantsAggregated(accept: string | undefined): boolean {
  return (
    (accept ?? '').includes('as=APIGroupDiscoveryList') &&
    /g=apidiscovery\.k8s\.io;v=v2(?![a-z0-9])/.test(accept ?? '')
  )
}
