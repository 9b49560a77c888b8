/**
 * Image pulls that fail, as the kubelet's image manager handles them: the failed pull reports
 * `ErrImagePull` with the runtime's error and starts a back-off (10 s doubling to 300 s, keyed
 * by Pod and image); syncs inside the window report `ImagePullBackOff` without pulling; the
 * next pull comes when the window (measured from the failure) closes.
 * Source: pkg/kubelet/images/image_manager.go EnsureImageExists; kuberuntime_container.go
 * startContainer ("Error: %v") (v1.32).
 * NB: a status shows the new reason at once; the real kubelet shows it at its next sync
 * (about a second later, prompted by the sandbox's PLEG event).
 */
import type { ActorContext, TimerBody } from '../runtime/actor'
import { backoffNext, isInBackOffSinceUpdate } from './backoff'
import { startContainerAttempt } from './container-start'
import { containerNamed, imageBackoff, podEvent } from './kubelet-events'
import { patchStatus } from './pod-worker'
import { POD_RESYNC_ON_ERROR_MS } from './container-restart'
import type { ContainerProgress, KubeletState, PodWorker } from './state'
import { workerOf } from './settled-pod'

// The PLEG relists every second (relistPeriod, pkg/kubelet/kubelet.go v1.32): the next sync
// after a failed pull comes that soon, because the new sandbox is an event.
const PLEG_RELIST_MS = 1_000

const key = (worker: PodWorker, c: ContainerProgress): string => `${worker.uid}_${c.image}`

function resyncAt(ctx: ActorContext, worker: PodWorker, c: ContainerProgress, atMs: number): void {
  ctx.setTimer(Math.max(0, atMs - ctx.nowMs), {
    name: 'image-resync',
    data: { uid: worker.uid, container: c.name },
  })
}

export function onPullFailed(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
  error: string,
): void {
  c.starting = false
  podEvent(
    ctx,
    state,
    worker,
    'Warning',
    'Failed',
    `Failed to pull image "${c.image}": ${error}`,
    c,
  )
  backoffNext(imageBackoff(state), key(worker, c), ctx.nowMs, ctx.nowMs)
  podEvent(ctx, state, worker, 'Warning', 'Failed', 'Error: ErrImagePull', c)
  c.waiting = { reason: 'ErrImagePull', message: error }
  patchStatus(ctx, state, worker)
  resyncAt(ctx, worker, c, ctx.nowMs + PLEG_RELIST_MS)
}

/** Inside the pull back-off window: report ImagePullBackOff and wait; returns whether it was. */
export function inImagePullBackOff(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
): boolean {
  const backoff = imageBackoff(state)
  const k = key(worker, c)
  if (!isInBackOffSinceUpdate(backoff, k, ctx.nowMs)) return false
  c.starting = false
  const message = `Back-off pulling image "${c.image}"`
  podEvent(ctx, state, worker, 'Normal', 'BackOff', message, c)
  podEvent(ctx, state, worker, 'Warning', 'Failed', 'Error: ImagePullBackOff', c)
  c.waiting = { reason: 'ImagePullBackOff', message }
  patchStatus(ctx, state, worker)
  const entry = backoff.entries[k]
  const windowEnds = entry ? entry.lastUpdateMs + entry.backoffMs : ctx.nowMs
  resyncAt(ctx, worker, c, Math.min(ctx.nowMs + POD_RESYNC_ON_ERROR_MS, windowEnds))
  return true
}

/** The resync of a container waiting for its image; stale timers do nothing. */
export function onImageResyncTimer(
  ctx: ActorContext,
  state: KubeletState,
  timer: TimerBody,
): boolean {
  if (timer.name !== 'image-resync') return false
  const { uid, container } = timer.data as { uid: string; container: string }
  const worker = workerOf(state, uid)
  const c = worker ? containerNamed(worker, container) : undefined
  if (!worker || !c || worker.stage === 'terminating' || c.starting) return true
  const reason = c.waiting?.reason
  if (reason !== 'ErrImagePull' && reason !== 'ImagePullBackOff') return true
  startContainerAttempt(ctx, state, worker, c)
  return true
}
