import { componentCredential } from '../apiserver/authn/credentials'
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
  asController,
  createControllerIdentities,
  onIdentityResponse,
  onIdentityTimer,
  requestControllerIdentity,
  type ControllerIdentities,
} from './controller-identities'
import {
  AUTH_CONTROLLERS,
  authInformers,
  onAuthControllerResponse,
  reconcileAuthObjects,
  type AuthControllersState,
} from './auth-controllers'
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
  /** Each controller's ServiceAccount token (--use-service-account-credentials). */
  identities: ControllerIdentities
  authControllers: AuthControllersState
  authSyncScheduled?: boolean
}

// The controllers this manager runs, each with its own ServiceAccount in kube-system.
const CONTROLLERS = ['replicaset-controller', 'generic-garbage-collector', ...AUTH_CONTROLLERS]

function freshInformers(): Record<string, InformerState> {
  return {
    replicasets: createInformer('replicasets', '/apis/apps/v1/replicasets'),
    pods: createInformer('pods', '/api/v1/pods'),
    ...authInformers(),
  }
}

// Each work item costs about a millisecond of controller CPU.
const SYNC_PROCESSING_MS = 1
// How often a controller still waiting for its token looks again.
const TOKEN_WAIT_MS = 50
const AUTH_INFORMER_NAMES = { namespaces: 1, serviceaccounts: 1, configmaps: 1, clusterroles: 1 }

function scheduleAuthSync(ctx: ActorContext, state: ControllerManagerState): void {
  if (state.authSyncScheduled) return
  state.authSyncScheduled = true
  ctx.setTimer(SYNC_PROCESSING_MS, { name: 'auth-sync' })
}

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
    client: createApiClient(componentCredential('system:kube-controller-manager'), apiServer),
    informers: freshInformers(),
    replicaSets: createReplicaSetControllerState(),
    syncScheduled: false,
    identities: createControllerIdentities(),
    authControllers: { inFlight: {} },
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
    asController(state.client, state.identities, 'generic-garbage-collector', () => {
      callApi(
        ctx,
        state.client,
        {
          method: 'DELETE',
          path: `/api/v1/namespaces/${pod.metadata?.namespace ?? 'default'}/pods/${name}`,
          label: `DELETE pods/${name} (garbage collector)`,
        },
        { purpose: 'gc-delete' },
      )
    })
  }
}

function onChange(
  ctx: ActorContext,
  state: ControllerManagerState,
  informer: string,
  change: InformerChange,
): void {
  const rsState = state.replicaSets
  if (informer in AUTH_INFORMER_NAMES) return scheduleAuthSync(ctx, state)
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
  if (onIdentityResponse(ctx, state.client, state.identities, purpose, data, code, body))
    return scheduleAuthSync(ctx, state)
  if (onAuthControllerResponse(state, purpose, data)) {
    if (code >= 300 && code !== 409) ctx.setTimer(1_000, { name: 'auth-sync' })
    return
  }
  if (purpose === 'rs-create') {
    const rsKey = String(data)
    const rs = state.informers['replicasets']?.items.get(rsKey) as ReplicaSet | undefined
    // The next slow-start batch goes out from here, so it too is the controller's request.
    asController(state.client, state.identities, 'replicaset-controller', () => {
      onCreateResponse(ctx, state.client, state.replicaSets, rs, rsKey, code, body)
    })
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
    state.identities = createControllerIdentities()
    state.authControllers = { inFlight: {} }
    state.authSyncScheduled = false
    startInformers(ctx, state)
    for (const controller of CONTROLLERS) requestControllerIdentity(ctx, state.client, controller)
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'http-response') {
      const pending = takePending(state.client, body)
      const listed = pending ? onInformerResponse(ctx, state, pending, body) : undefined
      if (listed) {
        for (const change of listed.changes) onChange(ctx, state, listed.informer, change)
        if (listed.informer in AUTH_INFORMER_NAMES) scheduleAuthSync(ctx, state)
      } else if (pending)
        onResponse(ctx, state, pending.purpose, pending.data, body.code, body.body)
    } else if (body.type === 'watch-event') {
      const hit = onInformerWatch(ctx, state, body)
      if (hit) onChange(ctx, state, hit.informer, hit.change)
    }
  },
  onTimer(ctx, state, timer) {
    if (timer.name === 'sync') {
      state.syncScheduled = false
      const rsInformer = state.informers['replicasets']
      const podInformer = state.informers['pods']
      // Until its token arrives the ReplicaSet controller waits (its work stays queued).
      const ran = asController(state.client, state.identities, 'replicaset-controller', () => {
        const rsKey = state.replicaSets.queue.shift()
        if (rsKey !== undefined && rsInformer && podInformer)
          syncReplicaSet(ctx, state.client, state.replicaSets, rsKey, rsInformer, podInformer)
      })
      if (state.replicaSets.queue.length > 0) {
        state.syncScheduled = true
        ctx.setTimer(ran ? SYNC_PROCESSING_MS : TOKEN_WAIT_MS, { name: 'sync' })
      }
    }
    if (timer.name === 'auth-sync') {
      state.authSyncScheduled = false
      reconcileAuthObjects(ctx, state)
    }
    if (onIdentityTimer(ctx, state.client, timer.name, timer.data)) {
      scheduleAuthSync(ctx, state)
      return
    }
    onInformerTimer(ctx, state, timer)
  },
}
