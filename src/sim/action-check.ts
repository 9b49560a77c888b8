import type { SimAction } from './actions'
import type { AnyActor } from './cluster'
import type { KernelState } from './runtime/kernel'
import { findPodWorker } from './kubelet/container-faults'

type Kernel = KernelState<AnyActor>

/**
 * Why an action cannot apply to this cluster now, or undefined when it can. An action from a
 * shared link, a scenario file or a lesson may name a component this cluster does not have
 * (etcd-5 in a 3-member cluster, node-9 with 3 nodes): it is refused with this reason instead of
 * silently doing nothing, so a scenario that does not fit its cluster is never half-replayed.
 */
export function rejectReason(kernel: Kernel, action: SimAction): string | undefined {
  const component = (id: string): string | undefined =>
    kernel.actors[id] ? undefined : `there is no component "${id}" in this cluster`
  const etcdMember = (id: string): string | undefined =>
    kernel.actors[id]?.kind === 'etcd' ? undefined : `there is no etcd member "${id}"`
  const named = (names: readonly string[]): string | undefined => {
    const known = new Set(Object.values(kernel.actors).flatMap((a) => [a.id, a.host]))
    const unknown = names.filter((n) => !known.has(n))
    if (names.length === 0) return 'a side of the partition is empty'
    return unknown.length > 0 ? `no component or machine is named ${unknown.join(', ')}` : undefined
  }
  switch (action.type) {
    case 'runKubectl':
      return action.command.trim() === '' ? 'the kubectl command is empty' : undefined
    case 'apiRequest':
      return action.path.startsWith('/') ? undefined : `the path "${action.path}" is not absolute`
    case 'closeApiWatch':
      return action.requestId === '' ? 'the watch to close has no request id' : undefined
    case 'stopComponent':
    case 'startComponent':
    case 'restartComponent':
      return component(action.id)
    case 'wipeEtcdMember':
    case 'removeEtcdMember':
    case 'raftTimeoutNow':
      return etcdMember(action.id)
    case 'setDiskLatency':
      if (!Number.isFinite(action.fsyncMs) || action.fsyncMs < 0)
        return `fsync latency ${action.fsyncMs} ms is not a duration`
      return etcdMember(action.id)
    case 'partition':
    case 'healPartition':
      return named(action.sides[0]) ?? named(action.sides[1])
    case 'setLinkLoss':
      if (!(action.fraction >= 0 && action.fraction <= 1))
        return `loss ${action.fraction} is not a fraction from 0 to 1`
      return named([action.a]) ?? named([action.b])
    case 'setNodeCapacity':
      return component(`kubelet/${action.node}`)
    case 'stopNode':
    case 'startNode':
      return Object.values(kernel.actors).some(
        (a) => a.kind === 'kubelet' && a.host === action.node,
      )
        ? undefined
        : `there is no node "${action.node}" in this cluster`
    case 'breakContainer':
      return containerProblem(kernel, action.pod, action.container)
    case 'fixContainer':
      return /^[^/]+\/[^/]+$/.test(action.pod) ? undefined : `"${action.pod}" is not namespace/name`
    case 'dropMessage':
      return Number.isInteger(action.id) && action.id >= 0
        ? undefined
        : `message id ${action.id} is not a trace id`
    case 'stampede':
      if (!Number.isInteger(action.requests) || action.requests < 1 || action.requests > 5000)
        return `${action.requests} is not a number of clients (1 to 5000)`
      if (
        action.chunkSize !== undefined &&
        !(Number.isInteger(action.chunkSize) && action.chunkSize >= 0)
      )
        return `${action.chunkSize} is not a chunk size`
      return undefined
    case 'sendTraffic':
      if (!Number.isInteger(action.count) || action.count < 1)
        return `${action.count} is not a number of requests`
      return undefined
    case 'heal':
    case 'healAll':
    case 'addEtcdMember':
    case 'interruptKubectl':
    case 'setKubeProxyMode':
    case 'writeEncryptionConfig':
      return undefined
  }
}

/** Why a container fault cannot be injected: the Pod runs on no node, or has no such container. */
function containerProblem(kernel: Kernel, pod: string, container: string): string | undefined {
  const found = findPodWorker(kernel, pod)
  if (!found) return `no node runs a Pod "${pod}"`
  return found.worker.containers.some((c) => c.name === container)
    ? undefined
    : `Pod "${pod}" has no container "${container}"`
}
