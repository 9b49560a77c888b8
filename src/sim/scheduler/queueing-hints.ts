/**
 * Cluster events and QueueingHints: which events may make a rejected pod schedulable, asked only
 * of the plugins that rejected it. SchedulerQueueingHints is on by default in v1.32.
 * Sources (v1.32): framework.ClusterEvent, pkg/scheduler/framework/types.go; each plugin's
 * EventsToRegister / isSchedulableAfter* in pkg/scheduler/framework/plugins/*; isPodWorthRequeuing,
 * pkg/scheduler/internal/queue/scheduling_queue.go
 * NB: the hint functions here are simplified per plugin (noted on each); events are matched by
 * resource and action rather than upstream's ActionType bit masks.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { Names } from './framework/names'
import { newNodeInfo, newPodInfo } from './framework/node-info'
import { requiredNodeAffinityMatches } from './plugins/node-affinity/node-affinity'
import {
  computePodResourceRequest,
  fitsRequest,
} from './plugins/node-resources-fit/node-resources-fit'
import {
  findMatchingUntoleratedTaint,
  isDoNotScheduleTaint,
  tolerationsTolerateTaint,
} from './util/tolerations'
import { TAINT_NODE_UNSCHEDULABLE } from './plugins/node-unschedulable/node-unschedulable'

export type ClusterEvent =
  | { resource: 'Node'; action: 'Add'; node: Node }
  | { resource: 'Node'; action: 'Update'; oldNode: Node; node: Node }
  | { resource: 'Node'; action: 'Delete'; node: Node }
  | { resource: 'AssignedPod'; action: 'Add'; pod: Pod }
  | { resource: 'AssignedPod'; action: 'Update'; oldPod: Pod; pod: Pod }
  | { resource: 'AssignedPod'; action: 'Delete'; pod: Pod }
  | { resource: 'UnscheduledPod'; action: 'Update'; oldPod: Pod; pod: Pod }
  /** Wildcard events: EventUnschedulableTimeout, EventForceActivate (types.go v1.32). */
  | { resource: 'WildCard'; action: 'UnschedulableTimeout' | 'ForceActivate' }

/** A short label for the queue view ("NodeAdd", "AssignedPodDelete", ...). */
export function eventLabel(e: ClusterEvent): string {
  return e.resource === 'WildCard' ? e.action : `${e.resource}${e.action}`
}

export type QueueingHint = 'Queue' | 'QueueSkip'
type HintFn = (pod: Pod, e: ClusterEvent) => QueueingHint | undefined

const q = (b: boolean): QueueingHint => (b ? 'Queue' : 'QueueSkip')

function untolerated(pod: Pod, node: Node): boolean {
  return (
    findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, isDoNotScheduleTaint) !==
    undefined
  )
}

function schedulableOn(pod: Pod, node: Node): boolean {
  const info = newNodeInfo(node.metadata?.name ?? '', node)
  return fitsRequest(computePodResourceRequest(pod), info).length === 0
}

/** haveAnyRequestedResourcesIncreased (fit.go v1.32). */
function requestedResourceIncreased(pod: Pod, oldNode: Node, node: Node): boolean {
  const req = computePodResourceRequest(pod)
  const before = newNodeInfo('', oldNode).allocatable
  const after = newNodeInfo('', node).allocatable
  if (after.allowedPodNumber > before.allowedPodNumber) return true
  if (req.milliCpu > 0 && after.milliCpu > before.milliCpu) return true
  if (req.memoryBytes > 0 && after.memoryBytes > before.memoryBytes) return true
  if (req.ephemeralStorageBytes > 0 && after.ephemeralStorageBytes > before.ephemeralStorageBytes)
    return true
  return Object.entries(req.scalarResources).some(
    ([name, q]) =>
      q > 0 && (after.scalarResources[name] ?? 0) > (before.scalarResources[name] ?? 0),
  )
}

function nodeUnschedulableFor(pod: Pod, node: Node): boolean {
  return (
    node.spec?.unschedulable === true &&
    !tolerationsTolerateTaint(pod.spec?.tolerations, {
      key: TAINT_NODE_UNSCHEDULABLE,
      effect: 'NoSchedule',
    })
  )
}

