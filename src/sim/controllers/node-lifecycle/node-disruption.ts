/**
 * Zone disruption: when most of a zone (or every node) looks down, the controller assumes the
 * problem is its own view of the network and slows or stops tainting.
 * Source: pkg/controller/nodelifecycle/node_lifecycle_controller.go (ComputeZoneState,
 * handleDisruption, ReducedQPSFunc, HealthyQPSFunc) (v1.32).
 */
import type { Node } from 'kubernetes-types/core/v1'
import type { ActorContext } from '../../runtime/actor'
import {
  EVICTION_QPS,
  LARGE_CLUSTER_THRESHOLD,
  SECONDARY_EVICTION_QPS,
  UNHEALTHY_ZONE_THRESHOLD,
  ensureZone,
  narrate,
  type NodeLifecycleHost,
  type ZoneState,
} from './node-lifecycle-state'
import { markNodeAsReachable } from './node-tainting'
import { swapLimiter } from './rate-limited-queue'

/** ComputeZoneState. */
function zoneState(statuses: readonly (string | undefined)[]): ZoneState {
  const ready = statuses.filter((s) => s === 'True').length
  const notReady = statuses.length - ready
  if (ready === 0 && notReady > 0) return 'FullDisruption'
  if (notReady > 2 && notReady / statuses.length >= UNHEALTHY_ZONE_THRESHOLD)
    return 'PartialDisruption'
  return 'Normal'
}

function qpsFor(state: ZoneState, zoneSize: number): number {
  if (state === 'PartialDisruption')
    return zoneSize > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_QPS : 0
  return EVICTION_QPS
}

/** handleDisruption: slow or stop tainting when a zone (or the whole cluster) is down. */
export function handleDisruption(
  ctx: ActorContext,
  host: NodeLifecycleHost,
  zones: Record<string, (string | undefined)[]>,
  nodes: Node[],
): void {
  const state = host.nodeLifecycle
  const next: Record<string, ZoneState> = {}
  for (const [zone, statuses] of Object.entries(zones)) next[zone] = zoneState(statuses)
  const allNow =
    Object.values(next).every((s) => s === 'FullDisruption') && Object.keys(next).length > 0
  for (const zone of Object.keys(state.zoneStates))
    if (!(zone in zones)) delete state.zoneStates[zone]
  const allWere = Object.values(state.zoneStates).every((s) => s === 'FullDisruption')
  if (allNow && allWere) return
  if (allNow) {
    narrate(ctx, '', 'every node is not-Ready: entering master disruption mode, no evictions')
    for (const node of nodes) markNodeAsReachable(ctx, host, node)
    for (const zone of Object.keys(state.zoneStates)) {
      swapLimiter(ensureZone(host, zone, ctx.nowMs), 0, ctx.nowMs)
      state.zoneStates[zone] = 'FullDisruption'
    }
    return
  }
  if (allWere && Object.keys(state.zoneStates).length > 0) {
    narrate(ctx, '', 'some nodes are Ready again: exiting master disruption mode')
    for (const node of nodes) {
      const h = state.health[node.metadata?.name ?? '']
      if (h) Object.assign(h, { probeMs: ctx.nowMs, readyTransitionMs: ctx.nowMs })
    }
  }
  for (const [zone, s] of Object.entries(next)) {
    if (state.zoneStates[zone] === s) continue
    swapLimiter(ensureZone(host, zone, ctx.nowMs), qpsFor(s, zones[zone]?.length ?? 0), ctx.nowMs)
    state.zoneStates[zone] = s
  }
}
