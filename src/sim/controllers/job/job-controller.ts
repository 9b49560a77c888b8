/**
 * The Job controller inside kube-controller-manager: handlers that queue Jobs, the worker that
 * runs syncJob, and the pod creates, deletes and status writes it sends.
 * Source: pkg/controller/job/job_controller.go (v1.32).
 */
import type { Job } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime, simTimeToRfc3339 } from '../../core/time'
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
import { MAX_POD_FAILURE_BACKOFF_MS, syncJob, type JobAction } from './job-sync'
import { newControllerRef, podFromTemplate } from '../pod-template'

// MaxPodCreateDeletePerSync = 500 (job_controller.go, v1.32).
const MAX_POD_CREATE_DELETE_PER_SYNC = 500
const SOURCE = { component: 'job-controller' }

export interface JobControllerState extends EventBroadcasterOwner {
  queue: WorkQueue
  /** Writes in flight per Job: the next sync waits for them (like the controller's expectations). */
  inFlight: Record<string, number>
  dirty: Record<string, true>
  /**
   * Pods deleted before they succeeded, per Job, kept until their back-off window is over: the
   * stand-in for the batch.kubernetes.io/job-tracking finalizer, which keeps such a pod visible
   * until the controller has counted it as failed.
   */
  gone: Record<string, Record<string, Pod>>
}

export function createJobControllerState(): JobControllerState {
  return { queue: createWorkQueue('job'), inFlight: {}, dirty: {}, gone: {} }
}

export interface JobHost {
  client: ApiClientState
  informers: Record<string, InformerState>
  jobs: JobControllerState
}

function ownerJobKey(object: KubeObject | undefined): string | undefined {
  const ref = object?.metadata?.ownerReferences?.find(
    (r) => r.controller === true && r.kind === 'Job',
  )
  return ref ? `${object?.metadata?.namespace ?? ''}/${ref.name}` : undefined
}

export function onJobChange(
  ctx: ActorContext,
  host: JobHost,
  informer: string,
  change: InformerChange,
): void {
  if (informer === 'jobs') {
    if (change.type !== 'DELETED') enqueue(ctx, host.jobs.queue, objectKey(change.object))
    else delete host.jobs.gone[objectKey(change.object)]
    return
  }
  if (informer !== 'pods') return
  const key = ownerJobKey(change.object)
  if (key === undefined) return
  const pod = change.object as Pod
  if (change.type === 'DELETED' && pod.status?.phase !== 'Succeeded' && pod.metadata?.uid) {
    const deletionTimestamp = pod.metadata.deletionTimestamp ?? simTimeToRfc3339(ctx.nowMs)
    ;(host.jobs.gone[key] ??= {})[pod.metadata.uid] = {
      ...pod,
      metadata: { ...pod.metadata, deletionTimestamp },
    }
  }
  enqueue(ctx, host.jobs.queue, key)
}

/** Deleted pods still inside their back-off window (older ones no longer matter). */
function rememberedGone(jobs: JobControllerState, key: string, nowMs: number): Pod[] {
  const gone = jobs.gone[key]
  if (!gone) return []
  for (const [uid, pod] of Object.entries(gone)) {
    const deletedAt = rfc3339ToSimTime(pod.metadata?.deletionTimestamp ?? '') ?? 0
    if (nowMs - deletedAt > MAX_POD_FAILURE_BACKOFF_MS) delete gone[uid]
  }
  if (Object.keys(gone).length === 0) delete jobs.gone[key]
  return Object.values(gone)
}

export function syncJobKey(ctx: ActorContext, host: JobHost, key: string): void {
  const job = host.informers['jobs']?.items.get(key) as Job | undefined
  const podInformer = host.informers['pods']
  if (!job || !podInformer) return
  if ((host.jobs.inFlight[key] ?? 0) > 0) {
    host.jobs.dirty[key] = true
    return
  }
  const pods = [
    ...(byIndex(podInformer, 'controllerUid', job.metadata?.uid ?? '') as Pod[]),
    ...rememberedGone(host.jobs, key, ctx.nowMs),
  ]
  const actions = syncJob({ job, pods, nowMs: ctx.nowMs })
  narrate(ctx, job, pods, actions)
  for (const action of actions) send(ctx, host, key, job, action)
}

