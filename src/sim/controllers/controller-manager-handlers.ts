/**
 * kube-controller-manager's dispatch: which controllers hear an informer change, which handle a
 * response, and which worker a work-queue timer wakes.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { objectKey } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import type { InformerChange } from '../runtime/informer'
import type { ControllerManagerState } from './controller-manager-state'
import {
  onDeploymentChange,
  onDeploymentWrite,
  syncDeploymentKey,
} from './deployment/deployment-controller'
import {
  onDaemonSetChange,
  onDaemonSetWrite,
  syncDaemonSetKey,
} from './daemonset/daemonset-controller'
import {
  onServiceEndpointsChange,
  onServiceEndpointsResponse,
} from './endpointslice/service-endpoints'
import { collectDependents } from './garbage-collector'
import { onJobChange, onJobWrite, syncJobKey } from './job/job-controller'
import { onNodeLifecycleChange, onTaintWrite } from './node-lifecycle/node-lifecycle-controller'
import { onTaintEvictionChange } from './node-lifecycle/taint-eviction'
import {
  observe,
  onCreateResponse,
  onStatusResponse,
  rsKeyOfPod,
  syncReplicaSet,
} from './replicaset/replicaset-controller'
import { enqueue, takeNext, type WorkQueue } from './workqueue'

/** The ReplicaSet controller's event handlers (and its expectations bookkeeping). */
function onReplicaSetChange(
  ctx: ActorContext,
  state: ControllerManagerState,
  informer: string,
  change: InformerChange,
): void {
  const rsState = state.replicaSets
  if (informer === 'replicasets') {
    if (change.type === 'DELETED') delete rsState.expectations[objectKey(change.object)]
    else enqueue(ctx, rsState.queue, objectKey(change.object))
    return
  }
  if (informer !== 'pods') return
  const pod = change.object as Pod
  const rsKey = rsKeyOfPod(pod)
  if (rsKey === undefined) return
  if (change.type === 'ADDED') observe(rsState, rsKey, 'adds')
  const newlyDeleting =
    change.type === 'MODIFIED' &&
    pod.metadata?.deletionTimestamp &&
    !change.old?.metadata?.deletionTimestamp
  if (change.type === 'DELETED' || newlyDeleting) observe(rsState, rsKey, 'dels')
  enqueue(ctx, rsState.queue, rsKey)
}

/** The garbage collector: an owner's deletion deletes its dependents. */
function onOwnerDeleted(
  ctx: ActorContext,
  state: ControllerManagerState,
  informer: string,
  change: InformerChange,
): void {
  if (change.type !== 'DELETED') return
  const dependents =
    informer === 'deployments'
      ? [state.informers['replicasets']]
      : informer === 'replicasets' || informer === 'jobs' || informer === 'daemonsets'
        ? [state.informers['pods']]
        : []
  if (dependents.length > 0) collectDependents(ctx, state.client, change.object, dependents)
}

export function onChange(
  ctx: ActorContext,
  state: ControllerManagerState,
  informer: string,
  change: InformerChange,
): void {
  onReplicaSetChange(ctx, state, informer, change)
  onDeploymentChange(ctx, state, informer, change)
  onJobChange(ctx, state, informer, change)
  onDaemonSetChange(ctx, state, informer, change)
  onNodeLifecycleChange(ctx, state, informer, change)
  onTaintEvictionChange(ctx, state, informer, change)
  onOwnerDeleted(ctx, state, informer, change)
  onServiceEndpointsChange(ctx, state, informer, change)
}

export function onResponse(
  ctx: ActorContext,
  state: ControllerManagerState,
  purpose: string,
  data: unknown,
  code: number,
  body: unknown,
): void {
  if (onServiceEndpointsResponse(ctx, state, purpose, data, code)) return
  if (purpose === 'rs-create') {
    const rsKey = String(data)
    const rs = state.informers['replicasets']?.items.get(rsKey) as ReplicaSet | undefined
    onCreateResponse(ctx, state.client, state.replicaSets, rs, rsKey, code, body)
  } else if (purpose === 'rs-status') {
    onStatusResponse(ctx, state.replicaSets, String(data), code)
  } else if (purpose === 'rs-delete' && code !== 200) {
    observe(state.replicaSets, String(data), 'dels')
  } else if (purpose === 'deployment-write') {
    onDeploymentWrite(ctx, state, data as { key: string; event?: string }, code)
  } else if (purpose === 'node-taint') {
    onTaintWrite(state, data as { node: string; noExecute: boolean }, code)
  } else if (purpose === 'daemonset-create' || purpose === 'daemonset-status') {
    onDaemonSetWrite(ctx, state, purpose, String(data), code, body)
  } else if (purpose === 'job-create' || purpose === 'job-write') {
    onJobWrite(ctx, state, purpose, String(data), code, body)
  }
}

/** Every controller's work queue, by the name its timers carry. */
export function queuesOf(state: ControllerManagerState): Record<string, WorkQueue> {
  return {
    [state.replicaSets.queue.name]: state.replicaSets.queue,
    [state.deployments.queue.name]: state.deployments.queue,
    [state.jobs.queue.name]: state.jobs.queue,
    [state.daemonSets.queue.name]: state.daemonSets.queue,
  }
}

export function syncOne(ctx: ActorContext, state: ControllerManagerState, queue: WorkQueue): void {
  const key = takeNext(ctx, queue)
  if (key === undefined) return
  if (queue === state.replicaSets.queue) {
    const rsInformer = state.informers['replicasets']
    const podInformer = state.informers['pods']
    if (rsInformer && podInformer)
      syncReplicaSet(ctx, state.client, state.replicaSets, key, rsInformer, podInformer)
  } else if (queue === state.deployments.queue) {
    syncDeploymentKey(ctx, state, key)
  } else if (queue === state.jobs.queue) {
    syncJobKey(ctx, state, key)
  } else if (queue === state.daemonSets.queue) {
    syncDaemonSetKey(ctx, state, key)
  }
}
