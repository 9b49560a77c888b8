/**
 * The node lifecycle controller: every 5 s it checks each node's last sign of life (status
 * heartbeat or Lease renewal); a node silent for the 50 s grace period gets Ready=Unknown, its
 * pods are marked not ready, NoSchedule taints mirror its conditions at once, and the
 * unreachable / not-ready NoExecute taints follow at --node-eviction-rate per zone.
 * Source: pkg/controller/nodelifecycle/node_lifecycle_controller.go (v1.32).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { simTimeToRfc3339 } from '../../core/time'
import type { KubeObject } from '../../model/objects'
import type { ActorContext } from '../../runtime/actor'
import { callApi } from '../../runtime/api-client'
import { recordBroadcastEvent } from '../../runtime/event-correlator'
import { byIndex } from '../../runtime/informer'
import { tryUpdateNodeHealth } from './node-health'
import { handleDisruption } from './node-disruption'
import {
  SOURCE,
  ensureZone,
  narrate,
  nodeRef,
  type NodeLifecycleHost,
} from './node-lifecycle-state'
import { markNodeAsReachable, processTaintBaseEviction } from './node-tainting'
import { zoneOf } from './node-taints'

export {
  NODE_MONITOR_PERIOD_MS,
  createNodeLifecycleState,
  type NodeLifecycleState,
} from './node-lifecycle-state'
export { noExecuteTaintingPass, onNodeLifecycleChange, onTaintWrite } from './node-tainting'

/** markPodsNotReady: the pods of an unresponsive node stop counting as ready. */
function markPodsNotReady(ctx: ActorContext, host: NodeLifecycleHost, pods: readonly Pod[]): void {
  const now = simTimeToRfc3339(ctx.nowMs)
  for (const pod of pods) {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')
    if (!ready || ready.status === 'False') continue
    const name = pod.metadata?.name ?? ''
    const namespace = pod.metadata?.namespace ?? 'default'
    callApi(
      ctx,
      host.client,
      {
        method: 'PATCH',
        path: `/api/v1/namespaces/${namespace}/pods/${name}/status`,
        body: { status: { conditions: [{ ...ready, status: 'False', lastTransitionTime: now }] } },
        contentType: 'application/strategic-merge-patch+json',
        label: `PATCH pods/${name}/status (Ready=False)`,
        about: { kind: 'Pod', namespace, name },
      },
      { purpose: 'node-pod-status' },
    )
    recordBroadcastEvent(
      ctx,
      host.client,
      host.nodeLifecycle,
      pod as KubeObject,
      'Warning',
      'NodeNotReady',
      'Node is not ready',
      SOURCE,
    )
  }
}

/** monitorNodeHealth: one pass over every node. */
export function monitorNodeHealth(ctx: ActorContext, host: NodeLifecycleHost): void {
  const state = host.nodeLifecycle
  const nodes = [...(host.informers['nodes']?.items.values() ?? [])] as Node[]
  const leases = host.informers['leases']
  const pods = host.informers['pods']
  const seen = new Set<string>()
  const zones: Record<string, (string | undefined)[]> = {}
  for (const node of nodes) {
    const name = node.metadata?.name ?? ''
    seen.add(name)
    ensureZone(host, zoneOf(node), ctx.nowMs)
    if (!state.known[name]) {
      state.known[name] = true
      recordBroadcastEvent(
        ctx,
        host.client,
        host.nodeLifecycle,
        nodeRef(node),
        'Normal',
        'RegisteredNode',
        `Node ${name} event: Registered Node ${name} in Controller`,
        SOURCE,
      )
      markNodeAsReachable(ctx, host, node)
    }
    const lease = leases?.items.get(`kube-node-lease/${name}`) as
      { spec?: { renewTime?: string } } | undefined
    const verdict = tryUpdateNodeHealth(node, state.health[name], lease?.spec?.renewTime, ctx.nowMs)
    state.health[name] = verdict.health
    if (verdict.unknownStatus) {
      const silentFor = Math.round((ctx.nowMs - verdict.health.probeMs) / 1000)
      narrate(
        ctx,
        name,
        `${name} posted no status and renewed no Lease for ${silentFor}s (grace 50s): Ready=Unknown`,
      )
      callApi(
        ctx,
        host.client,
        {
          method: 'PUT',
          path: `/api/v1/nodes/${name}/status`,
          body: { ...node, status: verdict.unknownStatus },
          label: `PUT nodes/${name}/status (Ready=Unknown)`,
          about: { kind: 'Node', name },
        },
        { purpose: 'node-status-unknown' },
      )
    }
    if (node.metadata?.labels?.['node.kubernetes.io/exclude-disruption'] === undefined)
      (zones[zoneOf(node)] ??= []).push(verdict.current?.status)
    const current = verdict.current
    if (!current) continue
    // getPodsAssignedToNode: an indexer read, looked up only when a branch below uses it (a
    // pass over 5,000 healthy nodes then builds no Pod lists).
    const nodePods = () => (pods ? (byIndex(pods, 'nodeName', name) as Pod[]) : [])
    processTaintBaseEviction(ctx, host, node, verdict.observed.status)
    if (current.status !== 'True' && verdict.observed.status === 'True') {
      recordBroadcastEvent(
        ctx,
        host.client,
        host.nodeLifecycle,
        nodeRef(node),
        'Normal',
        'NodeNotReady',
        `Node ${name} status is now: NodeNotReady`,
        SOURCE,
      )
      markPodsNotReady(ctx, host, nodePods())
    } else if (state.nodesToRetry[name] && verdict.observed.status !== 'True') {
      markPodsNotReady(ctx, host, nodePods())
    }
    delete state.nodesToRetry[name]
  }
  for (const name of Object.keys(state.known)) {
    if (seen.has(name)) continue
    delete state.known[name]
    delete state.health[name]
  }
  handleDisruption(ctx, host, zones, nodes)
}
