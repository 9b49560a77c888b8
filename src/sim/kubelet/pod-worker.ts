import type { Pod } from 'kubernetes-types/core/v1'
import { defaultPullPolicy } from '../apiserver/admission/defaults'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { formatGoDuration, recordEvent } from '../runtime/events-recorder'
import type { CriCall, CriResponse } from '../runtime/messages'
import { generatePodStatus } from './pod-status'
import { strategicMergePatch, twoWayMergePatch } from '../model/strategic-merge'
import type { KubeletState, PodWorker } from './state'
import { assembleFiles, fetchesFor, startVolumeSetup, volumeRetryDelay } from './volumes'

const about = (w: PodWorker) => ({ kind: 'Pod', namespace: w.namespace, name: w.name })

function cri(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  request: CriCall,
  container?: string,
): void {
  const requestId = state.nextCriId++
  state.pendingCri[requestId] = {
    podUid: worker.uid,
    call: request.call,
    ...(container !== undefined ? { container } : {}),
  }
  const target =
    'image' in request && request.call !== 'CreateContainer'
      ? ` ${request.image}`
      : container !== undefined
        ? ` ${container}`
        : ''
  ctx.send(
    state.runtime,
    { type: 'cri-request', requestId, request },
    { label: `${request.call}${target}`, step: 5, about: about(worker) },
  )
}

function event(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  recordEvent(ctx, state.client, worker.pod as KubeObject, type, reason, message, {
    component: 'kubelet',
    host: state.nodeName,
  })
}

/** Step 6: the kubelet reports the pod's status through the API server (status manager). */
export function patchStatus(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  const status = generatePodStatus(state, worker, ctx.nowMs)
  // PatchPodStatus: a two-way strategic patch from the last status we know the server has.
  const patch = twoWayMergePatch(worker.reportedStatus, status)
  worker.reportedStatus = strategicMergePatch(worker.reportedStatus, patch)
  callApi(
    ctx,
    state.client,
    {
      method: 'PATCH',
      path: `/api/v1/namespaces/${worker.namespace}/pods/${worker.name}/status`,
      body: { metadata: { uid: worker.uid }, status: patch },
      contentType: 'application/strategic-merge-patch+json',
      label: `PATCH pods/${worker.name}/status (${status.phase ?? ''})`,
      step: 6,
      about: about(worker),
    },
    { purpose: 'status' },
  )
}

/** Step 4 → 5: a pod newly bound to this node; start its sandbox, then report ContainerCreating. */
export function beginSync(ctx: ActorContext, state: KubeletState, pod: Pod): void {
  const uid = pod.metadata?.uid ?? ''
  const worker: PodWorker = {
    uid,
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    stage: 'sandbox',
    containerIndex: 0,
    containers: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      pullPolicy: c.imagePullPolicy ?? defaultPullPolicy(c.image ?? ''),
      state: 'waiting',
    })),
    startTimeMs: ctx.nowMs,
    pod,
    reportedStatus: pod.status ?? {},
  }
  state.workers[uid] = worker
  if (fetchesFor(pod).length > 0) startVolumeSetup(ctx, state, worker)
  else runSandbox(ctx, state, worker)
}

/** Volumes are ready (or there are none): ask the runtime for the pod's sandbox. */
export function runSandbox(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  worker.stage = 'sandbox'
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `kubelet on ${state.nodeName} saw Pod ${worker.name} bound to it and asks the runtime to start it`,
    step: 5,
    about: about(worker),
  })
  cri(ctx, state, worker, {
    call: 'RunPodSandbox',
    podUid: worker.uid,
    podName: worker.name,
    namespace: worker.namespace,
  })
  patchStatus(ctx, state, worker)
}

/** Every volume fetch answered: mount and start, or report what is missing and retry later. */
export function onVolumesFetched(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  const outcome = assembleFiles(worker)
  if (outcome.ok) {
    worker.files = outcome.files
    for (const c of worker.containers) {
      delete c.waitingReason
      delete c.waitingMessage
    }
    return runSandbox(ctx, state, worker)
  }
  // Event texts: pkg/kubelet/volumemanager (FailedMount) and kuberuntime (Failed, v1.32).
  for (const m of outcome.mountErrors)
    event(
      ctx,
      state,
      worker,
      'Warning',
      'FailedMount',
      `MountVolume.SetUp failed for volume "${m.volume}" : ${m.text}`,
    )
  if (outcome.mountErrors.length === 0 && outcome.envError !== undefined) {
    event(ctx, state, worker, 'Warning', 'Failed', `Error: ${outcome.envError}`)
    for (const c of worker.containers) {
      c.waitingReason = 'CreateContainerConfigError'
      c.waitingMessage = outcome.envError
    }
    patchStatus(ctx, state, worker)
  }
  const attempt = worker.volumeAttempt ?? 0
  worker.volumeAttempt = attempt + 1
  ctx.setTimer(volumeRetryDelay(attempt), { name: 'volume-retry', data: worker.uid })
}

