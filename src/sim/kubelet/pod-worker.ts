import type { Pod } from 'kubernetes-types/core/v1'
import { defaultPullPolicy } from '../apiserver/admission/defaults'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import type { CriCall, CriResponse } from '../runtime/messages'
import { onContainerCriResponse, startContainerAttempt } from './container-start'
import { aboutPod, podEvent } from './kubelet-events'
import { generatePodStatus } from './pod-status'
import { keepMountedFiles } from './projected-token'
import { reportedStatusOf, setReportedStatus } from './reported-status'
import { startProbeWorkers } from './prober'
import { strategicMergePatch, twoWayMergePatch } from '../model/strategic-merge'
import type { KubeletState, PendingCri, PodWorker } from './state'
import { assembleFiles, fetchesFor, startVolumeSetup, volumeRetryDelay } from './volumes'
import { touch } from './settled-pod'

export function cri(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  request: CriCall,
  container?: string,
  extra: Partial<PendingCri> = {},
): void {
  const requestId = state.nextCriId++
  state.pendingCri.set(requestId, {
    podUid: worker.uid,
    call: request.call,
    ...(container !== undefined ? { container } : {}),
    ...extra,
  })
  const target =
    'image' in request && request.call !== 'CreateContainer'
      ? ` ${request.image}`
      : container !== undefined
        ? ` ${container}`
        : ''
  const step = request.call === 'Probe' ? undefined : 5
  ctx.send(
    state.runtime,
    { type: 'cri-request', requestId, request },
    { label: `${request.call}${target}`, step, about: aboutPod(worker) },
  )
}

/** Step 6: the kubelet reports the pod's status through the API server (status manager). */
export function patchStatus(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  const status = generatePodStatus(state, worker, ctx.nowMs)
  // PatchPodStatus: a two-way strategic patch from the last status we know the server has.
  const reported = reportedStatusOf(worker)
  const patch = twoWayMergePatch(reported, status)
  if (Object.keys(patch).length === 0) return
  setReportedStatus(worker, strategicMergePatch(reported, patch))
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
      about: aboutPod(worker),
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
    reportedStatus: {},
    nullProbeTimes: 0,
  }
  setReportedStatus(worker, pod.status ?? {})
  state.workers[uid] = worker
  touch(state, uid)
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
    about: aboutPod(worker),
  })
  const hostname = worker.pod.spec?.hostname
  cri(ctx, state, worker, {
    call: 'RunPodSandbox',
    podUid: worker.uid,
    podName: worker.name,
    namespace: worker.namespace,
    ...(hostname !== undefined && hostname !== worker.name ? { hostname } : {}),
  })
  patchStatus(ctx, state, worker)
  startProbeWorkers(ctx, state, worker)
}

/** Every volume fetch answered: mount and start, or report what is missing and retry later. */
export function onVolumesFetched(ctx: ActorContext, state: KubeletState, worker: PodWorker): void {
  const outcome = assembleFiles(worker)
  if (outcome.ok) {
    // Mounted: the pod keeps its files; the API answers they came from are not kubelet state.
    // A new object rather than `delete`s: V8 keeps an object it deleted fields of as a hash
    // table (~860 bytes for a worker against ~150), and a worker lives as long as its Pod.
    const { fetches: _fetches, fetched: _fetched, volumeAttempt: _attempt, ...rest } = worker
    const mounted: PodWorker = { ...rest, files: keepMountedFiles(state, worker, outcome.files) }
    state.workers[worker.uid] = mounted
    for (const c of mounted.containers) delete c.waiting
    return runSandbox(ctx, state, mounted)
  }
  // Event texts: pkg/kubelet/volumemanager (FailedMount) and kuberuntime (Failed, v1.32).
  for (const m of outcome.mountErrors)
    podEvent(
      ctx,
      state,
      worker,
      'Warning',
      'FailedMount',
      `MountVolume.SetUp failed for volume "${m.volume}" : ${m.text}`,
    )
  if (outcome.mountErrors.length === 0 && outcome.envError !== undefined) {
    podEvent(ctx, state, worker, 'Warning', 'Failed', `Error: ${outcome.envError}`)
    for (const c of worker.containers)
      c.waiting = { reason: 'CreateContainerConfigError', message: outcome.envError }
    patchStatus(ctx, state, worker)
  }
  const attempt = worker.volumeAttempt ?? 0
  worker.volumeAttempt = attempt + 1
  ctx.setTimer(volumeRetryDelay(attempt), { name: 'volume-retry', data: worker.uid })
}

/** SyncPod's first pass: start the containers in order; each next one once the last has started. */
export function startNextContainer(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
): void {
  const c = worker.containers[worker.containerIndex]
  if (!c) {
    worker.stage = 'running'
    ctx.emit({
      type: 'Narrated',
      actor: ctx.self,
      text: `all containers of ${worker.name} were started; kubelet reports the Pod's status`,
      step: 6,
      about: aboutPod(worker),
    })
    patchStatus(ctx, state, worker)
    return
  }
  startContainerAttempt(ctx, state, worker, c)
}

/** Advances a pod's worker when the runtime answers. */
export function onCriResponse(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  pending: PendingCri,
  response: CriResponse,
): void {
  const call = pending.call
  // A pod deleted mid-start: StopPodSandbox (already queued behind these calls) cleans up.
  if (worker.stage === 'terminating' && call !== 'StopContainer' && call !== 'StopPodSandbox')
    return
  switch (call) {
    case 'RunPodSandbox':
      // A hostNetwork pod (kube-proxy) shares the node's network namespace and address.
      if (response.result.podIp !== undefined)
        worker.podIp =
          worker.pod.spec?.hostNetwork === true ? state.internalIp : response.result.podIp
      worker.stage = 'containers'
      return startNextContainer(ctx, state, worker)
    case 'StopContainer':
      if (worker.stage === 'terminating' && worker.containers.every((x) => x.state !== 'running'))
        cri(ctx, state, worker, { call: 'StopPodSandbox', podUid: worker.uid })
      return
    case 'StopPodSandbox':
      return finishTermination(ctx, state, worker)
    default:
      return onContainerCriResponse(ctx, state, worker, pending, response)
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
    podEvent(ctx, state, worker, 'Normal', 'Killing', `Stopping container ${c.name}`, c)
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

/**
 * A pod being deleted that this kubelet runs nothing for (its node rebooted, or it never
 * started): the status manager removes it with grace period 0 right away.
 */
export function finishDeletion(ctx: ActorContext, state: KubeletState, pod: Pod): void {
  const uid = pod.metadata?.uid ?? ''
  ;(state.finalizing ??= {})[uid] = true
  const name = pod.metadata?.name ?? ''
  const namespace = pod.metadata?.namespace ?? 'default'
  callApi(
    ctx,
    state.client,
    {
      method: 'DELETE',
      path: `/api/v1/namespaces/${namespace}/pods/${name}`,
      body: {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        gracePeriodSeconds: 0,
        preconditions: { uid },
      },
      label: `DELETE pods/${name} (grace 0)`,
      about: { kind: 'Pod', namespace, name },
    },
    { purpose: 'delete-pod' },
  )
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
      about: aboutPod(worker),
    },
    { purpose: 'delete-pod' },
  )
}
