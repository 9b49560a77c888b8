import { summarizeAction, type SimAction } from './actions'
import { rejectReason } from './action-check'
import { BEHAVIOURS, type AnyActor } from './cluster'
import { applyFault } from './fault-actions'
import { notifyStaticPod, stopComponent } from './faults'
import { setCapacity } from './kubelet/capacity'
import { breakContainer, fixContainer } from './kubelet/container-faults'
import { containerStopped } from './kubelet/container-runtime'
import type { KubeletState } from './kubelet/state'
import { runKubectl } from './kubectl/kubectl'
import { startStampede } from './kubectl/stampede'
import { DEFAULT_CHUNK_SIZE } from './kubectl/get-pages'
import { closeRawWatch, sendRawRequest } from './kubectl/raw-request'
import type { KubectlState } from './kubectl/state'
import { applyWorkloadAction } from './workload-actions'
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
  const kubectl = () => kernel.actors['kubectl'] as KubectlState
  const onActor = (id: string, run: Parameters<typeof withActorContext>[3]) => {
    withActorContext(kernel, sink, id, run, BEHAVIOURS)
  }
  switch (action.type) {
    case 'runKubectl':
      return onActor('kubectl', (ctx) =>
        runKubectl(ctx, kubectl(), action.commandId, action.command, action.stdin),
      )
    case 'apiRequest':
      return onActor('kubectl', (ctx) => sendRawRequest(ctx, kubectl(), action))
    case 'interruptKubectl':
    case 'sendTraffic':
    case 'setKubeProxyMode':
      applyWorkloadAction(kernel, sink, action, BEHAVIOURS)
      return
    case 'stampede':
      return onActor('kubectl', (ctx) =>
        startStampede(
          ctx,
          kubectl(),
          action.requests,
          action.chunkSize ?? DEFAULT_CHUNK_SIZE,
          action.resourceVersion,
        ),
      )
    case 'closeApiWatch':
      return onActor('kubectl', (ctx) => closeRawWatch(ctx, kubectl(), action.requestId))
    case 'startComponent':
      // Starting a running process does nothing (a heal due after "heal all" is harmless).
      if (kernel.actors[action.id]?.running !== true) {
        startActor(kernel, BEHAVIOURS, sink, action.id)
        notifyStaticPod(kernel, sink, action.id, true)
      }
      return
    case 'writeEncryptionConfig':
      // The file on the control-plane host; kube-apiserver reads it at its next start.
      for (const actor of Object.values(kernel.actors))
        if (actor.kind === 'kube-apiserver') actor.encryptionConfigFile = action.yaml
      return
    case 'restartComponent':
      stopComponent(kernel, sink, action.id)
      startActor(kernel, BEHAVIOURS, sink, action.id)
      return
    case 'breakContainer':
      return breakContainer(kernel, sink, action, containerStopped)
    case 'fixContainer':
      return fixContainer(kernel, action)
    case 'setNodeCapacity': {
      const id = `kubelet/${action.node}`
      return onActor(id, (ctx) => setCapacity(ctx, kernel.actors[id] as KubeletState, action))
    }
    default:
      applyFault(kernel, sink, action)
  }
}
