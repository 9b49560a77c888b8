import type { Node } from 'kubernetes-types/core/v1'
import { simTimeToRfc3339 } from '../core/time'
import { parseValue } from '../model/quantity'
import type { KubeletState, NodeResources } from './state'

// Versions this simulated cluster reports (the kubectl we target is v1.32).
export const KUBELET_VERSION = 'v1.32.0'
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24'
// --eviction-hard memory.available<100Mi is reserved from allocatable.
// Source: DefaultEvictionHard, pkg/kubelet/apis/config/v1beta1/defaults_linux.go (v1.32)
const EVICTION_HARD_MEMORY_KI = 102_400

const NODE_INFO = {
  kubeletVersion: KUBELET_VERSION,
  kubeProxyVersion: KUBELET_VERSION,
  containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.1.0-28-amd64',
  operatingSystem: 'linux',
  architecture: 'amd64',
  machineID: '',
  systemUUID: '',
  bootID: '',
}

/** status.capacity and status.allocatable for the machine's resources (setters.go MachineInfo). */
export function nodeResourceStatus(resources: NodeResources): {
  capacity: Record<string, string>
  allocatable: Record<string, string>
} {
  const memoryKi = Math.floor(parseValue(resources.memory) / 1024)
  return {
    capacity: { cpu: resources.cpu, memory: `${memoryKi}Ki`, pods: String(resources.pods) },
    allocatable: {
      cpu: resources.cpu,
      memory: `${Math.max(0, memoryKi - EVICTION_HARD_MEMORY_KI)}Ki`,
      pods: String(resources.pods),
    },
  }
}

/** The Node object a kubelet registers (kubelet_node_status.go initialNode + setters). */
export function initialNode(state: KubeletState, nowMs: number): Node {
  const now = simTimeToRfc3339(nowMs)
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  })
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: state.nodeName,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': state.nodeName,
        'kubernetes.io/os': 'linux',
        ...(state.controlPlane === true
          ? {
              'node-role.kubernetes.io/control-plane': '',
              'node.kubernetes.io/exclude-from-external-load-balancers': '',
            }
          : {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${state.podCidrOctet}.0/24`,
      podCIDRs: [`10.244.${state.podCidrOctet}.0/24`],
      // kubeadm's mark-control-plane phase (cmd/kubeadm/app/phases/markcontrolplane, v1.32).
      ...(state.controlPlane === true
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      ...nodeResourceStatus(state.resources),
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: state.internalIp },
        { type: 'Hostname', address: state.nodeName },
      ],
      nodeInfo: NODE_INFO,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  }
}
