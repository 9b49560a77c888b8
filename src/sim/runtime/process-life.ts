import type { ActorContext, TimerBody } from './actor'

/**
 * A component process that restarts without the kernel restarting the actor (kube-controller-
 * manager and kube-scheduler exit when they lose leadership, and the kubelet starts them again):
 * every timer it sets carries the life it was set in, so a later life ignores it.
 */
export function lifeContext(ctx: ActorContext, life: number): ActorContext {
  // Not `{ ...ctx }`: the kernel's context keeps its methods on a prototype, which a spread drops.
  return {
    nowMs: ctx.nowMs,
    self: ctx.self,
    send: (to, body, options) => {
      ctx.send(to, body, options)
    },
    emit: (event) => {
      ctx.emit(event)
    },
    setTimer: (delayMs: number, timer: TimerBody) => {
      ctx.setTimer(delayMs, { name: timer.name, data: { life, inner: timer.data } })
    },
  }
}

/** The timer as it was set, or undefined when an earlier life set it. */
export function timerOfLife(timer: TimerBody, life: number): TimerBody | undefined {
  const data = timer.data as { life?: unknown; inner?: unknown } | undefined
  if (data?.life !== life) return undefined
  return data.inner === undefined ? { name: timer.name } : { name: timer.name, data: data.inner }
}
