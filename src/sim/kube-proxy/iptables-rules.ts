/**
 * One iptables rule as iptables-save prints it back from the kernel: -s, -d, -p, then the
 * matches, then the target; comments quoted by xtables_save_string; the statistic
 * probability as stored (lround(p × 2³¹) / 2³¹, printed %.11f). And the rules kube-proxy
 * writes for one service port (KUBE-SERVICES, KUBE-SVC-, KUBE-SEP-, KUBE-EXT-, NodePorts, and
 * the filter REJECT for a Service without endpoints).
 * Source: pkg/proxy/iptables/proxier.go syncProxyRules, writeServiceToEndpointRules,
 * computeProbability (v1.32); iptables 1.8 libxt_statistic.c, libxt_comment.c, xtables_save_string.
 */
import { endpointChain, externalChain, serviceChain } from './chain-names'
import { usableEndpoints, type ProgrammedEndpoint, type ProgrammedPort } from './netfilter'

// kubeadm's default Pod subnet: kube-proxy's clusterCIDR for detect-local (ClusterCIDR mode).
export const CLUSTER_CIDR = '10.244.0.0/16'
export const MARK = '0x4000/0x4000'

export interface Rule {
  chain: string
  src?: string
  notSrc?: string
  dst?: string
  proto?: string
  matches: string[]
  target: string
}

/** xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted. */
function saveString(text: string): string {
  return /^[A-Za-z0-9_-]+$/.test(text) ? text : `"${text.replace(/(["\\])/g, '\\$1')}"`
}

export const comment = (text: string): string => `-m comment --comment ${saveString(text)}`
const host = (ip: string): string => (ip.includes('/') ? ip : `${ip}/32`)

export function renderRule(r: Rule): string {
  const parts = [`-A ${r.chain}`]
  if (r.notSrc !== undefined) parts.push(`! -s ${host(r.notSrc)}`)
  if (r.src !== undefined) parts.push(`-s ${host(r.src)}`)
  if (r.dst !== undefined) parts.push(`-d ${host(r.dst)}`)
  if (r.proto !== undefined) parts.push(`-p ${r.proto}`)
  parts.push(...r.matches, `-j ${r.target}`)
  return parts.join(' ')
}

/** The probability kube-proxy writes for 1/n (%0.10f), as iptables-save prints it back. */
export function savedProbability(n: number): string {
  const written = Number((1 / n).toFixed(10))
  return (Math.round(written * 0x80000000) / 0x80000000).toFixed(11)
}

/** The text kube-proxy itself writes for 1/n: computeProbability. */
export const writtenProbability = (n: number): string => (1 / n).toFixed(10)

/** A Service without usable endpoints: the filter table REJECTs its ClusterIP (and NodePort). */
function rejectRules(p: ProgrammedPort, proto: string, filter: Rule[]): void {
  const reject = 'REJECT --reject-with icmp-port-unreachable'
  const why = comment(`${p.name} has no endpoints`)
  filter.push({
    chain: 'KUBE-SERVICES',
    dst: p.clusterIP,
    proto,
    matches: [why, `-m ${proto} --dport ${p.port}`],
    target: reject,
  })
  if (p.nodePort !== undefined)
    filter.push({
      chain: 'KUBE-EXTERNAL-SERVICES',
      proto,
      matches: [why, '-m addrtype --dst-type LOCAL', `-m ${proto} --dport ${p.nodePort}`],
      target: reject,
    })
}

/** NodePort: KUBE-NODEPORTS (localhost counted by nfacct) → KUBE-EXT- → masquerade → KUBE-SVC-. */
function nodePortRules(
  p: ProgrammedPort,
  proto: string,
  svcChain: string,
  rules: Rule[],
  chains: Set<string>,
): void {
  if (p.nodePort === undefined) return
  const ext = externalChain(p.name, p.protocol)
  chains.add(ext)
  const nodePort = `-m ${proto} --dport ${p.nodePort}`
  const localhost = '-m nfacct --nfacct-name  localhost_nps_accepted_pkts'
  rules.push({
    chain: 'KUBE-NODEPORTS',
    dst: '127.0.0.0/8',
    proto,
    matches: [comment(p.name), nodePort, localhost],
    target: ext,
  })
  rules.push({ chain: 'KUBE-NODEPORTS', proto, matches: [comment(p.name), nodePort], target: ext })
  rules.push({
    chain: ext,
    matches: [comment(`masquerade traffic for ${p.name} external destinations`)],
    target: 'KUBE-MARK-MASQ',
  })
  rules.push({ chain: ext, matches: [], target: svcChain })
}

/** KUBE-SVC- → KUBE-SEP- per endpoint: probability 1/(n−i) for all but the last, then DNAT. */
function endpointRules(
  p: ProgrammedPort,
  proto: string,
  svcChain: string,
  endpoints: readonly ProgrammedEndpoint[],
  rules: Rule[],
  chains: Set<string>,
): void {
  endpoints.forEach((e, i) => {
    const ep = `${e.ip}:${e.port}`
    const sep = endpointChain(p.name, p.protocol, ep)
    chains.add(sep)
    const statistic =
      i < endpoints.length - 1
        ? [`-m statistic --mode random --probability ${savedProbability(endpoints.length - i)}`]
        : []
    rules.push({
      chain: svcChain,
      matches: [comment(`${p.name} -> ${ep}`), ...statistic],
      target: sep,
    })
    rules.push({ chain: sep, src: e.ip, matches: [comment(p.name)], target: 'KUBE-MARK-MASQ' })
    rules.push({
      chain: sep,
      proto,
      matches: [comment(p.name), `-m ${proto}`],
      target: `DNAT --to-destination ${ep}`,
    })
  })
}

/** Everything kube-proxy writes for one service port (nat rules, or filter REJECTs). */
export function servicePortRules(
  p: ProgrammedPort,
  rules: Rule[],
  chains: Set<string>,
  filter: Rule[],
): void {
  const proto = p.protocol.toLowerCase()
  const endpoints = usableEndpoints(p)
  if (endpoints.length === 0) return rejectRules(p, proto, filter)
  const svcChain = serviceChain(p.name, p.protocol)
  const dport = `-m ${proto} --dport ${p.port}`
  chains.add(svcChain)
  rules.push({
    chain: 'KUBE-SERVICES',
    dst: p.clusterIP,
    proto,
    matches: [comment(`${p.name} cluster IP`), dport],
    target: svcChain,
  })
  rules.push({
    chain: svcChain,
    notSrc: CLUSTER_CIDR,
    dst: p.clusterIP,
    proto,
    matches: [comment(`${p.name} cluster IP`), dport],
    target: 'KUBE-MARK-MASQ',
  })
  nodePortRules(p, proto, svcChain, rules, chains)
  endpointRules(p, proto, svcChain, endpoints, rules, chains)
}
