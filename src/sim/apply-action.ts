import { summarizeAction, type SimAction } from './actions'
import { BEHAVIOURS, type AnyActor } from './cluster'
import { applyFault } from './fault-actions'
import { stopComponent } from './faults'
import { setCapacity } from './kubelet/capacity'
import type { KubeletState } from './kubelet/state'
import { runKubectl } from './kubectl/kubectl'
import { sendRawRequest } from './kubectl/raw-request'
import type { KubectlState } from './kubectl/state'
import { startActor, withActorContext, type KernelState, type TraceSink } from './runtime/kernel'

/** Applies one user action to the cluster now, recording it in the trace first. */
export function applyAction(
  kernel: KernelState<AnyActor>,
  sink: TraceSink,
  action: SimAction,
): void {
  sink.record({ type: 'ActionApplied', summary: summarizeAction(action) }, kernel.nowMs)
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
    case 'startComponent':
      startActor(kernel, BEHAVIOURS, sink, action.id)
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
    case 'setNodeCapacity': {
      const id = `kubelet/${action.node}`
      return onActor(id, (ctx) => setCapacity(ctx, kernel.actors[id] as KubeletState, action))
    }
    default:
      applyFault(kernel, sink, action)
  }
}
