/**
 * The Service rules in one node's kernel, as kube-proxy last wrote them (iptables-restore, or
 * the IPVS virtual servers). It is one object shared by that node's kube-proxy, which writes
 * it when it syncs, and its container runtime, whose packets follow it. It outlives
 * kube-proxy: stop kube-proxy and the kernel keeps forwarding with the rules it has.
 * Per service port it keeps the Service and the EndpointSlice objects it was computed from
 * (shared, immutable references); rule text is rendered only when someone asks for it.
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'

export type ProxyMode = 'iptables' | 'ipvs'

export interface ProgrammedEndpoint {
  ip: string
  port: number
  nodeName?: string
  pod?: string
  ready: boolean
  serving: boolean
  terminating: boolean
}

/** One service port as programmed: what the rules for it say. */
export interface ProgrammedPort {
  /** "ns/svc:port" (or "ns/svc" for an unnamed port): kube-proxy's ServicePortName. */
  name: string
  namespace: string
  service: string
  protocol: string
  clusterIP: string
  port: number
  nodePort?: number
  /** Every endpoint for this port, sorted by "IP:port" as a string (endpointslicecache). */
  endpoints: ProgrammedEndpoint[]
}

export interface NodeNetfilter {
  mode: ProxyMode
  /** Service key "ns/name" → its ports, as of the last sync. */
  services: Record<string, ProgrammedPort[]>
  syncedAtMs: number
  /** IPVS rr: the index of the destination last chosen, per virtual server. */
  rr: Record<string, number>
  /** Requests each destination took recently (IPVS InActConn), per virtual server. */
  connections?: Record<string, Record<string, number[]>>
}

export function createNetfilter(): NodeNetfilter {
  return { mode: 'iptables', services: {}, syncedAtMs: -1, rr: {} }
}

/** ServicePortName.String(): "ns/name:port", or "ns/name" when the port has no name. */
export function servicePortName(
  namespace: string,
  service: string,
  port: string | undefined,
): string {
  return port ? `${namespace}/${service}:${port}` : `${namespace}/${service}`
}

const memo = new Map<string, ProgrammedPort[]>()

/**
 * The programmed ports of a Service from its slices (pure; identical inputs share the result,
 * so 5,000 nodes that synced the same objects hold one copy).
 */
export function programmedPorts(svc: Service, slices: readonly EndpointSlice[]): ProgrammedPort[] {
  const key = [
    svc.metadata?.uid,
    svc.metadata?.resourceVersion,
    ...slices.map((s) => `${s.metadata?.uid ?? ''}@${s.metadata?.resourceVersion ?? ''}`),
  ].join('|')
  const hit = memo.get(key)
  if (hit) return hit
  const ns = svc.metadata?.namespace ?? 'default'
  const name = svc.metadata?.name ?? ''
  const clusterIP = svc.spec?.clusterIP ?? ''
  const ports: ProgrammedPort[] = []
  // Services without a ClusterIP (headless, ExternalName) get no rules (ShouldSkipService).
  if (clusterIP !== '' && clusterIP !== 'None' && svc.spec?.type !== 'ExternalName') {
    for (const sp of svc.spec?.ports ?? []) {
      const endpoints: ProgrammedEndpoint[] = []
      for (const slice of slices) {
        const port = (slice.ports ?? []).find(
          (p) =>
            (p.name ?? '') === (sp.name ?? '') && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'),
        )
        if (port?.port === undefined) continue
        for (const e of (slice.endpoints as EndpointSlice['endpoints'] | undefined) ?? []) {
          const ip = e.addresses[0]
          if (ip === undefined) continue
          const ready = e.conditions?.ready !== false
          endpoints.push({
            ip,
            port: port.port,
            ...(e.nodeName !== undefined ? { nodeName: e.nodeName } : {}),
            ...(e.targetRef?.name !== undefined ? { pod: e.targetRef.name } : {}),
            ready,
            serving: e.conditions?.serving ?? ready,
            terminating: e.conditions?.terminating ?? false,
          })
        }
      }
      endpoints.sort((a, b) => (`${a.ip}:${a.port}` < `${b.ip}:${b.port}` ? -1 : 1))
      ports.push({
        name: servicePortName(ns, name, sp.name),
        namespace: ns,
        service: name,
        protocol: sp.protocol ?? 'TCP',
        clusterIP,
        port: sp.port,
        ...(sp.nodePort ? { nodePort: sp.nodePort } : {}),
        endpoints,
      })
    }
  }
  if (memo.size > 20_000) memo.clear()
  memo.set(key, ports)
  return ports
}

/**
 * CategorizeEndpoints for Cluster traffic policy: the ready endpoints, or, when none is ready,
 * the serving-and-terminating ones (so a rolling restart does not drop connections).
 * Source: pkg/proxy/topology.go CategorizeEndpoints (v1.32).
 */
export function usableEndpoints(port: ProgrammedPort): ProgrammedEndpoint[] {
  const ready = port.endpoints.filter((e) => e.ready)
  return ready.length > 0 ? ready : port.endpoints.filter((e) => e.serving && e.terminating)
}

/** The programmed port a ClusterIP:port hits, if any. */
export function portForVip(
  netfilter: NodeNetfilter,
  ip: string,
  port: number,
): ProgrammedPort | undefined {
  for (const ports of Object.values(netfilter.services))
    for (const p of ports) if (p.clusterIP === ip && p.port === port) return p
  return undefined
}
