/**
 * `ipvsadm -Ln` on a node in IPVS mode: one virtual server per ClusterIP:port (and per
 * node address for NodePorts), scheduler rr, one real server per ready endpoint with Masq
 * forwarding and weight 1. ipvsadm sorts virtual servers by protocol, address and port, and
 * real servers by address and port. InActConn counts a destination's connections in
 * TIME_WAIT (recent requests, kept 120 s by IPVS).
 * Source: pkg/proxy/ipvs/proxier.go (defaultScheduler "rr", syncService, syncEndpoint) (v1.32);
 * ipvsadm.c print_title, print_service_entry ("  -> %-28s %-7s %-6d %-10u %-10u").
 */
import { ipToNumber } from '../apiserver/services/allocator'
import { usableEndpoints, type NodeNetfilter, type ProgrammedEndpoint } from './netfilter'

// IP_VS_TCP_S_TIME_WAIT: 2 minutes in the kernel's IPVS TCP state table.
export const IPVS_TIME_WAIT_MS = 120_000
const PROTOCOL_NUMBER: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 }

interface VirtualServer {
  protocol: string
  ip: string
  port: number
  key: string
  destinations: ProgrammedEndpoint[]
}

export function virtualServerKey(protocol: string, ip: string, port: number): string {
  return `${protocol}/${ip}:${port}`
}

/** The virtual servers kube-proxy programs on this node. */
export function virtualServers(netfilter: NodeNetfilter, nodeIp: string): VirtualServer[] {
  const servers: VirtualServer[] = []
  for (const ports of Object.values(netfilter.services)) {
    for (const p of ports) {
      const destinations = usableEndpoints(p)
      servers.push({
        protocol: p.protocol,
        ip: p.clusterIP,
        port: p.port,
        key: virtualServerKey(p.protocol, p.clusterIP, p.port),
        destinations,
      })
      if (p.nodePort !== undefined)
        servers.push({
          protocol: p.protocol,
          ip: nodeIp,
          port: p.nodePort,
          key: virtualServerKey(p.protocol, nodeIp, p.nodePort),
          destinations,
        })
    }
  }
  const order = (s: VirtualServer): [number, number, number] => [
    PROTOCOL_NUMBER[s.protocol] ?? 0,
    ipToNumber(s.ip),
    s.port,
  ]
  return servers.sort((a, b) => {
    const [x, y] = [order(a), order(b)]
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
  })
}

/** ipvsadm -Ln. */
export function ipvsadmList(netfilter: NodeNetfilter, nodeIp: string, nowMs: number): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ]
  for (const server of virtualServers(netfilter, nodeIp)) {
    lines.push(`${server.protocol}  ${server.ip}:${server.port} rr`)
    const seen = netfilter.connections?.[server.key] ?? {}
    const destinations = [...server.destinations].sort(
      (a, b) => ipToNumber(a.ip) - ipToNumber(b.ip) || a.port - b.port,
    )
    for (const d of destinations) {
      const address = `${d.ip}:${d.port}`
      const inactive = (seen[address] ?? []).filter((t) => nowMs - t < IPVS_TIME_WAIT_MS).length
      lines.push(
        `  -> ${address.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${'0'.padEnd(10)} ${String(inactive).padEnd(10)}`,
      )
    }
  }
  return lines.join('\n') + '\n'
}