function narrate(
  ctx: ActorContext,
  job: Job,
  pods: readonly Pod[],
  actions: readonly JobAction[],
): void {
  const did = actions.flatMap((a) =>
    a.type === 'create-pods'
      ? [`creating ${a.count} pod${a.count === 1 ? '' : 's'}`]
      : a.type === 'delete-pods'
        ? [`deleting ${a.pods.length} pod${a.pods.length === 1 ? '' : 's'}`]
        : a.type === 'event' && a.reason !== 'SuccessfulCreate'
          ? [a.message]
          : a.type === 'requeue-after' && a.ms > 0 && !actions.some((b) => b.type === 'create-pods')
            ? [`back-off: next pod in ${Math.round(a.ms / 1000)}s`]
            : [],
  )
  if (did.length === 0) return
  const count = (p: string) => pods.filter((x) => x.status?.phase === p).length
  const name = job.metadata?.name ?? ''
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `Job ${name}: ${count('Succeeded')} of ${job.spec?.completions ?? 1} succeeded, ${count('Failed')} failed (backoffLimit ${job.spec?.backoffLimit ?? 6}), parallelism ${job.spec?.parallelism ?? 1} → ${did.join('; ')}`,
    about: { kind: 'Job', namespace: job.metadata?.namespace ?? 'default', name },
  })
}

function send(ctx: ActorContext, host: JobHost, key: string, job: Job, action: JobAction): void {
  const namespace = job.metadata?.namespace ?? 'default'
  const name = job.metadata?.name ?? ''
  const about = { kind: 'Job', namespace, name }
  const call = (
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    label: string,
    purpose: string,
    body?: unknown,
  ) => {
    host.jobs.inFlight[key] = (host.jobs.inFlight[key] ?? 0) + 1
    callApi(
      ctx,
      host.client,
      { method, path, label, about, ...(body !== undefined ? { body } : {}) },
      { purpose, data: key },
    )
  }
  switch (action.type) {
    case 'create-pods':
      for (let i = 0; i < Math.min(action.count, MAX_POD_CREATE_DELETE_PER_SYNC); i++)
        call(
          'POST',
          `/api/v1/namespaces/${namespace}/pods`,
          `POST pods (Job ${name})`,
          'job-create',
          podFromTemplate(job, job.spec?.template, newControllerRef(job, 'batch/v1', 'Job')),
        )
      return
    case 'delete-pods':
      for (const pod of action.pods.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)) {
        const podName = pod.metadata?.name ?? ''
        call(
          'DELETE',
          `/api/v1/namespaces/${namespace}/pods/${podName}`,
          `DELETE pods/${podName}`,
          'job-write',
        )
        recordBroadcastEvent(
          ctx,
          host.client,
          host.jobs,
          job as KubeObject,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${podName}`,
          SOURCE,
        )
      }
      return
    case 'update-status':
      call(
        'PUT',
        `/apis/batch/v1/namespaces/${namespace}/jobs/${name}/status`,
        `PUT jobs/${name}/status`,
        'job-write',
        { ...job, status: action.status },
      )
      return
    case 'event':
      recordBroadcastEvent(
        ctx,
        host.client,
        host.jobs,
        job as KubeObject,
        action.eventType,
        action.reason,
        action.message,
        SOURCE,
      )
      return
    case 'requeue-after':
      enqueueAfter(ctx, host.jobs.queue, key, action.ms)
      return
  }
}

/** A create, delete or status write answered: events, back-off on failure, and the next sync. */
export function onJobWrite(
  ctx: ActorContext,
  host: JobHost,
  purpose: string,
  key: string,
  code: number,
  body: unknown,
): void {
  const state = host.jobs
  const left = (state.inFlight[key] ?? 1) - 1
  if (left > 0) state.inFlight[key] = left
  else {
    delete state.inFlight[key]
    if (state.dirty[key]) {
      delete state.dirty[key]
      enqueue(ctx, state.queue, key)
    }
  }
  if (code < 200 || code >= 300) {
    if (code !== 404) requeueRateLimited(ctx, state.queue, key)
    return
  }
  forget(state.queue, key)
  const job = host.informers['jobs']?.items.get(key)
  if (purpose === 'job-create' && job) {
    const podName = (body as KubeObject).metadata?.name ?? ''
    recordBroadcastEvent(
      ctx,
      host.client,
      host.jobs,
      job,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${podName}`,
      SOURCE,
    )
  }
}
