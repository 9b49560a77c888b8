/**
 * kube-controller-manager's dispatch: which controllers hear an informer change, which handle a
 * response, and which worker a work-queue timer wakes.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { objectKey } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { onEventResponse } from '../runtime/event-correlator'
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
import {
  enqueue,
  requeueRateLimited,
  SYNC_PROCESSING_MS,
  takeNext,
  type WorkQueue,
} from './workqueue'
import { AUTH_CONTROLLERS } from './auth-controllers'
import { runAs } from './controller-identities'

/** The controllers this manager runs, each with its own ServiceAccount in kube-system. */
export const CONTROLLERS: readonly string[] = [
  'replicaset-controller',
  'deployment-controller',
  'job-controller',
  'daemon-set-controller',
  'node-controller',
  'taint-eviction-controller',
  'endpointslice-controller',
  'endpoint-controller',
  'generic-garbage-collector',
  ...AUTH_CONTROLLERS,
]

// The informers the ServiceAccount, root CA and aggregation controllers reconcile from.
const AUTH_INFORMERS: ReadonlySet<string> = new Set([
  'namespaces',
  'serviceaccounts',
  'configmaps',
  'clusterroles',
])

export const isAuthInformer = (informer: string): boolean => AUTH_INFORMERS.has(informer)

/** The auth controllers reconcile everything at once, one millisecond after the last change. */
export function scheduleAuthSync(ctx: ActorContext, state: ControllerManagerState): void {
  if (state.authSyncScheduled) return
  state.authSyncScheduled = true
  ctx.setTimer(SYNC_PROCESSING_MS, { name: 'auth-sync' })
}

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
  if (dependents.length > 0)
    runAs(state, 'generic-garbage-collector', () =>
      collectDependents(ctx, state.client, change.object, dependents),
    )
}

export function onChange(
  ctx: ActorContext,
  state: ControllerManagerState,
  informer: string,
  change: InformerChange,
): void {
  if (isAuthInformer(informer)) return scheduleAuthSync(ctx, state)
  onReplicaSetChange(ctx, state, informer, change)
  runAs(state, 'deployment-controller', () => onDeploymentChange(ctx, state, informer, change))
  runAs(state, 'job-controller', () => onJobChange(ctx, state, informer, change))
  runAs(state, 'daemon-set-controller', () => onDaemonSetChange(ctx, state, informer, change))
  runAs(state, 'node-controller', () => onNodeLifecycleChange(ctx, state, informer, change))
  runAs(state, 'taint-eviction-controller', () =>
    onTaintEvictionChange(ctx, state, informer, change),
  )
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
  if (purpose === 'event') {
    // A PATCH answered 404 is POSTed again, as the controller that recorded it.
    const source = (data as { source?: { component?: string } } | undefined)?.source?.component
    const controller = source === 'daemonset-controller' ? 'daemon-set-controller' : source
    const resend = () => onEventResponse(ctx, state.client, { purpose, data }, code)
    if (controller === undefined) resend()
    else runAs(state, controller, resend)
    return
  }
  if (purpose === 'rs-create') {
    const rsKey = String(data)
    const rs = state.informers['replicasets']?.items.get(rsKey) as ReplicaSet | undefined
    // The next slow-start batch goes out from here, so it too is the controller's request.
    runAs(state, 'replicaset-controller', () =>
      onCreateResponse(ctx, state.client, state.replicaSets, rs, rsKey, code, body),
    )
  } else if (purpose === 'rs-status') {
    onStatusResponse(ctx, state.replicaSets, String(data), code)
  } else if (purpose === 'rs-delete' && code !== 200) {
    observe(state.replicaSets, String(data), 'dels')
    // A delete that failed for another reason than NotFound fails the sync: retried rate-limited.
    if (code !== 404) requeueRateLimited(ctx, state.replicaSets.queue, String(data))
  } else if (purpose === 'deployment-write') {
    runAs(state, 'deployment-controller', () =>
      onDeploymentWrite(ctx, state, data as { key: string; event?: string }, code),
    )
  } else if (purpose === 'node-taint') {
    onTaintWrite(state, data as { node: string; noExecute: boolean }, code)
  } else if (purpose === 'daemonset-create' || purpose === 'daemonset-status') {
    runAs(state, 'daemon-set-controller', () =>
      onDaemonSetWrite(ctx, state, purpose, String(data), code, body),
    )
  } else if (purpose === 'job-create' || purpose === 'job-write') {
    runAs(state, 'job-controller', () => onJobWrite(ctx, state, purpose, String(data), code, body))
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

// The ServiceAccount each work queue's worker writes as.
function controllerOfQueue(state: ControllerManagerState, queue: WorkQueue): string {
  if (queue === state.deployments.queue) return 'deployment-controller'
  if (queue === state.jobs.queue) return 'job-controller'
  if (queue === state.daemonSets.queue) return 'daemon-set-controller'
  return 'replicaset-controller'
}

export function syncOne(ctx: ActorContext, state: ControllerManagerState, queue: WorkQueue): void {
  runAs(state, controllerOfQueue(state, queue), () => syncQueued(ctx, state, queue))
}

function syncQueued(ctx: ActorContext, state: ControllerManagerState, queue: WorkQueue): void {
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
