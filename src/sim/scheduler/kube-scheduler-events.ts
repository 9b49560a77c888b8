import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { InformerChange } from '../runtime/informer'
import {
  addNode,
  addPod as cacheAddPod,
  removeNode,
  removePod as cacheRemovePod,
  updateNode,
  updatePod as cacheUpdatePod,
} from './cache'
import { forgetPodDecision } from './decision-log'
import { podNamespacedName } from './framework/node-info'
import type { SchedulerState } from './kube-scheduler-state'
import { addPod, deletePod, moveAllToActiveOrBackoffQueue, updatePod } from './queue'
import type { ClusterEvent } from './queueing-hints'

/** Pods this scheduler is responsible for: unbound, ours, not being deleted. */
export const isPendingForUs = (pod: Pod): boolean =>
  !pod.spec?.nodeName &&
  (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
  !pod.metadata?.deletionTimestamp

function onNodeChange(ctx: ActorContext, state: SchedulerState, change: InformerChange): void {
  const node = change.object as Node
  const old = change.old as Node | undefined
  let event: ClusterEvent
  if (change.type === 'DELETED') {
    removeNode(state.cache, node)
    event = { resource: 'Node', action: 'Delete', node }
  } else if (old) {
    updateNode(state.cache, old, node)
    event = { resource: 'Node', action: 'Update', oldNode: old, node }
  } else {
    addNode(state.cache, node)
    event = { resource: 'Node', action: 'Add', node }
  }
  moveAllToActiveOrBackoffQueue(state.queue, event, ctx.nowMs)
}

/** An assigned pod: the cache tracks it (confirming our assumption); the queue hears the event. */
function onAssignedPod(
  ctx: ActorContext,
  state: SchedulerState,
  change: InformerChange,
  pod: Pod,
  old: Pod | undefined,
): void {
  if (change.type === 'DELETED') {
    cacheRemovePod(state.cache, pod)
    moveAllToActiveOrBackoffQueue(
      state.queue,
      { resource: 'AssignedPod', action: 'Delete', pod },
      ctx.nowMs,
    )
  } else if (old?.spec?.nodeName) {
    cacheUpdatePod(state.cache, old, pod)
    moveAllToActiveOrBackoffQueue(
      state.queue,
      { resource: 'AssignedPod', action: 'Update', oldPod: old, pod },
      ctx.nowMs,
    )
  } else {
    if (old) deletePod(state.queue, old)
    cacheAddPod(state.cache, pod)
    moveAllToActiveOrBackoffQueue(
      state.queue,
      { resource: 'AssignedPod', action: 'Add', pod },
      ctx.nowMs,
    )
  }
}

function onPodChange(ctx: ActorContext, state: SchedulerState, change: InformerChange): void {
  const pod = change.object as Pod
  const old = change.old as Pod | undefined
  if (pod.spec?.nodeName) {
    forgetPodDecision(state.decisions, podNamespacedName(pod))
    return onAssignedPod(ctx, state, change, pod, old)
  }
  if (change.type === 'DELETED' || !isPendingForUs(pod)) {
    deletePod(state.queue, pod)
    forgetPodDecision(state.decisions, podNamespacedName(pod))
    return
  }
  if (old) updatePod(state.queue, old, pod, ctx.nowMs)
  else addPod(state.queue, pod, ctx.nowMs)
}

/** Routes an informer change into the cache and the queue (eventhandlers.go, v1.32). */
export function onSchedulerChange(
  ctx: ActorContext,
  state: SchedulerState,
  informer: string,
  change: InformerChange,
): void {
  if (informer === 'nodes') onNodeChange(ctx, state, change)
  else onPodChange(ctx, state, change)
}

export type { KubeObject }
