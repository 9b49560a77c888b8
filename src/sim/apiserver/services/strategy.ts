/**
 * The Service REST storage's create and update preparation: defaults, then ClusterIP and
 * NodePort allocation (before validation, as BeginCreate runs before BeforeCreate), keeping
 * allocated values an update leaves out (patchAllocatedValues), and dropping NodePorts when
 * the type no longer uses them. Errors are kube-apiserver's.
 * Source: pkg/registry/core/service/storage/{storage.go,alloc.go}, strategy.go (v1.32).
 */
import type { Service } from 'kubernetes-types/core/v1'
import { writable, type KubeObject } from '../../model/objects'
import type { ResourceInfo } from '../resources'
import { invalid as invalidStatus, type ApiError, type FieldError } from '../status'
import type { ServiceAllocator } from './allocator'
import { defaultService } from './defaults'
import { externallyAccessible } from './validation'
import { isHeadless, validateClusterIPFields } from './cluster-ip-validation'

// The cluster's one Service IP family: kubeadm's --service-cluster-ip-range 10.96.0.0/12.
const CLUSTER_FAMILY = 'IPv4'

const invalid = (field: string, badValue: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  badValue,
  detail,
})

const needsClusterIP = (svc: Service): boolean =>
  svc.spec?.type !== 'ExternalName' && svc.spec?.clusterIP !== 'None'
const needsNodePorts = (svc: Service): boolean =>
  svc.spec?.type === 'NodePort' ||
  (svc.spec?.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false)

interface Allocated {
  ips: string[]
  ports: number[]
}

/**
 * normalizeClusterIPs (storage.go): on create, a clusterIP given alone becomes clusterIPs too.
 */
function normalizeClusterIPs(svc: Service): void {
  const spec = writable(svc).spec ?? {}
  if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP]
}

/**
 * initIPFamilyFields (alloc.go) for this single-stack IPv4 cluster: ipFamilyPolicy defaults to
 * SingleStack (RequireDualStack for a headless Service without a selector), the ClusterIP fields
 * are validated before anything is allocated, and a family or policy this cluster cannot serve
 * is refused; ipFamilies are inferred from the ClusterIPs, else IPv4.
 */
function initIPFamilyFields(svc: Service): FieldError[] {
  const spec = writable(svc).spec ?? {}
  if (spec.type === 'ExternalName') return []
  const headlessSelectorless =
    spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0
  spec.ipFamilyPolicy ??= headlessSelectorless ? 'RequireDualStack' : 'SingleStack'
  const preErrors = validateClusterIPFields(svc)
  if (preErrors.length > 0) return preErrors
  const errors: FieldError[] = []
  const ips = spec.clusterIPs ?? []
  const families = [...(spec.ipFamilies ?? [])]
  if (spec.ipFamilyPolicy === 'SingleStack') {
    const must = "must be 'RequireDualStack' or 'PreferDualStack' when multiple"
    if (ips.length === 2)
      errors.push(
        invalid('spec.ipFamilyPolicy', 'SingleStack', `${must} cluster IPs are specified`),
      )
    if (families.length === 2)
      errors.push(
        invalid('spec.ipFamilyPolicy', 'SingleStack', `${must} IP families are specified`),
      )
  }
  for (const [i, ip] of ips.entries()) {
    if (ip === 'None') break
    const family = ip.includes(':') ? 'IPv6' : 'IPv4'
    if (i < families.length) continue
    if (family !== CLUSTER_FAMILY)
      errors.push(
        invalid(`spec.clusterIPs[${i}]`, ips, `${family} is not configured on this cluster`),
      )
    else families.push(family)
  }
  if (errors.length > 0) return errors
  if (headlessSelectorless) {
    if (families.length === 0) families.push(CLUSTER_FAMILY)
    // Headless and selectorless may name both families even on a single-stack cluster.
    if (families.length < 2 && spec.ipFamilyPolicy !== 'SingleStack')
      families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4')
    spec.ipFamilies = families
    return []
  }
  if (spec.ipFamilyPolicy === 'RequireDualStack')
    errors.push(
      invalid(
        'spec.ipFamilyPolicy',
        spec.ipFamilyPolicy,
        'this cluster is not configured for dual-stack services',
      ),
    )
  families.forEach((family, i) => {
    if (family !== CLUSTER_FAMILY)
      errors.push(invalid(`spec.ipFamilies[${i}]`, family, 'not configured on this cluster'))
  })
  if (errors.length > 0) return errors
  spec.ipFamilies = families.length > 0 ? families : [CLUSTER_FAMILY]
  return []
}

function allocateClusterIP(
  svc: Service,
  allocator: ServiceAllocator,
  done: Allocated,
): FieldError | undefined {
  const spec = writable(svc).spec ?? {}
  if (spec.type === 'ExternalName' || isHeadless(svc)) return undefined
  const requested = spec.clusterIPs?.[0]
  const result = allocator.clusterIP(requested)
  if (!result.ok) {
    const detail = requested
      ? `failed to allocate IP ${requested}: ${result.error}`
      : `failed to allocate a serviceIP: ${result.error}`
    return invalid('spec.clusterIPs', requested ? [requested] : [], detail)
  }
  const ip = String(result.value)
  done.ips.push(ip)
  spec.clusterIP = ip
  spec.clusterIPs = [ip]
  return undefined
}

