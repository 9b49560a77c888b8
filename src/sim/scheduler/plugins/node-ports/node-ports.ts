/**
 * NodePorts: the pod's host ports must be free on the node. 0.0.0.0 conflicts with every IP on
 * the same protocol and port.
 * Source: pkg/scheduler/framework/plugins/nodeports/node_ports.go and
 * HostPortInfo.CheckConflict, pkg/scheduler/framework/types.go (v1.32)
 */
import type { FilterPlugin, PreFilterPlugin } from '../../framework/interface'
import { readState, writeState } from '../../framework/cycle-state'
import { Names } from '../../framework/names'
import {
  DEFAULT_BIND_ALL_HOST_IP,
  newPodInfo,
  type HostPort,
  type NodeInfo,
} from '../../framework/node-info'
import { Code, SUCCESS, newStatus } from '../../framework/status'

// ErrReason: node_ports.go (v1.32)
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports"
const PRE_FILTER_STATE_KEY = 'PreFilter' + Names.NodePorts

/** HostPortInfo.CheckConflict (types.go v1.32). */
export function checkConflict(used: NodeInfo['usedPorts'], p: HostPort): boolean {
  if (p.port <= 0) return false
  const key = `${p.protocol}/${p.port}`
  if (p.hostIp === DEFAULT_BIND_ALL_HOST_IP) {
    return Object.values(used).some((m) => (m[key] ?? 0) > 0)
  }
  return [DEFAULT_BIND_ALL_HOST_IP, p.hostIp].some((ip) => (used[ip]?.[key] ?? 0) > 0)
}

export const nodePorts = {
  name: Names.NodePorts,
  preFilter(state, pod) {
    const ports = newPodInfo(pod).hostPorts
    // No host ports: Skip, so Filter does not run (node_ports.go v1.32).
    if (ports.length === 0) return { status: newStatus(Code.Skip) }
    writeState(state, PRE_FILTER_STATE_KEY, ports)
    return { status: SUCCESS }
  },
  filter(state, pod, nodeInfo) {
    const ports = readState<HostPort[]>(state, PRE_FILTER_STATE_KEY) ?? newPodInfo(pod).hostPorts
    const conflict = ports.some((p) => checkConflict(nodeInfo.usedPorts, p))
    return conflict ? newStatus(Code.Unschedulable, ERR_REASON) : SUCCESS
  },
} satisfies PreFilterPlugin & FilterPlugin
