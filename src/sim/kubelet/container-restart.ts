/**
 * What the kubelet does when a container's process ends: the restart policy decides whether it
 * comes back; the back-off decides when. The first restart is immediate (no back-off entry
 * yet); then each sync inside the window reports CrashLoopBackOff with upstream's message and
 * a `BackOff` event, and the container starts again exactly when the window measured from its
 * FinishedAt closes: 10, 20, 40, 80, 160, 300, 300 s. The window resets after 10 minutes
 * without a failure. Source: kuberuntime_manager.go doBackOff, SyncPod;
 * pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses (reasonCache) (v1.32).
 * NB: the real pod worker resyncs a backed-off Pod every 10 s (+ up to 50% jitter) and starts
 * the container at the first resync after the window; here the last resync lands exactly on
 * the window's end, so restart times are the back-off itself.
 */
import type { ActorContext, TimerBody } from '../runtime/actor'
import type { ContainerStoppedEvent } from '../runtime/workload-messages'
import { backoffGet, backoffNext, goDurationSeconds, isInBackOffSince } from './backoff'
import { startContainerAttempt } from './container-start'
import { containerBackoff, containerNamed, podEvent, podFormat } from './kubelet-events'
import { patchStatus } from './pod-worker'
import type { ContainerProgress, KubeletState, PodWorker } from './state'
import { workerOf } from './settled-pod'

// backOffPeriod = 10 s: how often the pod worker resyncs a Pod whose sync failed
// (pkg/kubelet/pod_workers.go, v1.32).
export const POD_RESYNC_ON_ERROR_MS = 10_000

/** ShouldContainerBeRestarted, for a container that has exited. */
function shouldRestart(worker: PodWorker, c: ContainerProgress): boolean {
  const policy = worker.pod.spec?.restartPolicy ?? 'Always'
  if (policy === 'Always') return true
  if (policy === 'OnFailure') return (c.terminated?.exitCode ?? 0) !== 0
  return false
}

const backoffKey = (worker: PodWorker, c: ContainerProgress): string => `${worker.uid}/${c.name}`

/** The runtime says a container's process ended (it crashed, completed, or was killed). */
export function onContainerStopped(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  event: ContainerStoppedEvent,
): void {
  const c = containerNamed(worker, event.containerName)
  if (c?.id !== event.containerId || worker.stage === 'terminating') return
  c.state = 'terminated'
  c.starting = false
  c.terminated = {
    exitCode: event.exitCode,
    reason: event.reason,
    startedAtMs: event.startedAtMs,
    finishedAtMs: event.finishedAtMs,
    containerId: event.containerId,
  }
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `container ${c.name} of ${worker.name} exited with code ${event.exitCode} (${event.reason})`,
    about: { kind: 'Pod', namespace: worker.namespace, name: worker.name },
  })
  onContainerEnded(ctx, state, worker, c)
}

/** A container ended: sync it now (status first, then restart or back off). */
export function onContainerEnded(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
): void {
  syncContainer(ctx, state, worker, c)
}

/** One pod sync's decision for an exited container (SyncPod → doBackOff → startContainer). */
function syncContainer(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
): void {
  // generateAPIPodStatus runs before the runtime sync: it shows the last sync's reason.
  patchStatus(ctx, state, worker)
  if (!c.terminated || !shouldRestart(worker, c)) return
  const backoff = containerBackoff(state)
  const key = backoffKey(worker, c)
  const finishedAt = c.terminated.finishedAtMs
  if (isInBackOffSince(backoff, key, finishedAt, ctx.nowMs)) {
    const pod = podFormat(worker)
    podEvent(
      ctx,
      state,
      worker,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${pod}`,
      c,
    )
    c.waiting = {
      reason: 'CrashLoopBackOff',
      message: `back-off ${goDurationSeconds(backoffGet(backoff, key))} restarting failed container=${c.name} pod=${pod}`,
    }
    const restartAt = finishedAt + backoffGet(backoff, key)
    const resyncAt = Math.min(ctx.nowMs + POD_RESYNC_ON_ERROR_MS, restartAt)
    ctx.setTimer(resyncAt - ctx.nowMs, {
      name: 'container-resync',
      data: { uid: worker.uid, container: c.name, finishedAtMs: finishedAt },
    })
    return
  }
  backoffNext(backoff, key, finishedAt, ctx.nowMs)
  c.restarting = true
  ctx.emit({
    type: 'Narrated',
    actor: ctx.self,
    text: `kubelet restarts container ${c.name} of ${worker.name} (restart policy ${worker.pod.spec?.restartPolicy ?? 'Always'}); next back-off ${goDurationSeconds(backoffGet(backoff, key))}`,
    about: { kind: 'Pod', namespace: worker.namespace, name: worker.name },
  })
  startContainerAttempt(ctx, state, worker, c)
}

/** The pod worker's resync of a backed-off container; stale timers do nothing. */
export function onRestartTimer(ctx: ActorContext, state: KubeletState, timer: TimerBody): boolean {
  if (timer.name !== 'container-resync') return false
  const { uid, container, finishedAtMs } = timer.data as {
    uid: string
    container: string
    finishedAtMs: number
  }
  const worker = workerOf(state, uid)
  const c = worker ? containerNamed(worker, container) : undefined
  if (!worker || !c || worker.stage === 'terminating') return true
  if (c.state !== 'terminated' || c.starting || c.terminated?.finishedAtMs !== finishedAtMs)
    return true
  syncContainer(ctx, state, worker, c)
  return true
}
