/**
 * How server-side apply sees each field of the served kinds: which lists are associative (merged
 * by key), which are sets, and which lists, maps and structs are atomic (owned and replaced
 * whole). A list with no tag is atomic, as structured-merge-diff treats a list without
 * x-kubernetes-list-type.
 * Sources: the +listType=map / +listMapKey / +listType=set / +mapType=atomic / +structType=atomic
 * tags in k8s.io/api core/v1/types.go and apps/v1/types.go, and k8s.io/apimachinery
 * pkg/apis/meta/v1/types.go (v1.32); a patchStrategy=merge list with a patchMergeKey becomes an
 * associative list too (kube-openapi pkg/schemaconv/smd.go).
 */
export type ListType =
  { type: 'map'; keys: readonly string[] } | { type: 'set' } | { type: 'atomic' }

const byName = (...keys: string[]): ListType => ({ type: 'map', keys })

// Lists found under these field names, wherever they are (their names are unambiguous).
const LIST_TYPES: Readonly<Record<string, ListType>> = {
  containers: byName('name'),
  initContainers: byName('name'),
  ephemeralContainers: byName('name'),
  env: byName('name'),
  volumes: byName('name'),
  volumeMounts: byName('mountPath'),
  volumeDevices: byName('devicePath'),
  imagePullSecrets: byName('name'),
  hostAliases: byName('ip'),
  schedulingGates: byName('name'),
  resourceClaims: byName('name'),
  topologySpreadConstraints: byName('topologyKey', 'whenUnsatisfiable'),
  conditions: byName('type'),
  addresses: byName('type'),
  podIPs: byName('ip'),
  secrets: byName('name'),
  ownerReferences: byName('uid'),
  finalizers: { type: 'set' },
  podCIDRs: { type: 'set' },
}

// ContainerPort: +listMapKey=containerPort +listMapKey=protocol; ServicePort: port and protocol.
const CONTAINER_PORTS = byName('containerPort', 'protocol')
const SERVICE_PORTS = byName('port', 'protocol')

/**
 * Key fields with a schema default: a port without a protocol is keyed as TCP, as
 * structured-merge-diff fills a missing key field from its default (Protocol defaults to "TCP",
 * pkg/apis/core/v1/defaults.go).
 */
export const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' }

// Atomic maps and structs: LabelSelector (+structType=atomic, apimachinery meta/v1), Service
// spec.selector and PodSpec nodeSelector (+mapType=atomic), NodeSelector, ObjectFieldSelector,
// ResourceFieldSelector, ConfigMapKeySelector, SecretKeySelector, ObjectReference (core/v1).
const ATOMIC_OBJECTS = new Set([
  'selector',
  'nodeSelector',
  'labelSelector',
  'namespaceSelector',
  'fieldRef',
  'resourceFieldRef',
  'configMapKeyRef',
  'secretKeyRef',
  'targetRef',
  'requiredDuringSchedulingIgnoredDuringExecution',
])

/** The list type at `path` (field path elements such as "f:spec"); the last one names the list. */
export function listTypeAt(path: readonly string[]): ListType {
  const name = fieldName(path[path.length - 1])
  if (name === 'ports') {
    const parent = fieldName(path[path.length - 3])
    if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers')
      return CONTAINER_PORTS
    if (path.length === 2 && path[0] === 'f:spec') return SERVICE_PORTS
    return { type: 'atomic' }
  }
  return (name !== undefined ? LIST_TYPES[name] : undefined) ?? { type: 'atomic' }
}

/** Whether the map or struct at `path` is owned whole. */
export function isAtomicObject(path: readonly string[]): boolean {
  const name = fieldName(path[path.length - 1])
  return name !== undefined && ATOMIC_OBJECTS.has(name)
}

const fieldName = (element: string | undefined): string | undefined =>
  element?.startsWith('f:') ? element.slice(2) : undefined
