/** Settings a deep link may carry: ?seed=7&nodes=3&etcd=5&controlplanes=3&system=0. Bad values fall back, with a note why. */
export interface UrlOptions {
  seed: number
  nodes: number
  /** etcd members, 1–7 (even counts allowed: a lesson shows they tolerate no more failures). */
  etcd: number
  /** Raft switches a lesson can turn off (?prevote=0, ?checkquorum=0); etcd has both on. */
  preVote: boolean
  checkQuorum: boolean
  /** Control-plane machines, 1–3 (?controlplanes=3: HA behind a load balancer). */
  controlPlanes: number
  /** kubeadm's system Pods: static control-plane Pods, kube-proxy, CoreDNS (?system=0 to hide). */
  systemPods: boolean
  warnings: string[]
}

export function parseUrlOptions(search: string): UrlOptions {
  const params = new URLSearchParams(search)
  const warnings: string[] = []
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = params.get(name)
    if (raw === null) return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      warnings.push(
        `Ignored ${name}=${raw}: expected a whole number from ${min} to ${max}; using ${fallback}.`,
      )
      return fallback
    }
    return value
  }
  return {
    seed: int('seed', 1, 0, 2 ** 31 - 1),
    nodes: int('nodes', 3, 1, 12),
    etcd: int('etcd', 3, 1, 7),
    preVote: int('prevote', 1, 0, 1) === 1,
    checkQuorum: int('checkquorum', 1, 0, 1) === 1,
    controlPlanes: int('controlplanes', 1, 1, 3),
    systemPods: int('system', 1, 0, 1) === 1,
    warnings,
  }
}
