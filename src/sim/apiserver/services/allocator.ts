/**
 * ClusterIP and NodePort allocation, as kube-apiserver v1.32's bitmap allocators do it. The
 * range is split by an offset: dynamic allocation picks a random free value in the upper part
 * first (so static choices such as 10.96.0.10 for DNS rarely collide), then the lower part.
 * For 10.96.0.0/12 the offset is min(max(16, size/16), 256) = 256; for ports 30000–32767 it is
 * min(max(16, 2768/32), 128) = 86. Used values are the Services in the watch cache plus the
 * ones handed out in the last few seconds (not yet in the cache) — the real allocator keeps a
 * bitmap in etcd (/registry/ranges/serviceips) that a repair loop reconciles with the
 * Services; this keeps the same answers without the extra etcd object.
 * Source: pkg/registry/core/service/ipallocator/bitmap.go (calculateRangeOffset),
 * portallocator/allocator.go, allocator/bitmap.go randomScanStrategyWithOffset (v1.32).
 */
import type { Service } from 'kubernetes-types/core/v1'
import { nextInt, type RngState } from '../../core/rng'
import type { KubeObject } from '../../model/objects'

// --service-cluster-ip-range default for kubeadm: 10.96.0.0/12; --service-node-port-range 30000-32767.
export const SERVICE_CIDR = '10.96.0.0/12'
const SERVICE_BASE = ipToNumber('10.96.0.0')
const SERVICE_SIZE = 2 ** 20 - 2 // network and broadcast addresses are not handed out
const SERVICE_OFFSET = Math.min(Math.max(16, 2 ** 20 / 16), 256)
export const NODE_PORT_MIN = 30000
export const NODE_PORT_MAX = 32767
const PORT_SIZE = NODE_PORT_MAX - NODE_PORT_MIN + 1
const PORT_OFFSET = Math.min(Math.max(16, Math.floor(PORT_SIZE / 32)), 128)
// How long a fresh allocation counts as used before the watch cache shows its Service.
const PENDING_MS = 10_000

export interface ServiceAllocations {
  ips: Record<string, number>
  ports: Record<string, number>
}

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')
}

/** The bitmap index of a ClusterIP (10.96.0.1 is 0), or undefined outside the range. */
function ipIndex(ip: string): number | undefined {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return undefined
  const index = ipToNumber(ip) - SERVICE_BASE - 1
  return index >= 0 && index < SERVICE_SIZE ? index : undefined
}

/** Values in use: every Service's ClusterIPs and NodePorts, and recent allocations. */
function used(
  services: readonly KubeObject[],
  pending: ServiceAllocations,
  nowMs: number,
): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>()
  const ports = new Set<number>()
  for (const object of services) {
    const spec = (object as Service).spec
    for (const ip of spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : [])) ips.add(ip)
    for (const port of spec?.ports ?? []) if (port.nodePort) ports.add(port.nodePort)
  }
  for (const [ip, at] of Object.entries(pending.ips)) {
    if (nowMs - at < PENDING_MS) ips.add(ip)
    else delete pending.ips[ip]
  }
  for (const [port, at] of Object.entries(pending.ports)) {
    if (nowMs - at < PENDING_MS) ports.add(Number(port))
    else delete pending.ports[port]
  }
  return { ips, ports }
}

/** randomScanStrategyWithOffset.AllocateBit over [0, size). */
function allocateBit(
  rng: RngState,
  size: number,
  offset: number,
  taken: (bit: number) => boolean,
): number | undefined {
  const upper = size - offset
  const start = nextInt(rng, upper)
  for (let i = 0; i < upper; i++) {
    const at = offset + ((start + i) % upper)
    if (!taken(at)) return at
  }
  const lowStart = nextInt(rng, offset)
  for (let i = 0; i < offset; i++) {
    const at = (lowStart + i) % offset
    if (!taken(at)) return at
  }
  return undefined
}

export type AllocationResult = { ok: true; value: string | number } | { ok: false; error: string }

export class ServiceAllocator {
  private readonly inUse: { ips: Set<string>; ports: Set<number> }
  private readonly rng: RngState
  private readonly pending: ServiceAllocations
  private readonly nowMs: number

  constructor(
    rng: RngState,
    pending: ServiceAllocations,
    nowMs: number,
    services: readonly KubeObject[],
  ) {
    this.rng = rng
    this.pending = pending
    this.nowMs = nowMs
    this.inUse = used(services, pending, nowMs)
  }

  /** A requested ClusterIP, or a free one; errors are the allocator's own words. */
  clusterIP(requested: string | undefined): AllocationResult {
    if (requested !== undefined && requested !== '') {
      if (ipIndex(requested) === undefined)
        return {
          ok: false,
          error: `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
        }
      if (this.inUse.ips.has(requested))
        return { ok: false, error: 'provided IP is already allocated' }
      return this.takeIp(requested)
    }
    const bit = allocateBit(this.rng, SERVICE_SIZE, SERVICE_OFFSET, (b) =>
      this.inUse.ips.has(numberToIp(SERVICE_BASE + 1 + b)),
    )
    if (bit === undefined) return { ok: false, error: 'range is full' }
    return this.takeIp(numberToIp(SERVICE_BASE + 1 + bit))
  }

  /** A requested NodePort, or a free one. */
  nodePort(requested: number | undefined): AllocationResult {
    if (requested !== undefined && requested !== 0) {
      if (requested < NODE_PORT_MIN || requested > NODE_PORT_MAX)
        return {
          ok: false,
          error: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        }
      if (this.inUse.ports.has(requested))
        return { ok: false, error: 'provided port is already allocated' }
      return this.takePort(requested)
    }
    const bit = allocateBit(this.rng, PORT_SIZE, PORT_OFFSET, (b) =>
      this.inUse.ports.has(NODE_PORT_MIN + b),
    )
    if (bit === undefined) return { ok: false, error: 'range is full' }
    return this.takePort(NODE_PORT_MIN + bit)
  }

  private takeIp(ip: string): AllocationResult {
    this.inUse.ips.add(ip)
    this.pending.ips[ip] = this.nowMs
    return { ok: true, value: ip }
  }

  private takePort(port: number): AllocationResult {
    this.inUse.ports.add(port)
    this.pending.ports[String(port)] = this.nowMs
    return { ok: true, value: port }
  }

  /** Undo allocations made for a request that then failed (finishCreate(false)). */
  release(ips: readonly string[], ports: readonly number[]): void {
    for (const ip of ips) delete this.pending.ips[ip]
    for (const port of ports) delete this.pending.ports[String(port)]
  }
}