function startContainer(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  const c = worker.containers[worker.containerIndex]
  if (!c) {
    worker.stage = 'running'
    ctx.emit({
      type: 'Narrated',
      actor: ctx.self,
      text: `all containers of ${worker.name} are running; kubelet reports status Running`,
      step: 6,
      about: about(worker),
    })
    patchStatus(ctx, state, worker)
    return
  }
  cri(ctx, state, worker, { call: 'ImageStatus', image: c.image }, c.name)
}

function onImageStatus(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  response: CriResponse,
): void {
  const c = worker.containers[worker.containerIndex]
  if (!c) return
  if (response.result.present === true && c.pullPolicy !== 'Always') {
    event(
      ctx,
      state,
      worker,
      'Normal',
      'Pulled',
      `Container image "${c.image}" already present on machine`,
    )
    cri(
      ctx,
      state,
      worker,
      { call: 'CreateContainer', podUid: worker.uid, containerName: c.name, image: c.image },
      c.name,
    )
    return
  }
  c.pullStartedMs = ctx.nowMs
  // Source: image_manager.go EnsureImageExists event texts (pkg/kubelet/images, v1.32)
  event(ctx, state, worker, 'Normal', 'Pulling', `Pulling image "${c.image}"`)
  cri(ctx, state, worker, { call: 'PullImage', image: c.image }, c.name)
}

/** Advances a pod's worker when the runtime answers. */
export function onCriResponse(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  call: CriCall['call'],
  response: CriResponse,
): void {
  const c = worker.containers[worker.containerIndex]
  // A pod deleted mid-start: StopPodSandbox (already queued behind these calls) cleans up.
  if (worker.stage === 'terminating' && call !== 'StopContainer' && call !== 'StopPodSandbox')
    return
  switch (call) {
    case 'RunPodSandbox':
      if (response.result.podIp !== undefined) worker.podIp = response.result.podIp
      worker.stage = 'containers'
      return startContainer(ctx, state, worker)
    case 'ImageStatus':
      return onImageStatus(ctx, state, worker, response)
    case 'PullImage': {
      if (!c) return
      const took = formatGoDuration(ctx.nowMs - (c.pullStartedMs ?? ctx.nowMs))
      event(
        ctx,
        state,
        worker,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${response.result.imageSizeBytes ?? 0} bytes.`,
      )
      return cri(
        ctx,
        state,
        worker,
        { call: 'CreateContainer', podUid: worker.uid, containerName: c.name, image: c.image },
        c.name,
      )
    }
    case 'CreateContainer':
      if (!c || response.result.containerId === undefined) return
      c.id = response.result.containerId
      // Source: kuberuntime_container.go startContainer event texts (v1.32)
      event(ctx, state, worker, 'Normal', 'Created', `Created container: ${c.name}`)
      return cri(ctx, state, worker, { call: 'StartContainer', containerId: c.id }, c.name)
    case 'StartContainer':
      if (!c) return
      c.state = 'running'
      c.startedAtMs = ctx.nowMs
      event(ctx, state, worker, 'Normal', 'Started', `Started container ${c.name}`)
      worker.containerIndex++
      return startContainer(ctx, state, worker)
    case 'StopContainer':
      if (worker.containers.every((x) => x.state !== 'running'))
        cri(ctx, state, worker, { call: 'StopPodSandbox', podUid: worker.uid })
      return
    case 'StopPodSandbox':
      return finishTermination(ctx, state, worker)
  }
}

/** Graceful deletion: SIGTERM every running container, then remove the sandbox. */
export function beginTermination(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  pod: Pod,
): void {
  if (worker.stage === 'terminating') return
  worker.stage = 'terminating'
  worker.pod = pod
  const grace =
    pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30
  const running = worker.containers.filter((c) => c.state === 'running' && c.id !== undefined)
  for (const c of running) {
    // Source: kuberuntime_container.go killContainer, events.KillingContainer (v1.32)
    event(ctx, state, worker, 'Normal', 'Killing', `Stopping container ${c.name}`)
    c.state = 'terminated'
    cri(
      ctx,
      state,
      worker,
      { call: 'StopContainer', containerId: c.id ?? '', timeoutSeconds: grace },
      c.name,
    )
  }
  if (running.length === 0) cri(ctx, state, worker, { call: 'StopPodSandbox', podUid: worker.uid })
}

/** Resources reclaimed: the status manager finishes the deletion with grace period 0. */
function finishTermination(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  callApi(
    ctx,
    state.client,
    {
      method: 'DELETE',
      path: `/api/v1/namespaces/${worker.namespace}/pods/${worker.name}`,
      body: {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        gracePeriodSeconds: 0,
        preconditions: { uid: worker.uid },
      },
      label: `DELETE pods/${worker.name} (grace 0)`,
      about: about(worker),
    },
    { purpose: 'delete-pod' },
  )
}
