/**
 * tryUpdateNodeHealth: when did this node last show a sign of life (a new status heartbeat or a
 * renewed Lease), and has it been silent longer than the grace period? Pure.
 * Source: pkg/controller/nodelifecycle/node_lifecycle_controller.go tryUpdateNodeHealth (v1.32).
 */
import type { Node, NodeCondition } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime, simTimeToRfc3339 } from '../../core/time'
import { sameValue } from '../../model/objects'

// --node-monitor-grace-period 50 s in v1.32 (40 s until 1.31: kubernetes/kubernetes#126287);
// --node-startup-grace-period 60 s (nodelifecycle config v1alpha1 defaults, v1.32).
export const NODE_MONITOR_GRACE_MS = 50_000
export const NODE_STARTUP_GRACE_MS = 60_000

/** What the controller remembers about one node (nodeHealthData). */
export interface NodeHealth {
  probeMs: number
  readyTransitionMs: number
  /** The Ready condition as last observed. */
  ready?: NodeCondition
  /** The Lease's renewTime as last observed. */
  leaseRenewTime?: string
}

export interface HealthVerdict {
  health: NodeHealth
  observed: NodeCondition
  current: NodeCondition | undefined
  /** The node's status with Unknown conditions, to write, when the grace period ran out. */
  unknownStatus?: Node['status']
}

// Indexed, not .find or for-of: the informer's conditions are frozen, and V8 iterates a frozen
// array ~9x slower (every node, every 5 s pass).
function readyOf(node: Node): NodeCondition | undefined {
  const conditions = node.status?.conditions ?? []
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
  for (let i = 0; i < conditions.length; i++)
    if (conditions[i]?.type === 'Ready') return conditions[i]
  return undefined
}

const time = (text: string | undefined): number => rfc3339ToSimTime(text ?? '') ?? 0

// The conditions the controller flips to Unknown (NodeNetworkUnavailable is left alone).
const CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']

export function tryUpdateNodeHealth(
  node: Node,
  saved: NodeHealth | undefined,
  leaseRenewTime: string | undefined,
  nowMs: number,
): HealthVerdict {
  const created = node.metadata?.creationTimestamp ?? ''
  const current = readyOf(node)
  const observed: NodeCondition = current ?? {
    type: 'Ready',
    status: 'Unknown',
    lastHeartbeatTime: created,
    lastTransitionTime: created,
  }
  const grace = current ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS
  let health: NodeHealth
  if (!current) {
    health = saved ? { ...saved } : { probeMs: time(created), readyTransitionMs: time(created) }
    delete health.ready
  } else if (!saved?.ready) {
    health = { probeMs: nowMs, readyTransitionMs: nowMs, ready: current }
    if (saved?.leaseRenewTime !== undefined) health.leaseRenewTime = saved.leaseRenewTime
  } else if (saved.ready.lastHeartbeatTime !== current.lastHeartbeatTime) {
    const transitioned = saved.ready.lastTransitionTime !== current.lastTransitionTime
    health = {
      ...saved,
      probeMs: nowMs,
      readyTransitionMs: transitioned ? nowMs : saved.readyTransitionMs,
      ready: current,
    }
  } else {
    // The same condition object: the Node has not changed since the last pass, nor its record.
    health = saved.ready === current ? saved : { ...saved, ready: current }
  }
  // Always update the probe time if the node Lease was renewed.
  if (
    leaseRenewTime !== undefined &&
    (health.leaseRenewTime === undefined ||
      // The same text is the same instant: parse only a Lease renewed since (every other pass).
      (health.leaseRenewTime !== leaseRenewTime &&
        time(health.leaseRenewTime) < time(leaseRenewTime)))
  ) {
    health = { ...health, leaseRenewTime, probeMs: nowMs }
  }
  if (nowMs <= health.probeMs + grace) return { health, observed, current }
  const now = simTimeToRfc3339(nowMs)
  const conditions = [...(node.status?.conditions ?? [])].map((c) =>
    CONDITION_TYPES.includes(c.type) && c.status !== 'Unknown'
      ? {
          ...c,
          status: 'Unknown',
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
          lastTransitionTime: now,
        }
      : c,
  )
  for (const type of CONDITION_TYPES) {
    if (conditions.some((c) => c.type === type)) continue
    conditions.push({
      type,
      status: 'Unknown',
      reason: 'NodeStatusNeverUpdated',
      message: 'Kubelet never posted node status.',
      lastHeartbeatTime: created,
      lastTransitionTime: now,
    })
  }
  const next = conditions.find((c) => c.type === 'Ready')
  if (sameValue(next, observed)) return { health, observed, current }
  return {
    health: { ...health, readyTransitionMs: nowMs, ...(next ? { ready: next } : {}) },
    observed,
    current: next,
    unknownStatus: { ...node.status, conditions },
  }
}
