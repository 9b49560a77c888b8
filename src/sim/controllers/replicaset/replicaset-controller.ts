import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { objectKey, type KubeObject } from '../../model/objects'
import type { ActorContext } from '../../runtime/actor'
import { callApi, type ApiClientState } from '../../runtime/api-client'
import { recordBroadcastEvent, type EventBroadcasterOwner } from '../../runtime/event-correlator'
import type { InformerState } from '../../runtime/informer'
import {
  createWorkQueue,
  enqueue,
  enqueueAfter,
  forget,
  requeueRateLimited,
  type WorkQueue,
} from '../workqueue'
import { compareForDeletion } from './pod-ranking'
import { ActivePods } from './owned-pods-tally'
import { countReplicas, countReplicasFromTally } from './replica-status'
import { newControllerRef, podFromTemplate } from '../pod-template'

// BurstReplicas = 500: pkg/controller/replicaset/replica_set.go (v1.32)
const BURST_REPLICAS = 500
// SlowStartInitialBatchSize = 1: pkg/controller/controller_utils.go (v1.32)
const SLOW_START_INITIAL_BATCH = 1
// ExpectationsTimeout = 5 min: pkg/controller/controller_utils.go (v1.32)
const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000

/** ControllerExpectations: creates/deletes sent but not yet seen through the watch. */
export interface Expectations {
  adds: number
  dels: number
  setAtMs: number
}

export interface ReplicaSetControllerState extends EventBroadcasterOwner {
  queue: WorkQueue
  expectations: Record<string, Expectations>
  /** Creates still to send per ReplicaSet, for slow-start batches. */
  pendingCreates: Record<string, { remaining: number; batch: number; inFlight: number }>
  /**
   * A status write in flight per ReplicaSet: the next one waits for its answer, so two syncs
   * from one stale cache do not race each other into a 409 (NB: upstream retries on conflict).
   */
  statusInFlight?: Record<string, 'sent' | 'dirty'>
}

export function createReplicaSetControllerState(): ReplicaSetControllerState {
  return { queue: createWorkQueue('replicaset'), expectations: {}, pendingCreates: {} }
}

const controllerOf = (pod: Pod) =>
  pod.metadata?.ownerReferences?.find((r) => r.controller === true && r.kind === 'ReplicaSet')
export function rsKeyOfPod(pod: Pod): string | undefined {
  const ref = controllerOf(pod)
  return ref ? `${pod.metadata?.namespace ?? ''}/${ref.name}` : undefined
}

export function observe(
  state: ReplicaSetControllerState,
  rsKey: string,
  kind: 'adds' | 'dels',
): void {
  const e = state.expectations[rsKey]
  if (e && e[kind] > 0) e[kind]--
}

function satisfied(state: ReplicaSetControllerState, rsKey: string, nowMs: number): boolean {
  const e = state.expectations[rsKey]
  return !e || (e.adds <= 0 && e.dels <= 0) || nowMs - e.setAtMs > EXPECTATIONS_TIMEOUT_MS
}

/** Sends the next slow-start batch (1, 2, 4 ...), up to what remains. */
export function sendCreateBatch(
  ctx: ActorContext,
  client: ApiClientState,
  state: ReplicaSetControllerState,
  rs: ReplicaSet,
): void {
  const rsKey = objectKey(rs as KubeObject)
  const pending = state.pendingCreates[rsKey]
  if (!pending || pending.inFlight > 0) return
  const size = Math.min(pending.batch, pending.remaining)
  if (size <= 0) {
    delete state.pendingCreates[rsKey]
    // Every create of the sync succeeded: processNextWorkItem's Forget resets the key's back-off.
    forget(state.queue, rsKey)
    return
  }
  pending.remaining -= size
  pending.inFlight = size
  pending.batch *= 2
  for (let i = 0; i < size; i++) {
    callApi(
      ctx,
      client,
      {
        method: 'POST',
        path: `/api/v1/namespaces/${rs.metadata?.namespace ?? 'default'}/pods`,
        body: podFromTemplate(rs, rs.spec?.template, newControllerRef(rs, 'apps/v1', 'ReplicaSet')),
        label: `POST pods (ReplicaSet ${rs.metadata?.name ?? ''})`,
        about: {
          kind: 'ReplicaSet',
          namespace: rs.metadata?.namespace ?? 'default',
          name: rs.metadata?.name ?? '',
        },
      },
      { purpose: 'rs-create', data: rsKey },
    )
  }
}

