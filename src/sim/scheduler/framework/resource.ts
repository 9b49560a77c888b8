/**
 * Resource sums and the pod request calculation.
 * Source: framework.Resource, pkg/scheduler/framework/types.go (v1.32);
 * resource.PodRequests / AggregateContainerRequests, staging/src/k8s.io/component-helpers/resource/helpers.go (v1.32)
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { parseMilliValue, parseValue } from '../../model/quantity'

/** Integer resource amounts: cpu in milli-CPU, everything else in base units (bytes, count). */
export interface Resource {
  milliCpu: number
  memoryBytes: number
  ephemeralStorageBytes: number
  allowedPodNumber: number
  /** Extended and hugepages resources by name, e.g. "nvidia.com/gpu". */
  scalarResources: Record<string, number>
}

export const RESOURCE_CPU = 'cpu'
export const RESOURCE_MEMORY = 'memory'
export const RESOURCE_EPHEMERAL_STORAGE = 'ephemeral-storage'
export const RESOURCE_PODS = 'pods'

// DefaultMilliCPURequest = 100 (0.1 core): pkg/scheduler/util/pod_resources.go (v1.32)
export const DEFAULT_MILLI_CPU_REQUEST = 100
// DefaultMemoryRequest = 200 * 1024 * 1024 (200 MiB): pkg/scheduler/util/pod_resources.go (v1.32)
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024

export function emptyResource(): Resource {
  return {
    milliCpu: 0,
    memoryBytes: 0,
    ephemeralStorageBytes: 0,
    allowedPodNumber: 0,
    scalarResources: {},
  }
}

export function cloneResource(r: Resource): Resource {
  return { ...r, scalarResources: { ...r.scalarResources } }
}

/** A ResourceList with integer values: cpu in milli, the rest via Quantity.Value(). */
export type ResourceAmounts = Record<string, number>

function toAmount(name: string, quantity: string | number): number {
  const text = String(quantity)
  return name === RESOURCE_CPU ? parseMilliValue(text) : parseValue(text)
}

/** Parses a ResourceList (requests or allocatable) into integer amounts. */
export function parseResourceList(
  list: Record<string, string | number> | undefined,
): ResourceAmounts {
  const out: ResourceAmounts = {}
  if (!list) return out
  for (const [name, q] of Object.entries(list)) out[name] = toAmount(name, q)
  return out
}

function addInto(target: ResourceAmounts, add: ResourceAmounts): void {
  for (const [k, v] of Object.entries(add)) target[k] = (target[k] ?? 0) + v
}

function maxInto(target: ResourceAmounts, other: ResourceAmounts): void {
  for (const [k, v] of Object.entries(other)) {
    const cur = target[k]
    if (cur === undefined || v > cur) target[k] = v
  }
}

/** Requests of one container, with `nonMissing` defaults for keys the container lacks (applyNonMissing). */
function containerRequests(c: Container, nonMissing: ResourceAmounts | undefined): ResourceAmounts {
  const reqs = parseResourceList(c.resources?.requests)
  if (nonMissing) {
    for (const [k, v] of Object.entries(nonMissing)) if (!(k in reqs)) reqs[k] = v
  }
  return reqs
}

/**
 * resource.PodRequests (v1.32): containers summed; restartable (sidecar) init containers added to
 * the running sum; each regular init container counts with the sidecars started before it; the
 * element-wise max of both; then pod overhead. Pod-level resources are not modelled.
 */
export function podRequests(pod: Pod, nonMissing?: ResourceAmounts): ResourceAmounts {
  const spec = pod.spec
  const reqs: ResourceAmounts = {}
  for (const c of spec?.containers ?? []) addInto(reqs, containerRequests(c, nonMissing))
  const restartable: ResourceAmounts = {}
  const initMax: ResourceAmounts = {}
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c, nonMissing)
    if (c.restartPolicy === 'Always') {
      addInto(reqs, r)
      addInto(restartable, r)
      maxInto(initMax, { ...restartable })
    } else {
      const tmp: ResourceAmounts = {}
      addInto(tmp, r)
      addInto(tmp, restartable)
      maxInto(initMax, tmp)
    }
  }
  maxInto(reqs, initMax)
  if (spec?.overhead) addInto(reqs, parseResourceList(spec.overhead))
  return reqs
}

/** The defaults applied to containers that lack a cpu or memory request, for scoring only. */
export const NON_MISSING_DEFAULTS: ResourceAmounts = {
  [RESOURCE_CPU]: DEFAULT_MILLI_CPU_REQUEST,
  [RESOURCE_MEMORY]: DEFAULT_MEMORY_REQUEST,
}

/** Resource.Add(ResourceList) (types.go v1.32): maps names to the typed fields. */
export function resourceFromAmounts(amounts: ResourceAmounts): Resource {
  const r = emptyResource()
  for (const [name, v] of Object.entries(amounts)) {
    switch (name) {
      case RESOURCE_CPU:
        r.milliCpu += v
        break
      case RESOURCE_MEMORY:
        r.memoryBytes += v
        break
      case RESOURCE_EPHEMERAL_STORAGE:
        r.ephemeralStorageBytes += v
        break
      case RESOURCE_PODS:
        r.allowedPodNumber += v
        break
      default:
        if (isScalarResourceName(name)) r.scalarResources[name] = (r.scalarResources[name] ?? 0) + v
    }
  }
  return r
}

/**
 * IsScalarResourceName (pkg/scheduler/util/utils.go v1.32): extended resources (a domain-prefixed
 * name outside kubernetes.io/), hugepages-*, attachable-volumes-*.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true
  return isExtendedResourceName(name)
}

/** IsExtendedResourceName (pkg/apis/core/v1/helper/helpers.go v1.32). */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/')) return false
  if (name.startsWith('requests.')) return false
  const domain = name.slice(0, name.indexOf('/'))
  return !(domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io'))
}
