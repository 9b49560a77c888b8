import { summarizeAction, type SimAction } from './actions'
import { rejectReason } from './action-check'
import { BEHAVIOURS, type AnyActor } from './cluster'
import { applyFault } from './fault-actions'
import { setCapacity } from './kubelet/capacity'
import type { KubeletState } from './kubelet/state'
import { runKubectl, sendRawRequest } from './kubectl/kubectl'
import type { KubectlState } from './kubectl/state'
import { startActor, withActorContext, type KernelState, type TraceSink } from './runtime/kernel'

/**
 * Applies one action at the kernel's current time and records it in the trace; an action that
 * does not fit this cluster is recorded as rejected, with the reason, and changes nothing.
 */
export function applyAction(
  kernel: KernelState<AnyActor>,
  sink: TraceSink,
  action: SimAction,
): void {
  const rejected = rejectReason(kernel, action)
  sink.record(
    {
      type: 'ActionApplied',
      summary: summarizeAction(action),
      ...(rejected !== undefined ? { rejected } : {}),
    },
    kernel.nowMs,
  )
  if (rejected !== undefined) return
  const kubectl = kernel.actors['kubectl'] as KubectlState & { incarnation: number }
  switch (action.type) {
    case 'runKubectl':
      withActorContext(
        kernel,
        sink,
        'kubectl',
        (ctx) => {
          runKubectl(ctx, kubectl, action.commandId, action.command, action.stdin)
        },
        BEHAVIOURS,
      )
      return
    case 'apiRequest':
      withActorContext(
        kernel,
        sink,
        'kubectl',
        (ctx) => {
          sendRawRequest(ctx, kubectl, action)
        },
        BEHAVIOURS,
      )
      return
    case 'startComponent':
      // Starting a running process does nothing (a heal due after "heal all" is harmless).
      if (kernel.actors[action.id]?.running !== true)
        startActor(kernel, BEHAVIOURS, sink, action.id)
      return
    case 'setNodeCapacity':
      withActorContext(
        kernel,
        sink,
        `kubelet/${action.node}`,
        (ctx) => {
          setCapacity(ctx, kernel.actors[`kubelet/${action.node}`] as KubeletState, action)
        },
        BEHAVIOURS,
      )
      return
    default:
      applyFault(kernel, sink, action)
  }
}
