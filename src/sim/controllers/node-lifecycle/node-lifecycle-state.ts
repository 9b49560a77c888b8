/**
 * The node lifecycle controller's state and constants (see node-lifecycle-controller.ts).
 * Sources (v1.32): cloud-provider config v1alpha1 defaults (NodeMonitorPeriod),
 * pkg/controller/nodelifecycle/scheduler (NodeEvictionPeriod), kube-controller-manager flag
 * defaults (eviction rates, thresholds).
 */
import type { EventBroadcasterOwner } from '../../runtime/event-correlator'
import type { Node } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../model/objects'
import type { ActorContext } from '../../runtime/actor'
import type { ApiClientState } from '../../runtime/api-client'
import type { InformerState } from '../../runtime/informer'
import type { NodeHealth } from './node-health'
import { createRateLimitedQueue, type RateLimitedQueue } from './rate-limited-queue'

// --node-monitor-period 5 s (cloud-provider config v1alpha1 defaults, v1.32).
export const NODE_MONITOR_PERIOD_MS = 5_000
// NodeEvictionPeriod = 100 ms: how often the NoExecute tainting pass runs (scheduler package, v1.32).
export const NODE_EVICTION_PERIOD_MS = 100
// --node-eviction-rate 0.1, --secondary-node-eviction-rate 0.01, --large-cluster-size-threshold 50,
// --unhealthy-zone-threshold 0.55 (kube-controller-manager defaults, v1.32).
export const EVICTION_QPS = 0.1
export const SECONDARY_EVICTION_QPS = 0.01
export const LARGE_CLUSTER_THRESHOLD = 50
export const UNHEALTHY_ZONE_THRESHOLD = 0.55

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption'

export interface NodeLifecycleState extends EventBroadcasterOwner {
  health: Record<string, NodeHealth>
  known: Record<string, true>
  zoneStates: Record<string, ZoneState>
  tainters: Record<string, RateLimitedQueue>
  nodesToRetry: Record<string, true>
  taintLoopArmed: boolean
}

export function createNodeLifecycleState(): NodeLifecycleState {
  return {
    health: {},
    known: {},
    zoneStates: {},
    tainters: {},
    nodesToRetry: {},
    taintLoopArmed: false,
  }
}

export interface NodeLifecycleHost {
  client: ApiClientState
  informers: Record<string, InformerState>
  nodeLifecycle: NodeLifecycleState
}

export const SOURCE = { component: 'node-controller' }
export const nodeRef = (node: Node): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.metadata?.name, uid: node.metadata?.uid },
  }) as KubeObject

export function narrate(ctx: ActorContext, node: string, text: string): void {
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `node controller: ${text}`,
    about: { kind: 'Node', name: node },
  })
}

export function ensureZone(host: NodeLifecycleHost, zone: string, nowMs: number): RateLimitedQueue {
  const state = host.nodeLifecycle
  state.zoneStates[zone] ??= 'Initial'
  return (state.tainters[zone] ??= createRateLimitedQueue(EVICTION_QPS, nowMs))
}
