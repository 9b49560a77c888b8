import type { Pod } from 'kubernetes-types/core/v1'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import { objectKey } from '../model/objects'
import type { ActorBase, ActorContext, Behaviour } from '../runtime/actor'
import { callApi, createApiClient, takePending, type ApiClientState } from '../runtime/api-client'
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
  createReplicaSetControllerState,
  observe,
  onCreateResponse,
  rsKeyOfPod,
  syncReplicaSet,
  type ReplicaSetControllerState,
} from './replicaset/replicaset-controller'

export interface ControllerManagerState extends ActorBase {
  kind: 'kube-controller-manager'
  client: ApiClientState
  informers: Record<string, InformerState>
  replicaSets: ReplicaSetControllerState
  syncScheduled: boolean
}

function freshInformers(): Record<string, InformerState> {
  return {
    replicasets: createInformer('replicasets', '/apis/apps/v1/replicasets'),
    pods: createInformer('pods', '/api/v1/pods'),
  }
}

// Each work item costs about a millisecond of controller CPU.
const SYNC_PROCESSING_MS = 1

export function createControllerManagerState(
  apiServer: string,
  rng: ActorBase['rng'],
): ControllerManagerState {
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
    informers: freshInformers(),
    replicaSets: createReplicaSetControllerState(),
    syncScheduled: false,
  }
}

function enqueue(ctx: ActorContext, state: ControllerManagerState, rsKey: string): void {
  if (!state.replicaSets.queue.includes(rsKey)) state.replicaSets.queue.push(rsKey)
  if (!state.syncScheduled) {
    state.syncScheduled = true
    ctx.setTimer(SYNC_PROCESSING_MS, { name: 'sync' })
  }
}

/** The garbage collector's part we model: dependents of a deleted ReplicaSet go too (background propagation). */
function collectOrphans(ctx: ActorContext, state: ControllerManagerState, rs: ReplicaSet): void {
  for (const object of state.informers['pods']?.items.values() ?? []) {
    const pod = object as Pod
    if (
      !pod.metadata?.ownerReferences?.some((r) => r.uid === rs.metadata?.uid) ||
      pod.metadata.deletionTimestamp
    )
      continue
    const name = pod.metadata.name ?? ''
    callApi(
      ctx,
      state.client,
      {
        method: 'DELETE',
        path: `/api/v1/namespaces/${pod.metadata.namespace ?? 'default'}/pods/${name}`,
        label: `DELETE pods/${name} (garbage collector)`,
      },
      { purpose: 'gc-delete' },
    )
  }
}

function onChange(
  ctx: ActorContext,
  state: ControllerManagerState,
  informer: string,
  change: InformerChange,
): void {
  const rsState = state.replicaSets
  if (informer === 'replicasets') {
    if (change.type === 'DELETED') {
      delete rsState.expectations[objectKey(change.object)]
      collectOrphans(ctx, state, change.object as ReplicaSet)
      return
    }
    enqueue(ctx, state, objectKey(change.object))
    return
  }
  const pod = change.object as Pod
  const rsKey = rsKeyOfPod(pod)
  if (rsKey === undefined) return
  if (change.type === 'ADDED') observe(rsState, rsKey, 'adds')
  const newlyDeleting =
    change.type === 'MODIFIED' &&
    pod.metadata?.deletionTimestamp &&
    !change.old?.metadata?.deletionTimestamp
  if (change.type === 'DELETED' || newlyDeleting) observe(rsState, rsKey, 'dels')
  enqueue(ctx, state, rsKey)
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
  } else if (purpose === 'rs-delete' && code !== 200) {
    observe(state.replicaSets, String(data), 'dels')
  }
}

/** kube-controller-manager hosting the ReplicaSet controller and a garbage collector. */
export const kubeControllerManager: Behaviour<ControllerManagerState> = {
  start(ctx, state) {
    // A (re)started process remembers nothing: no work queue, no expectations, no cache. It
    // lists everything and reconciles from that (a stale "sync scheduled" flag would otherwise
    // wait forever for a timer that died with the old process).
    state.informers = freshInformers()
    state.replicaSets = createReplicaSetControllerState()
    state.syncScheduled = false
    startInformers(ctx, state)
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
    if (timer.name === 'sync') {
      state.syncScheduled = false
      const rsKey = state.replicaSets.queue.shift()
      const rsInformer = state.informers['replicasets']
      const podInformer = state.informers['pods']
      if (rsKey !== undefined && rsInformer && podInformer)
        syncReplicaSet(ctx, state.client, state.replicaSets, rsKey, rsInformer, podInformer)
      if (state.replicaSets.queue.length > 0) {
        state.syncScheduled = true
        ctx.setTimer(SYNC_PROCESSING_MS, { name: 'sync' })
      }
    }
    onInformerTimer(ctx, state, timer)
  },
}