/** Hints by plugin; `undefined` means the plugin does not register that event. */
const HINTS: Readonly<Record<string, HintFn>> = {
  // isSchedulableAfterNodeChange: fits an empty node of this shape and, on update, a requested
  // resource's allocatable grew; any deleted or scaled-down assigned pod may free room.
  [Names.NodeResourcesFit]: (pod, e) => {
    if (e.resource === 'Node' && e.action === 'Add') return q(schedulableOn(pod, e.node))
    if (e.resource === 'Node' && e.action === 'Update')
      return q(schedulableOn(pod, e.node) && requestedResourceIncreased(pod, e.oldNode, e.node))
    if (e.resource === 'AssignedPod' && (e.action === 'Delete' || e.action === 'Update'))
      return 'Queue'
    return undefined
  },
  // isSchedulableAfterNodeChange: untolerated before (or new), tolerated now.
  [Names.TaintToleration]: (pod, e) => {
    if (e.resource === 'Node' && e.action === 'Add') return q(!untolerated(pod, e.node))
    if (e.resource === 'Node' && e.action === 'Update')
      return q(untolerated(pod, e.oldNode) && !untolerated(pod, e.node))
    // isSchedulableAfterPodTolerationChange: the pod's own tolerations changed.
    if (e.resource === 'UnscheduledPod') {
      return q(
        JSON.stringify(e.oldPod.spec?.tolerations ?? []) !==
          JSON.stringify(e.pod.spec?.tolerations ?? []),
      )
    }
    return undefined
  },
  [Names.NodeAffinity]: (pod, e) => {
    if (e.resource === 'Node' && e.action === 'Add')
      return q(requiredNodeAffinityMatches(pod, e.node))
    if (e.resource === 'Node' && e.action === 'Update') {
      return q(
        requiredNodeAffinityMatches(pod, e.node) && !requiredNodeAffinityMatches(pod, e.oldNode),
      )
    }
    return undefined
  },
  [Names.NodeUnschedulable]: (pod, e) => {
    if (e.resource === 'Node' && e.action === 'Add') return q(!nodeUnschedulableFor(pod, e.node))
    if (e.resource === 'Node' && e.action === 'Update')
      return q(nodeUnschedulableFor(pod, e.oldNode) && !nodeUnschedulableFor(pod, e.node))
    return undefined
  },
  [Names.NodeName]: (pod, e) => {
    if (e.resource === 'Node' && e.action === 'Add')
      return q(!pod.spec?.nodeName || pod.spec.nodeName === e.node.metadata?.name)
    return undefined
  },
  // isSchedulableAfterPodDeleted: the deleted pod used one of the requested host ports.
  [Names.NodePorts]: (pod, e) => {
    if (e.resource === 'Node' && e.action === 'Add') return 'Queue'
    if (e.resource === 'AssignedPod' && e.action === 'Delete') {
      const want = newPodInfo(pod).hostPorts
      const freed = newPodInfo(e.pod).hostPorts
      return q(freed.some((f) => want.some((w) => w.port === f.port && w.protocol === f.protocol)))
    }
    return undefined
  },
  // NB: PodTopologySpread / InterPodAffinity hints are simplified to "any assigned pod or node change".
  [Names.PodTopologySpread]: (_pod, e) =>
    e.resource === 'AssignedPod' || (e.resource === 'Node' && e.action !== 'Delete')
      ? 'Queue'
      : undefined,
  [Names.InterPodAffinity]: (_pod, e) =>
    e.resource === 'AssignedPod' || (e.resource === 'Node' && e.action !== 'Delete')
      ? 'Queue'
      : undefined,
}

/** The strategies of isPodWorthRequeuing (scheduling_queue.go v1.32). */
export type QueueingStrategy = 'queueSkip' | 'queueAfterBackoff' | 'queueImmediately'

export interface RejectedPod {
  pod: Pod
  unschedulablePlugins: readonly string[]
  pendingPlugins: readonly string[]
}

/**
 * isPodWorthRequeuing: no rejector plugins or a wildcard event → after backoff; otherwise ask the
 * rejector plugins' hints: Queue from a Pending plugin → immediately; from an Unschedulable
 * plugin → after backoff; all QueueSkip → stay.
 */
export function isPodWorthRequeuing(p: RejectedPod, e: ClusterEvent): QueueingStrategy {
  const rejectors = [...p.unschedulablePlugins, ...p.pendingPlugins]
  if (rejectors.length === 0) return 'queueAfterBackoff'
  if (e.resource === 'WildCard') return 'queueAfterBackoff'
  let strategy: QueueingStrategy = 'queueSkip'
  for (const plugin of rejectors) {
    const hint = HINTS[plugin]?.(p.pod, e)
    if (hint !== 'Queue') continue
    if (p.pendingPlugins.includes(plugin)) return 'queueImmediately'
    if (p.pendingPlugins.length === 0) return 'queueAfterBackoff'
    strategy = 'queueAfterBackoff'
  }
  return strategy
}
