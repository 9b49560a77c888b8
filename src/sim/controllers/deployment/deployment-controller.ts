/**
 * The Deployment controller inside kube-controller-manager: event handlers that queue
 * Deployments, the worker that syncs one, and the writes it sends.
 * Source: pkg/controller/deployment/deployment_controller.go (v1.32).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { objectKey, type KubeObject } from '../../model/objects'
import type { ActorContext } from '../../runtime/actor'
import { callApi, type ApiClientState } from '../../runtime/api-client'
import { recordBroadcastEvent, type EventBroadcasterOwner } from '../../runtime/event-correlator'
import { byIndex, type InformerChange, type InformerState } from '../../runtime/informer'
import {
  createWorkQueue,
  enqueue,
  enqueueAfter,
  forget,
  requeueRateLimited,
  type WorkQueue,
} from '../workqueue'
import { describeSync } from './narration'
import { syncDeployment, type DeploymentAction } from './sync'

export interface DeploymentControllerState extends EventBroadcasterOwner {
  queue: WorkQueue
  /**
   * Writes sent for a Deployment and not answered yet. Its next sync waits for them (and for the
   * watch events they cause), so it never decides twice from the same stale cache.
   * NB: upstream syncs anyway and lets the resourceVersion conflicts sort it out; waiting gives
   * the same result with fewer 409s and a readable event log.
   */
  inFlight: Record<string, number>
  /** A sync was asked for while writes were in flight. */
  dirty: Record<string, true>
}

export function createDeploymentControllerState(): DeploymentControllerState {
  return { queue: createWorkQueue('deployment'), inFlight: {}, dirty: {} }
}

/** What the Deployment controller needs from its host (kube-controller-manager). */
export interface DeploymentHost {
  client: ApiClientState
  informers: Record<string, InformerState>
  deployments: DeploymentControllerState
}

const SOURCE = { component: 'deployment-controller' }

function ownerDeploymentKey(object: KubeObject | undefined): string | undefined {
  const ref = object?.metadata?.ownerReferences?.find(
    (r) => r.controller === true && r.kind === 'Deployment',
  )
  return ref ? `${object?.metadata?.namespace ?? ''}/${ref.name}` : undefined
}

/** The event handlers: a Deployment, or any change to one of its ReplicaSets, queues it. */
export function onDeploymentChange(
  ctx: ActorContext,
  host: DeploymentHost,
  informer: string,
  change: InformerChange,
): void {
  const queue = host.deployments.queue
  if (informer === 'deployments') {
    if (change.type !== 'DELETED') enqueue(ctx, queue, objectKey(change.object))
    return
  }
  if (informer === 'replicasets') {
    for (const key of new Set([ownerDeploymentKey(change.object), ownerDeploymentKey(change.old)]))
      if (key !== undefined) enqueue(ctx, queue, key)
    return
  }
  // deletePod: a Recreate rollout waits for the old pods to be gone.
  if (informer === 'pods' && change.type === 'DELETED') {
    const pod = change.object
    const rsRef = pod.metadata?.ownerReferences?.find((r) => r.controller === true)
    const rs = rsRef
      ? host.informers['replicasets']?.items.get(`${pod.metadata?.namespace ?? ''}/${rsRef.name}`)
      : undefined
    const key = ownerDeploymentKey(rs)
    const d =
      key !== undefined ? (host.informers['deployments']?.items.get(key) as Deployment) : undefined
    if (key !== undefined && d?.spec?.strategy?.type === 'Recreate') enqueue(ctx, queue, key)
  }
}

/** The worker: sync one Deployment from the informers' caches and send what it decided. */
export function syncDeploymentKey(ctx: ActorContext, host: DeploymentHost, key: string): void {
  const deployment = host.informers['deployments']?.items.get(key) as Deployment | undefined
  const rsInformer = host.informers['replicasets']
  const podInformer = host.informers['pods']
  if (!deployment || !rsInformer || !podInformer) return
  if ((host.deployments.inFlight[key] ?? 0) > 0) {
    host.deployments.dirty[key] = true
    return
  }
  const replicaSets = byIndex(
    rsInformer,
    'controllerUid',
    deployment.metadata?.uid ?? '',
  ) as ReplicaSet[]
  const podsByRs: Record<string, Pod[]> = {}
  if (deployment.spec?.strategy?.type === 'Recreate')
    for (const rs of replicaSets) {
      const uid = rs.metadata?.uid ?? ''
      podsByRs[uid] = byIndex(podInformer, 'controllerUid', uid) as Pod[]
    }
  const actions = syncDeployment({ deployment, replicaSets, podsByRs, nowMs: ctx.nowMs })
  const narration = describeSync(deployment, replicaSets, actions)
  if (narration !== undefined) {
    const about = {
      kind: 'Deployment',
      namespace: deployment.metadata?.namespace ?? 'default',
      name: deployment.metadata?.name ?? '',
    }
    ctx.emit({ type: 'Narrated', actor: ctx.self, text: narration, about })
  }
  sendActions(ctx, host, key, deployment, coalesce(actions))
}

