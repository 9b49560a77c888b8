/**
 * What an SRE would see on one node: the kernel's Service rules as `iptables-save` and
 * `ipvsadm -Ln` print them, plus which kube-proxy mode wrote them and when. Rendered on
 * demand from the node's netfilter (nothing is stored as text).
 */
import { iptablesSaveFilter, iptablesSaveNat, iptablesSaveNatIpvs } from './iptables-save'
import { ipvsadmList } from './ipvsadm'
import type { KubeProxyState } from './kube-proxy'
import type { ProxyMode } from './netfilter'

export interface NodeRulesView {
  node: string
  /** The mode the rules were written in (what the kernel has, not what is configured). */
  mode: ProxyMode
  /** The mode kube-proxy is configured with (they differ until it restarts and syncs). */
  configuredMode: ProxyMode
  /** Virtual time of kube-proxy's last write; -1 before the first. */
  syncedAtMs: number
  kubeProxyRunning: boolean
  /** `iptables-save -t nat` / `-t filter`, `ipvsadm -Ln` (empty in iptables mode). */
  nat: string
  filter: string
  ipvs: string
  /** Each programmed Service port and its endpoints, for a table view. */
  services: {
    name: string
    clusterIP: string
    port: number
    protocol: string
    nodePort?: number
    endpoints: { address: string; pod?: string; node?: string; ready: boolean }[]
  }[]
}

export function nodeRulesView(proxy: KubeProxyState, nodeIp: string, nowMs: number): NodeRulesView {
  const nf = proxy.netfilter
  const ipvs = nf.mode === 'ipvs'
  return {
    node: proxy.nodeName,
    mode: nf.mode,
    configuredMode: proxy.mode,
    syncedAtMs: nf.syncedAtMs,
    kubeProxyRunning: proxy.running,
    nat: ipvs ? iptablesSaveNatIpvs(nf, nowMs) : iptablesSaveNat(nf, nowMs),
    filter: iptablesSaveFilter(nf, nowMs),
    ipvs: ipvs ? ipvsadmList(nf, nodeIp, nowMs) : '',
    services: Object.values(nf.services)
      .flat()
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((p) => ({
        name: p.name,
        clusterIP: p.clusterIP,
        port: p.port,
        protocol: p.protocol,
        ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
        endpoints: p.endpoints.map((e) => ({
          address: `${e.ip}:${e.port}`,
          ...(e.pod !== undefined ? { pod: e.pod } : {}),
          ...(e.nodeName !== undefined ? { node: e.nodeName } : {}),
          ready: e.ready,
        })),
      })),
  }
}

/** One node's rules from the cluster's actors; undefined for a node without kube-proxy. */
export function nodeRulesOf(
  actors: Readonly<Record<string, { kind: string } | undefined>>,
  node: string,
  nowMs: number,
): NodeRulesView | undefined {
  const proxy = actors[`kube-proxy/${node}`]
  const kubelet = actors[`kubelet/${node}`] as { kind: string; internalIp?: string } | undefined
  if (proxy?.kind !== 'kube-proxy') return undefined
  return nodeRulesView(proxy as KubeProxyState, kubelet?.internalIp ?? '', nowMs)
}