function allocateNodePorts(
  svc: Service,
  allocator: ServiceAllocator,
  done: Allocated,
): FieldError | undefined {
  if (!needsNodePorts(svc)) return undefined
  const ports = svc.spec?.ports ?? []
  for (const [i, port] of ports.entries()) {
    // Two ports may share a NodePort when their protocols differ (TCP and UDP for DNS).
    const shared = ports
      .slice(0, i)
      .find((p) => p.nodePort !== undefined && p.nodePort === port.nodePort && p.nodePort !== 0)
    if (shared) continue
    const result = allocator.nodePort(port.nodePort)
    if (!result.ok)
      return {
        type: 'FieldValueInvalid',
        field: `spec.ports[${i}].nodePort`,
        badValue: port.nodePort ?? 0,
        detail: result.error,
      }
    port.nodePort = Number(result.value)
    done.ports.push(port.nodePort)
  }
  return undefined
}

/** Create: defaults, allocations, then the caller validates (and releases on failure). */
export function prepareServiceCreate(
  info: ResourceInfo,
  object: KubeObject,
  allocator: ServiceAllocator,
): { error?: ApiError; allocated: Allocated } {
  const svc = object as Service
  defaultService(svc)
  normalizeClusterIPs(svc)
  const allocated: Allocated = { ips: [], ports: [] }
  const familyErrors = initIPFamilyFields(svc)
  if (familyErrors.length > 0)
    return { error: invalidStatus(info, svc.metadata?.name ?? '', familyErrors), allocated }
  const error =
    allocateClusterIP(svc, allocator, allocated) ?? allocateNodePorts(svc, allocator, allocated)
  writable(svc).status = { loadBalancer: {} }
  if (error) {
    allocator.release(allocated.ips, allocated.ports)
    return { error: invalidStatus(info, svc.metadata?.name ?? '', [error]), allocated }
  }
  return { allocated }
}

/** Update: keep what was allocated and not given again; allocate what a new type needs. */
export function prepareServiceUpdate(
  info: ResourceInfo,
  current: KubeObject,
  next: KubeObject,
  allocator: ServiceAllocator,
): ApiError | undefined {
  const old = current as Service
  const svc = next as Service
  defaultService(svc)
  const spec = writable(svc).spec ?? {}
  dropTypeDependentFields(svc, old)
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    const oldIp = old.spec?.clusterIP
    if (!spec.clusterIP && oldIp) spec.clusterIP = oldIp
    if ((spec.clusterIPs ?? []).length === 0 && old.spec?.clusterIPs)
      spec.clusterIPs = old.spec.clusterIPs
    spec.ipFamilies ??= old.spec?.ipFamilies ?? ['IPv4']
    spec.ipFamilyPolicy ??= old.spec?.ipFamilyPolicy ?? 'SingleStack'
    if (
      spec.clusterIP &&
      (spec.clusterIPs ?? []).length > 0 &&
      spec.clusterIPs?.[0] !== spec.clusterIP
    )
      spec.clusterIPs = [spec.clusterIP, ...(spec.clusterIPs ?? []).slice(1)]
  }
  const done: Allocated = { ips: [], ports: [] }
  if (!needsClusterIP(old) && needsClusterIP(svc)) {
    normalizeClusterIPs(svc)
    const familyErrors = initIPFamilyFields(svc)
    if (familyErrors.length > 0) return invalidStatus(info, svc.metadata?.name ?? '', familyErrors)
    const error = allocateClusterIP(svc, allocator, done)
    if (error) return invalidStatus(info, svc.metadata?.name ?? '', [error])
  }
  for (const port of spec.ports ?? []) {
    const before = (old.spec?.ports ?? []).find(
      (p) => p.port === port.port && p.protocol === port.protocol,
    )
    if (needsNodePorts(old) && needsNodePorts(svc) && !port.nodePort && before?.nodePort)
      port.nodePort = before.nodePort
    // dropTypeDependentFields: a type without NodePorts loses the ones the server allocated.
    if (!needsNodePorts(svc) && needsNodePorts(old) && port.nodePort === before?.nodePort)
      delete port.nodePort
  }
  const taken = new Set((old.spec?.ports ?? []).map((p) => p.nodePort))
  const portError = needsNodePorts(svc)
    ? allocateMissingNodePorts(svc, allocator, taken, done)
    : undefined
  if (portError) {
    allocator.release(done.ips, done.ports)
    return invalidStatus(info, svc.metadata?.name ?? '', [portError])
  }
  return undefined
}

function allocateMissingNodePorts(
  svc: Service,
  allocator: ServiceAllocator,
  ownedBefore: Set<number | undefined>,
  done: Allocated,
): FieldError | undefined {
  for (const [i, port] of (svc.spec?.ports ?? []).entries()) {
    if (port.nodePort && ownedBefore.has(port.nodePort)) continue
    const result = allocator.nodePort(port.nodePort)
    if (!result.ok)
      return {
        type: 'FieldValueInvalid',
        field: `spec.ports[${i}].nodePort`,
        badValue: port.nodePort ?? 0,
        detail: result.error,
      }
    port.nodePort = Number(result.value)
    done.ports.push(port.nodePort)
  }
  return undefined
}

/**
 * dropTypeDependentFields (strategy.go, v1.32), for what the type change made meaningless and
 * the user left as it was: externalTrafficPolicy once not externally reachable, and
 * allocateLoadBalancerNodePorts once not a LoadBalancer.
 */
function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = writable(svc).spec ?? {}
  if (
    externallyAccessible(old) &&
    !externallyAccessible(svc) &&
    spec.externalTrafficPolicy === old.spec?.externalTrafficPolicy
  )
    delete spec.externalTrafficPolicy
  if (
    old.spec?.type === 'LoadBalancer' &&
    spec.type !== 'LoadBalancer' &&
    spec.allocateLoadBalancerNodePorts !== undefined &&
    spec.allocateLoadBalancerNodePorts === old.spec.allocateLoadBalancerNodePorts
  )
    delete spec.allocateLoadBalancerNodePorts
}