/**
 * Within one sync a ReplicaSet may be updated twice (annotations, then its size) and the status
 * written twice; send each object's last version once, keeping every event.
 */
function coalesce(actions: DeploymentAction[]): DeploymentAction[] {
  const lastRs = new Map<string, number>()
  let lastStatus = -1
  actions.forEach((a, i) => {
    if (a.type === 'update-rs') lastRs.set(a.rs.metadata?.name ?? '', i)
    if (a.type === 'update-status') lastStatus = i
  })
  const events: string[] = []
  const out: DeploymentAction[] = []
  actions.forEach((a, i) => {
    if (a.type === 'update-rs') {
      if (a.event !== undefined) events.push(a.event)
      if (lastRs.get(a.rs.metadata?.name ?? '') !== i) return
      out.push({ ...a, ...(events.length > 0 ? { event: events.join('\n') } : {}) })
      events.length = 0
      return
    }
    if (a.type === 'update-status' && i !== lastStatus) return
    out.push(a)
  })
  return out
}

function sendActions(
  ctx: ActorContext,
  host: DeploymentHost,
  key: string,
  deployment: Deployment,
  actions: DeploymentAction[],
): void {
  const namespace = deployment.metadata?.namespace ?? 'default'
  const name = deployment.metadata?.name ?? ''
  const about = { kind: 'Deployment', namespace, name }
  const rsPath = `/apis/apps/v1/namespaces/${namespace}/replicasets`
  const inFlight = host.deployments.inFlight
  const write = (
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    label: string,
    body?: unknown,
    event?: string,
  ) => {
    inFlight[key] = (inFlight[key] ?? 0) + 1
    callApi(
      ctx,
      host.client,
      { method, path, label, about, ...(body !== undefined ? { body } : {}) },
      { purpose: 'deployment-write', data: { key, ...(event !== undefined ? { event } : {}) } },
    )
  }
  for (const action of actions) {
    switch (action.type) {
      case 'create-rs':
        write(
          'POST',
          rsPath,
          `POST replicasets (${action.rs.metadata?.name ?? ''})`,
          action.rs,
          action.event,
        )
        break
      case 'update-rs': {
        const rsName = action.rs.metadata?.name ?? ''
        write(
          'PUT',
          `${rsPath}/${rsName}`,
          `PUT replicasets/${rsName} (replicas ${action.rs.spec?.replicas ?? 0})`,
          action.rs,
          action.event,
        )
        break
      }
      case 'delete-rs': {
        const rsName = action.rs.metadata?.name ?? ''
        write('DELETE', `${rsPath}/${rsName}`, `DELETE replicasets/${rsName} (revision history)`)
        break
      }
      case 'update-status':
        write(
          'PUT',
          `/apis/apps/v1/namespaces/${namespace}/deployments/${name}/status`,
          `PUT deployments/${name}/status`,
          action.deployment,
        )
        break
      case 'event':
        recordBroadcastEvent(
          ctx,
          host.client,
          host.deployments,
          deployment as KubeObject,
          action.eventType,
          action.reason,
          action.message,
          SOURCE,
        )
        break
      case 'requeue-after':
        enqueueAfter(ctx, host.deployments.queue, key, action.ms)
        break
    }
  }
}

/** A write answered: record its event, or retry the Deployment with back-off on failure. */
export function onDeploymentWrite(
  ctx: ActorContext,
  host: DeploymentHost,
  data: { key: string; event?: string },
  code: number,
): void {
  const { queue, inFlight, dirty } = host.deployments
  const left = (inFlight[data.key] ?? 1) - 1
  if (left > 0) inFlight[data.key] = left
  else {
    delete inFlight[data.key]
    if (dirty[data.key]) {
      delete dirty[data.key]
      enqueue(ctx, queue, data.key)
    }
  }
  if (code < 200 || code >= 300) {
    if (code !== 404) requeueRateLimited(ctx, queue, data.key)
    return
  }
  forget(queue, data.key)
  const deployment = host.informers['deployments']?.items.get(data.key)
  if (data.event === undefined || !deployment) return
  for (const message of data.event.split('\n'))
    recordBroadcastEvent(
      ctx,
      host.client,
      host.deployments,
      deployment,
      'Normal',
      'ScalingReplicaSet',
      message,
      SOURCE,
    )
}