/** A create answered: record the event, or lower expectations on failure; then the next batch. */
export function onCreateResponse(
  ctx: ActorContext,
  client: ApiClientState,
  state: ReplicaSetControllerState,
  rs: ReplicaSet | undefined,
  rsKey: string,
  code: number,
  body: unknown,
): void {
  const pending = state.pendingCreates[rsKey]
  if (pending) pending.inFlight--
  if (code === 201 && rs) {
    const name = (body as KubeObject).metadata?.name ?? ''
    // Source: controller_utils.go CreatePods event text (v1.32)
    recordBroadcastEvent(
      ctx,
      client,
      state,
      rs as KubeObject,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${name}`,
      { component: 'replicaset-controller' },
    )
  } else {
    // Source: controller_utils.go CreatePods, FailedCreatePodReason (v1.32)
    if (rs) {
      const message = (body as { message?: string } | undefined)?.message ?? `status ${code}`
      recordBroadcastEvent(
        ctx,
        client,
        state,
        rs as KubeObject,
        'Warning',
        'FailedCreate',
        `Error creating: ${message}`,
        {
          component: 'replicaset-controller',
        },
      )
    }
    observe(state, rsKey, 'adds')
    // The first failed batch stops the rest (slowStartBatch), and the sync returns its error:
    // processNextWorkItem retries the key with AddRateLimited (replica_set.go, v1.32). Without
    // that retry a ReplicaSet whose create failed waited for an unrelated event for ever.
    if (pending) {
      for (let i = 0; i < pending.remaining; i++) observe(state, rsKey, 'adds')
      delete state.pendingCreates[rsKey]
      requeueRateLimited(ctx, state.queue, rsKey)
    }
    return
  }
  if (pending?.inFlight === 0) sendCreateBatch(ctx, client, state, rs)
}

function manageReplicas(
  ctx: ActorContext,
  client: ApiClientState,
  state: ReplicaSetControllerState,
  rs: ReplicaSet,
  active: ActivePods,
): void {
  const rsKey = objectKey(rs as KubeObject)
  const want = rs.spec?.replicas ?? 1
  const diff = active.count - want
  const name = rs.metadata?.name ?? ''
  const about = { kind: 'ReplicaSet', namespace: rs.metadata?.namespace ?? 'default', name }
  if (diff < 0) {
    const count = Math.min(-diff, BURST_REPLICAS)
    state.expectations[rsKey] = { adds: count, dels: 0, setAtMs: ctx.nowMs }
    state.pendingCreates[rsKey] = { remaining: count, batch: SLOW_START_INITIAL_BATCH, inFlight: 0 }
    ctx.emit({
      type: 'Narrated',
      actor: ctx.self,
      text: `ReplicaSet controller: ${name} wants ${want} Pods, has ${active.count}; creating ${count}`,
      about,
    })
    sendCreateBatch(ctx, client, state, rs)
  } else if (diff > 0) {
    const victims = [...active.list()]
      .sort(compareForDeletion)
      .slice(0, Math.min(diff, BURST_REPLICAS))
    state.expectations[rsKey] = { adds: 0, dels: victims.length, setAtMs: ctx.nowMs }
    ctx.emit({
      type: 'Narrated',
      actor: ctx.self,
      text: `ReplicaSet controller: ${name} wants ${want} Pods, has ${active.count}; deleting ${victims.length}`,
      about,
    })
    for (const pod of victims) {
      const podName = pod.metadata?.name ?? ''
      callApi(
        ctx,
        client,
        {
          method: 'DELETE',
          path: `/api/v1/namespaces/${about.namespace}/pods/${podName}`,
          label: `DELETE pods/${podName}`,
          about,
        },
        { purpose: 'rs-delete', data: rsKey },
      )
      recordBroadcastEvent(
        ctx,
        client,
        state,
        rs as KubeObject,
        'Normal',
        'SuccessfulDelete',
        `Deleted pod: ${podName}`,
        { component: 'replicaset-controller' },
      )
    }
  }
}

function updateStatus(
  ctx: ActorContext,
  client: ApiClientState,
  state: ReplicaSetControllerState,
  rs: ReplicaSet,
  active: ActivePods,
): void {
  const counted =
    countReplicasFromTally(rs, active.tally) ?? countReplicas(rs, active.list(), ctx.nowMs)
  // A pod that will become available later: look again then (syncReplicaSet's AddAfter).
  if (counted.available < counted.ready)
    enqueueAfter(ctx, state.queue, objectKey(rs as KubeObject), counted.minReadyMs + 1)
  const status = {
    replicas: active.count,
    fullyLabeledReplicas: counted.fullyLabeled,
    readyReplicas: counted.ready,
    availableReplicas: counted.available,
    observedGeneration: rs.metadata?.generation ?? 1,
  }
  const current = rs.status ?? { replicas: 0 }
  const same = (Object.keys(status) as (keyof typeof status)[]).every(
    (k) => (current[k] ?? 0) === status[k],
  )
  if (same) return
  const key = objectKey(rs as KubeObject)
  const inFlight = (state.statusInFlight ??= {})
  if (inFlight[key] !== undefined) {
    inFlight[key] = 'dirty'
    return
  }
  inFlight[key] = 'sent'
  const name = rs.metadata?.name ?? ''
  callApi(
    ctx,
    client,
    {
      method: 'PUT',
      path: `/apis/apps/v1/namespaces/${rs.metadata?.namespace ?? 'default'}/replicasets/${name}/status`,
      body: { ...rs, status },
      label: `PUT replicasets/${name}/status`,
    },
    { purpose: 'rs-status', data: key },
  )
}

/** A status write answered: sync again if more changed meanwhile (or the write conflicted). */
export function onStatusResponse(
  ctx: ActorContext,
  state: ReplicaSetControllerState,
  key: string,
  code: number,
): void {
  const was = state.statusInFlight?.[key]
  delete state.statusInFlight?.[key]
  if (was === 'dirty' || code === 409) enqueue(ctx, state.queue, key)
}

/** syncReplicaSet: compare wanted and actual replicas, act if expectations allow, report status. */
export function syncReplicaSet(
  ctx: ActorContext,
  client: ApiClientState,
  state: ReplicaSetControllerState,
  rsKey: string,
  rsInformer: InformerState,
  podInformer: InformerState,
): void {
  const rs = rsInformer.items.get(rsKey) as ReplicaSet | undefined
  if (!rs) {
    delete state.expectations[rsKey]
    return
  }
  const active = new ActivePods(podInformer, rs)
  if (
    satisfied(state, rsKey, ctx.nowMs) &&
    !rs.metadata?.deletionTimestamp &&
    !state.pendingCreates[rsKey]
  ) {
    manageReplicas(ctx, client, state, rs, active)
  }
  // A sync that sent no creates has ended without error (a batch forgets when it ends).
  if (!state.pendingCreates[rsKey]) forget(state.queue, rsKey)
  updateStatus(ctx, client, state, rs, active)
}
