import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { objectKey } from '../model/objects'
import type { ActorBase, ActorContext, Behaviour } from '../runtime/actor'
import { createApiClient, takePending, type ApiClientState } from '../runtime/api-client'
import {
  createInformer,
  onInformerResponse,
  onInformerTimer,
  onInformerWatch,
  startInformers,
  type InformerChange,
  type InformerState,
} from '../runtime/informer'
import {
  createDeploymentControllerState,
  onDeploymentChange,
  onDeploymentWrite,
  syncDeploymentKey,
  type DeploymentControllerState,
} from './deployment/deployment-controller'
import { collectDependents } from './garbage-collector'
import {
  createJobControllerState,
  onJobChange,
  onJobWrite,
  syncJobKey,
  type JobControllerState,
} from './job/job-controller'
import {
  createReplicaSetControllerState,
  observe,
  onCreateResponse,
  onStatusResponse,
  rsKeyOfPod,
  syncReplicaSet,
  type ReplicaSetControllerState,
} from './replicaset/replicaset-controller'
import {
  createNodeLifecycleState,
  monitorNodeHealth,
  noExecuteTaintingPass,
  NODE_MONITOR_PERIOD_MS,
  onNodeLifecycleChange,
  onTaintWrite,
  type NodeLifecycleState,
} from './node-lifecycle/node-lifecycle-controller'
import {
  createTaintEvictionState,
  onTaintEvictionChange,
  onTaintEvictTimer,
  type TaintEvictionState,
} from './node-lifecycle/taint-eviction'
import { enqueue, takeNext, type WorkQueue } from './workqueue'

export interface ControllerManagerState extends ActorBase {
  kind: 'kube-controller-manager'
  client: ApiClientState
  informers: Record<string, InformerState>
  replicaSets: ReplicaSetControllerState
  deployments: DeploymentControllerState
  jobs: JobControllerState
  nodeLifecycle: NodeLifecycleState
  taintEviction: TaintEvictionState
}

export function createControllerManagerState(
  apiServer: string,
  rng: ActorBase['rng'],
): ControllerManagerState {
  const shared = { indexes: ['controllerUid'] as const, resyncOnRelist: true }
  return {
    id: 'kube-controller-manager',
    kind: 'kube-controller-manager',
    host: 'control-plane',
    running: false,
    rng,
    client: createApiClient(
      { name: 'system:kube-controller-manager', groups: ['system:authenticated'] },
      apiServer,
    ),
    informers: {
      replicasets: createInformer('replicasets', '/apis/apps/v1/replicasets', undefined, shared),
      pods: createInformer('pods', '/api/v1/pods', undefined, {
        indexes: ['controllerUid', 'nodeName'],
        resyncOnRelist: true,
      }),
      deployments: createInformer('deployments', '/apis/apps/v1/deployments', undefined, {
        resyncOnRelist: true,
      }),
      jobs: createInformer('jobs', '/apis/batch/v1/jobs', undefined, { resyncOnRelist: true }),
      nodes: createInformer('nodes', '/api/v1/nodes', undefined, { resyncOnRelist: true }),
      leases: createInformer(
        'leases',
        '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
      ),
    },
    replicaSets: createReplicaSetControllerState(),
    deployments: createDeploymentControllerState(),
    jobs: createJobControllerState(),
    nodeLifecycle: createNodeLifecycleState(),
    taintEviction: createTaintEvictionState(),
  }
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
      : informer === 'replicasets' || informer === 'jobs'
        ? [state.informers['pods']]
        : []
  if (dependents.length > 0) collectDependents(ctx, state.client, change.object, dependents)
}

function onChange(
  ctx: ActorContext,
  state: ControllerManagerState,
  informer: string,
  change: InformerChange,
): void {
  onReplicaSetChange(ctx, state, informer, change)
  onDeploymentChange(ctx, state, informer, change)
  onJobChange(ctx, state, informer, change)
  onNodeLifecycleChange(ctx, state, informer, change)
  onTaintEvictionChange(ctx, state, informer, change)
  onOwnerDeleted(ctx, state, informer, change)
}

function onResponse(
  ctx: ActorContext,
  state: ControllerManagerState,
  purpose: string,
  data: unknown,
  code: number,
  body: unknown,
): void {
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
  } else if (purpose === 'job-create' || purpose === 'job-write') {
    onJobWrite(ctx, state, purpose, String(data), code, body)
  }
}

/** Every controller's work queue, by the name its timers carry. */
function queuesOf(state: ControllerManagerState): Record<string, WorkQueue> {
  return {
    [state.replicaSets.queue.name]: state.replicaSets.queue,
    [state.deployments.queue.name]: state.deployments.queue,
    [state.jobs.queue.name]: state.jobs.queue,
  }
}

function syncOne(ctx: ActorContext, state: ControllerManagerState, queue: WorkQueue): void {
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
  }
}

/**
 * kube-controller-manager: one process hosting the reconcilers. Each controller has event
 * handlers on the shared informers and a work queue its worker drains one key at a time.
 */
export const kubeControllerManager: Behaviour<ControllerManagerState> = {
  start(ctx, state) {
    startInformers(ctx, state)
    ctx.setTimer(NODE_MONITOR_PERIOD_MS, { name: 'node-monitor' })
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'http-response') {
      const pending = takePending(state.client, body)
      const listed = pending ? onInformerResponse(ctx, state, pending, body) : undefined
      if (listed) for (const change of listed.changes) onChange(ctx, state, listed.informer, change)
      else if (pending) onResponse(ctx, state, pending.purpose, pending.data, body.code, body.body)
    } else if (body.type === 'watch-event') {
      const hit = onInformerWatch(ctx, state, body)
      if (hit) onChange(ctx, state, hit.informer, hit.change)
    }
  },
  onTimer(ctx, state, timer) {
    switch (timer.name) {
      case 'node-monitor':
        monitorNodeHealth(ctx, state)
        ctx.setTimer(NODE_MONITOR_PERIOD_MS, { name: 'node-monitor' })
        return
      case 'noexecute-tainting':
        noExecuteTaintingPass(ctx, state)
        return
      case 'taint-evict':
        onTaintEvictTimer(ctx, state, timer.data as { key: string; seq: number })
        return
      default:
        break
    }
    if (timer.name === 'workqueue') {
      const queue = queuesOf(state)[String(timer.data)]
      if (queue) syncOne(ctx, state, queue)
      return
    }
    if (timer.name === 'workqueue-add') {
      const { queue, key } = timer.data as { queue: string; key: string }
      const target = queuesOf(state)[queue]
      if (target) enqueue(ctx, target, key)
      return
    }
    onInformerTimer(ctx, state, timer)
  },
}
