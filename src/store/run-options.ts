import type { SimulationOptions } from '../sim/index'

/** The cluster a run was built from: what a shared link, a scenario file or a presenter records. */
export interface RunOptions {
  seed: number
  nodes: number
  etcdMembers: number
  preVote: boolean
  checkQuorum: boolean
  /** Control-plane machines (1, or 2–3 for the HA option), each with its instances. */
  controlPlanes: number
  /** kubeadm's system Pods (static Pods' mirrors, kube-proxy, CoreDNS) and node heartbeats. */
  systemPods: boolean
}

export const DEFAULT_RUN: RunOptions = {
  seed: 1,
  nodes: 3,
  etcdMembers: 3,
  preVote: true,
  checkQuorum: true,
  controlPlanes: 1,
  systemPods: true,
}

/** The simulation options a run's settings stand for (the page's worker and e2e oracles alike). */
export function simulationOptions(run: RunOptions): SimulationOptions {
  return {
    seed: run.seed,
    nodes: run.nodes,
    etcdMembers: run.etcdMembers,
    etcdRaft: { preVote: run.preVote, checkQuorum: run.checkQuorum },
    controlPlanes: run.controlPlanes,
    systemPods: run.systemPods,
  }
}
