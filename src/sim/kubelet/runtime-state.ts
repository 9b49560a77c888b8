import type { ActorBase } from '../runtime/actor'
import type { ContainerConfig } from '../runtime/workload-messages'
import type { NodeNetfilter } from '../kube-proxy/netfilter'
import { programFor } from './programs/program-for'
import type { ContainerProgram } from './programs/timeline'
import type { ContainerFault } from './container-faults'

/** A line a container wrote that its program does not predict (an access log entry). */
export interface LogLine {
  /** Virtual time it was written. */
  atMs: number
  stream: 'stdout' | 'stderr'
  text: string
}

export interface ContainerRecord {
  /** Creation order on this node (ids are random-looking). */
  seq: number
  podUid: string
  name: string
  image: string
  state: 'created' | 'running' | 'exited'
  config?: ContainerConfig
  startedAtMs?: number
  finishedAtMs?: number
  exitCode?: number
  /** Access-log lines and the like, newest last, bounded (EXTRA_LINES_KEPT). */
  extraLines?: LogLine[]
}

/** A Pod's sandbox: its network namespace's IP and the Pod it is for (PodSandboxConfig). */
export interface Sandbox {
  ip: string
  name?: string
  namespace?: string
  /** The Pod's spec.hostname, when it sets one other than its name. */
  hostname?: string
}

/** A followed log (`kubectl logs -f`): what has been sent so far. */
export interface LogFollower {
  containerId: string
  kubelet: string
  sentUntilMs: number
  /** When the pending follow timer is due. */
  wakeAtMs?: number
}

/**
 * containerd behind the CRI, plus the node's data plane: sandboxes (pause container + CNI
 * networking), an image store per node, containers and their processes, log files, and the
 * Service rules kube-proxy writes into the node's kernel (see kube-proxy/netfilter.ts).
 */
export interface ContainerRuntimeState extends ActorBase {
  kind: 'container-runtime'
  /** Image reference → size in bytes, for images present on this node. */
  images: Record<string, number>
  sandboxes: Record<string, Sandbox>
  containers: Record<string, ContainerRecord>
  nextContainer: number
  nextIpSuffix: number
  /** Pod CIDR third octet: pods on node-2 get 10.244.2.x (kube-controller-manager --allocate-node-cidrs). */
  podCidrOctet: number
  /** Followed logs by stream id. */
  followers?: Record<number, LogFollower>
  /** The node kernel's Service rules (written by this node's kube-proxy). */
  netfilter?: NodeNetfilter
  /** Client requests in flight, by request id (traffic runs from Pods on this node). */
  traffic?: Record<number, TrafficRequest>
  nextTrafficId?: number
  /** Faults the failure panel injected, by "namespace/pod/container" (container-faults.ts). */
  containerFaults?: Record<string, ContainerFault>
}

/** One client request in flight on the data path. */
export interface TrafficRequest {
  runId: string
  seq: number
  endpoint: string
  node?: string
  sentAtMs: number
}

// Access-log lines kept per container: the newest ones, as a rotated log file would keep them.
export const EXTRA_LINES_KEPT = 500

export function createContainerRuntimeState(
  id: string,
  host: string,
  rng: ActorBase['rng'],
  podCidrOctet: number,
): ContainerRuntimeState {
  return {
    id,
    kind: 'container-runtime',
    host,
    running: false,
    rng,
    images: { 'registry.k8s.io/pause:3.10': 321_520 },
    sandboxes: {},
    containers: {},
    nextContainer: 1,
    nextIpSuffix: 2,
    podCidrOctet,
  }
}

/** The hostname a Pod's containers see: its sandbox's (the Pod's spec.hostname, else its name). */
export function hostnameOf(state: ContainerRuntimeState, podUid: string): string | undefined {
  const sandbox = state.sandboxes[podUid]
  return sandbox?.hostname ?? sandbox?.name
}

/** The process a container record runs (pure; recomputed, never stored). */
export function programOf(state: ContainerRuntimeState, record: ContainerRecord): ContainerProgram {
  const config = record.config
  return programFor({
    image: record.image,
    command: config?.command,
    args: config?.args,
    env: config?.env ?? {},
    hostname: hostnameOf(state, record.podUid) ?? record.name,
    podIp: state.sandboxes[record.podUid]?.ip ?? '',
    cpus: config?.cpus ?? 1,
    containerPorts: config?.ports ?? [],
  })
}

/** The newest container (and the one before) of one Pod container, by start order. */
export function containersOf(
  state: ContainerRuntimeState,
  podUid: string,
  name: string,
): [string, ContainerRecord][] {
  return Object.entries(state.containers)
    .filter(([, c]) => c.podUid === podUid && c.name === name)
    .sort(([, a], [, b]) => b.seq - a.seq)
}

export function appendLine(record: ContainerRecord, line: LogLine): void {
  const lines = (record.extraLines ??= [])
  lines.push(line)
  if (lines.length > EXTRA_LINES_KEPT) lines.splice(0, lines.length - EXTRA_LINES_KEPT)
}
