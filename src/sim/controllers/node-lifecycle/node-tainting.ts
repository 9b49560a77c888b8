/**
 * The node lifecycle controller's taints: NoSchedule taints that follow a node's conditions at
 * once, and NoExecute taints queued per zone and added at the zone's eviction rate.
 * Source: pkg/controller/nodelifecycle/node_lifecycle_controller.go (doNoScheduleTaintingPass,
 * doNoExecuteTaintingPass, processTaintBaseEviction, markNodeForTainting, markNodeAsReachable) and
 * pkg/controller/util/node/controller_utils.go (SwapNodeControllerTaint) (v1.32).
 */
import type { Node, Taint } from 'kubernetes-types/core/v1'
import { simTimeToRfc3339 } from '../../core/time'
import type { ActorContext } from '../../runtime/actor'
import { callApi } from '../../runtime/api-client'
import type { InformerChange } from '../../runtime/informer'
import {
  NODE_EVICTION_PERIOD_MS,
  ensureZone,
  narrate,
  type NodeLifecycleHost,
} from './node-lifecycle-state'
import {
  hasTaint,
  noScheduleTaintDiff,
  notReadyNoExecute,
  swapTaints,
  unreachableNoExecute,
  zoneOf,
} from './node-taints'
import { addValue, removeValue, tryQueue } from './rate-limited-queue'

/**
 * PATCH the node's whole taint list (taints have no merge key), with its resourceVersion as a
 * precondition so two writers from stale caches get a 409 instead of undoing each other
 * (controller.PatchNodeTaints, pkg/controller/controller_utils.go, v1.32).
 */
function patchTaints(
  ctx: ActorContext,
  host: NodeLifecycleHost,
  node: Node,
  add: Taint[],
  remove: Taint[],
): boolean {
  const taints = swapTaints(node, add, remove, simTimeToRfc3339(ctx.nowMs))
  if (!taints) return false
  const name = node.metadata?.name ?? ''
  const what = [
    ...add.map((t) => `+${t.key}:${t.effect}`),
    ...remove.map((t) => `-${t.key}:${t.effect}`),
  ].join(' ')
  callApi(
    ctx,
    host.client,
    {
      method: 'PATCH',
      path: `/api/v1/nodes/${name}`,
      // An empty list is omitted from the stored Node (omitempty), so send null to clear it.
      body: {
        metadata: { resourceVersion: node.metadata?.resourceVersion },
        spec: { taints: taints.length > 0 ? taints : null },
      },
      contentType: 'application/strategic-merge-patch+json',
      label: `PATCH nodes/${name} (taints ${what})`,
      about: { kind: 'Node', name },
    },
    {
      purpose: 'node-taint',
      data: { node: name, noExecute: add.some((t) => t.effect === 'NoExecute') },
    },
  )
  return true
}

/**
 * A taint write answered. On a conflict the NoSchedule pass runs again on the node's next event;
 * a NoExecute taint goes back into its zone's queue so the next monitor pass retries it.
 */
export function onTaintWrite(
  host: NodeLifecycleHost,
  data: { node: string; noExecute: boolean },
  code: number,
): void {
  if (code >= 200 && code < 300) return
  if (!data.noExecute) return
  for (const queue of Object.values(host.nodeLifecycle.tainters)) removeValue(queue, data.node)
}

/** Node events: the NoSchedule taints follow the conditions (and cordon) at once. */
export function onNodeLifecycleChange(
  ctx: ActorContext,
  host: NodeLifecycleHost,
  informer: string,
  change: InformerChange,
): void {
  if (informer !== 'nodes' || change.type === 'DELETED') return
  const node = change.object as Node
  const { add, remove } = noScheduleTaintDiff(node)
  if (add.length > 0 || remove.length > 0) patchTaints(ctx, host, node, add, remove)
}

