/**
 * The kubelet's workload traffic besides Pod sync: container events from the runtime, the
 * log endpoint the API server proxies to, and the timers of restarts, pulls and probes.
 */
import type { ActorContext, TimerBody } from '../runtime/actor'
import type { MessageBody } from '../runtime/messages'
import { onLogCancel, onLogChunk, onLogRequest } from './container-logs'
import { onContainerStopped, onRestartTimer } from './container-restart'
import { onImageResyncTimer } from './image-pull'
import { onProbeTimer } from './prober'
import type { KubeletState } from './state'
import { workerOf } from './settled-pod'

export function onWorkloadMessage(
  ctx: ActorContext,
  state: KubeletState,
  from: string,
  body: MessageBody,
): void {
  switch (body.type) {
    case 'cri-container-stopped': {
      const worker = workerOf(state, body.podUid)
      if (worker) onContainerStopped(ctx, state, worker, body)
      return
    }
    case 'http-request':
      if (body.path.startsWith('/containerLogs/')) onLogRequest(ctx, state, from, body)
      return
    case 'log-chunk':
      return onLogChunk(ctx, state, body)
    case 'http-cancel':
      return onLogCancel(ctx, state, from, body)
    default:
      return
  }
}

/** Returns whether the timer was one of these. */
export function onWorkloadTimer(ctx: ActorContext, state: KubeletState, timer: TimerBody): boolean {
  return (
    onRestartTimer(ctx, state, timer) ||
    onImageResyncTimer(ctx, state, timer) ||
    onProbeTimer(ctx, state, timer)
  )
}
