import {
  SIM_HEAP_PER_POD_KB,
  simHeapEstimateMb,
  TAB_HEAP_LIMIT_MB,
  TAB_SIM_HEAP_BUDGET_MB,
  tabPodCapacity,
  type ScaleLoad,
} from '../../protocol/scale'

// Kubernetes' limits ("Considerations for large clusters", v1.32 docs): no more than 5,000 nodes
// and 150,000 Pods in all; 30 Pods per node is 150,000 on 5,000 nodes.
export const MAX_SCALE_NODES = 5_000
export const MAX_SCALE_PODS = 150_000
const SCALE_PODS_PER_NODE = 30
// Without scale mode every node and Pod is streamed as a record: a few hundred nodes at most (the
// page shows more than a dozen as the overview, a cell per node); more is scale mode's.
const MAX_RECORD_NODES = 500

/**
 * Settings a deep link may carry: ?seed=7&nodes=3&etcd=5&controlplanes=3&system=0, and scale
 * mode: ?scale=1&nodes=5000&pods=150000. Bad values fall back, with a note why.
 */
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
  /** Scale mode (?scale=1): up to 5,000 nodes, Deployments adding up to `pods` Pods. */
  scale?: ScaleLoad
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
  const seed = int('seed', 1, 0, 2 ** 31 - 1)
  const scale = int('scale', 0, 0, 1) === 1
  const nodes = scale
    ? int('nodes', MAX_SCALE_NODES, 1, MAX_SCALE_NODES)
    : int('nodes', 3, 1, MAX_RECORD_NODES)
  const asked = scale
    ? int('pods', Math.min(MAX_SCALE_PODS, nodes * SCALE_PODS_PER_NODE), 0, MAX_SCALE_PODS)
    : undefined
  const capacity = tabPodCapacity(nodes)
  const pods = asked !== undefined ? Math.min(asked, capacity) : undefined
  if (asked !== undefined && asked > capacity)
    warnings.push(capacityWarning(asked, nodes, capacity))
  if (!scale && params.has('pods'))
    warnings.push(
      `Ignored pods=${params.get('pods') ?? ''}: only scale mode (scale=1) adds Pods by itself.`,
    )
  return {
    seed,
    nodes,
    etcd: int('etcd', 3, 1, 7),
    preVote: int('prevote', 1, 0, 1) === 1,
    checkQuorum: int('checkquorum', 1, 0, 1) === 1,
    controlPlanes: int('controlplanes', 1, 1, 3),
    systemPods: int('system', 1, 0, 1) === 1,
    ...(pods !== undefined ? { scale: { pods } } : {}),
    warnings,
  }
}

/** Why a scale-mode tab runs fewer Pods than the link asked for, and how many it runs. */
function capacityWarning(asked: number, nodes: number, capacity: number): string {
  const n = (value: number) => value.toLocaleString('en')
  const gb = (mb: number) => (mb / 1024).toFixed(1)
  const beforePodsMb = Math.round(simHeapEstimateMb(nodes, 0) / 10) * 10
  const onNodes = `${n(nodes)} ${nodes === 1 ? 'node' : 'nodes'}`
  return (
    `${n(asked)} Pods on ${onNodes} would not fit in this browser tab: it runs ${n(capacity)} Pods. ` +
    `A tab has about ${gb(TAB_HEAP_LIMIT_MB)} GB and running out crashes it, so the simulation stays under ${gb(TAB_SIM_HEAP_BUDGET_MB)} GB: ` +
    `about ${n(beforePodsMb)} MB with ${onNodes} before any Pod, about ${SIM_HEAP_PER_POD_KB} KB for each Pod. ` +
    `The headless simulation (npm run bench) runs all ${n(MAX_SCALE_PODS)}.`
  )
}
