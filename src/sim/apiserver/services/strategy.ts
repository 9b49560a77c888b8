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
import { invalid, type ApiError, type FieldError } from '../status'
import type { ServiceAllocator } from './allocator'
import { defaultService } from './defaults'

const needsClusterIP = (svc: Service): boolean =>
  svc.spec?.type !== 'ExternalName' && svc.spec?.clusterIP !== 'None'
const needsNodePorts = (svc: Service): boolean =>
  svc.spec?.type === 'NodePort' ||
  (svc.spec?.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false)

interface Allocated {
  ips: string[]
  ports: number[]
}

function allocateClusterIP(
  svc: Service,
  allocator: ServiceAllocator,
  done: Allocated,
): FieldError | undefined {
  const spec = writable(svc).spec ?? {}
  if (spec.type === 'ExternalName') return undefined
  if (spec.clusterIP === 'None') {
    spec.clusterIPs = ['None']
  } else {
    const requested =
      spec.clusterIP !== undefined && spec.clusterIP !== '' ? spec.clusterIP : spec.clusterIPs?.[0]
    const result = allocator.clusterIP(requested)
    if (!result.ok) {
      const detail = requested
        ? `failed to allocate IP ${requested}: ${result.error}`
        : `failed to allocate a serviceIP: ${result.error}`
      return {
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs',
        badValue: requested ? [requested] : [],
        detail,
      }
    }
    const ip = String(result.value)
    done.ips.push(ip)
    spec.clusterIP = ip
    spec.clusterIPs = [ip]
  }
  spec.ipFamilies = ['IPv4']
  spec.ipFamilyPolicy = 'SingleStack'
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
  const allocated: Allocated = { ips: [], ports: [] }
  const error =
    allocateClusterIP(svc, allocator, allocated) ?? allocateNodePorts(svc, allocator, allocated)
  writable(svc).status = { loadBalancer: {} }
  if (error) {
    allocator.release(allocated.ips, allocated.ports)
    return { error: invalid(info, svc.metadata?.name ?? '', [error]), allocated }
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
    const error = allocateClusterIP(svc, allocator, done)
    if (error) return invalid(info, svc.metadata?.name ?? '', [error])
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
    return invalid(info, svc.metadata?.name ?? '', [portError])
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
