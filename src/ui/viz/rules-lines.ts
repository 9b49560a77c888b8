/** One line of rule text, marked when it belongs to the Service the view follows. */
export interface RuleLine {
  text: string
  mine: boolean
}

/**
 * Marks the lines of `iptables-save` / `ipvsadm -Ln` output that concern one Service: its
 * comments name it ("default/web…"), its chains come from those lines, and in ipvsadm its
 * virtual server (ClusterIP:port) and the real servers under it.
 */
export function markServiceLines(
  text: string,
  service: string | undefined,
  clusterIP: string | undefined,
): RuleLine[] {
  const lines = text.replace(/\n$/, '').split('\n')
  if (!service) return lines.map((t) => ({ text: t, mine: false }))
  const chains = new Set<string>()
  const named = (t: string) =>
    t.includes(`"${service}`) || t.includes(`"masquerade traffic for ${service}`)
  for (const t of lines) {
    if (!named(t)) continue
    for (const m of t.matchAll(/KUBE-(?:SVC|SEP|EXT)-[A-Z2-7]{16}/g)) chains.add(m[0])
  }
  let inServer = false
  return lines.map((t) => {
    if (/^(TCP|UDP|SCTP) {2}/.test(t))
      inServer = clusterIP !== undefined && t.includes(` ${clusterIP}:`)
    const isDestination = t.startsWith('  -> ') && !t.startsWith('  -> RemoteAddress')
    const mine =
      named(t) ||
      [...chains].some((c) => t.startsWith(`:${c} `) || t.startsWith(`-A ${c} `)) ||
      (inServer && (isDestination || /^(TCP|UDP|SCTP) {2}/.test(t)))
    return { text: t, mine }
  })
}

/** The line above the rules: which mode wrote them, when, and whether kube-proxy is still there. */
export function rulesStatus(
  rules:
    | {
        mode: 'iptables' | 'ipvs'
        configuredMode: 'iptables' | 'ipvs'
        syncedAtMs: number
        kubeProxyRunning: boolean
      }
    | undefined,
): string {
  if (!rules) return 'Waiting for the node’s rules…'
  const parts = [
    `${rules.mode === 'ipvs' ? 'IPVS' : 'iptables'} mode`,
    rules.syncedAtMs < 0
      ? 'not written yet'
      : `written by kube-proxy at t=${(rules.syncedAtMs / 1000).toFixed(1)} s`,
  ]
  if (!rules.kubeProxyRunning)
    parts.push('kube-proxy is stopped: the kernel keeps these rules and nothing updates them')
  if (rules.configuredMode !== rules.mode) parts.push(`switching to ${rules.configuredMode}`)
  return parts.join(' · ')
}