export function markNodeAsReachable(ctx: ActorContext, host: NodeLifecycleHost, node: Node): void {
  // Most nodes carry neither taint: no list is built for them (every healthy node, every pass).
  const notReady = hasTaint(node, notReadyNoExecute.key, 'NoExecute')
  const unreachable = hasTaint(node, unreachableNoExecute.key, 'NoExecute')
  if (notReady || unreachable) {
    const removed = [
      ...(notReady ? [notReadyNoExecute] : []),
      ...(unreachable ? [unreachableNoExecute] : []),
    ]
    patchTaints(ctx, host, node, [], removed)
    narrate(
      ctx,
      node.metadata?.name ?? '',
      `${node.metadata?.name ?? ''} is Ready again; removing its NoExecute taints`,
    )
  }
  removeValue(ensureZone(host, zoneOf(node), ctx.nowMs), node.metadata?.name ?? '')
}

function markNodeForTainting(
  ctx: ActorContext,
  host: NodeLifecycleHost,
  node: Node,
  status: string,
): void {
  const queue = ensureZone(host, zoneOf(node), ctx.nowMs)
  const name = node.metadata?.name ?? ''
  if (status === 'False' && !hasTaint(node, notReadyNoExecute.key, 'NoExecute'))
    removeValue(queue, name)
  if (status === 'Unknown' && !hasTaint(node, unreachableNoExecute.key, 'NoExecute'))
    removeValue(queue, name)
  addValue(queue, name, node.metadata?.uid ?? '', ctx.nowMs)
  armTaintLoop(ctx, host)
}

/** processTaintBaseEviction: queue an unhealthy node for its NoExecute taint, or clear it. */
export function processTaintBaseEviction(
  ctx: ActorContext,
  host: NodeLifecycleHost,
  node: Node,
  observed: string,
): void {
  if (observed === 'False') {
    if (hasTaint(node, unreachableNoExecute.key, 'NoExecute'))
      patchTaints(ctx, host, node, [notReadyNoExecute], [unreachableNoExecute])
    else markNodeForTainting(ctx, host, node, observed)
  } else if (observed === 'Unknown') {
    if (hasTaint(node, notReadyNoExecute.key, 'NoExecute'))
      patchTaints(ctx, host, node, [unreachableNoExecute], [notReadyNoExecute])
    else markNodeForTainting(ctx, host, node, observed)
  } else if (observed === 'True') {
    markNodeAsReachable(ctx, host, node)
  }
}

function armTaintLoop(ctx: ActorContext, host: NodeLifecycleHost): void {
  if (host.nodeLifecycle.taintLoopArmed) return
  host.nodeLifecycle.taintLoopArmed = true
  ctx.setTimer(NODE_EVICTION_PERIOD_MS, { name: 'noexecute-tainting' })
}

/** doNoExecuteTaintingPass: taint the queued nodes, as fast as each zone's limiter allows. */
export function noExecuteTaintingPass(ctx: ActorContext, host: NodeLifecycleHost): void {
  const state = host.nodeLifecycle
  state.taintLoopArmed = false
  const nodes = host.informers['nodes']
  for (const [zone, queue] of Object.entries(state.tainters)) {
    tryQueue(queue, ctx.nowMs, (value) => {
      const node = nodes?.items.get(value.value) as Node | undefined
      if (!node) return { done: true }
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
      if (!ready) return { done: false, retryMs: 50 }
      const name = value.value
      const limiter = `zone limiter ${queue.limiter.qps} node/s${zone === '' ? '' : `, zone ${zone}`}`
      if (ready.status === 'False') {
        if (patchTaints(ctx, host, node, [notReadyNoExecute], [unreachableNoExecute]))
          narrate(
            ctx,
            name,
            `${name} is NotReady: tainting it ${notReadyNoExecute.key}:NoExecute (${limiter})`,
          )
      } else if (ready.status === 'Unknown') {
        if (patchTaints(ctx, host, node, [unreachableNoExecute], [notReadyNoExecute]))
          narrate(
            ctx,
            name,
            `${name} is unreachable: tainting it ${unreachableNoExecute.key}:NoExecute (${limiter})`,
          )
      }
      return { done: true }
    })
    if (queue.items.length > 0) armTaintLoop(ctx, host)
  }
}
