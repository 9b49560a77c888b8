/**
 * The SimActions about workloads and Services: interrupting a streaming kubectl, a client Pod
 * sending requests to a Service, and switching kube-proxy's mode.
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { WorkloadAction } from './actions'
import { decodeObject } from './apiserver/codec'
import type { AnyActor } from './cluster'
import type { ContainerRuntimeState } from './kubelet/runtime-state'
import type { KubeProxyState } from './kube-proxy/kube-proxy'
import { startTraffic, unresolved } from './kube-proxy/traffic'
import { interruptCommand } from './kubectl/logs'
import type { KubectlState } from './kubectl/state'
import {
  startActor,
  withActorContext,
  type BehaviourTable,
  type KernelState,
  type TraceSink,
} from './runtime/kernel'
import { observedStore } from './snapshot'
import { kvGetIn } from './etcd/kv-index'

// The client waits this long between requests unless told otherwise.
const DEFAULT_INTERVAL_MS = 100

/** The ClusterIP and port a Service name resolves to (what CoreDNS would answer from the API). */
function resolveService(kernel: KernelState<AnyActor>, key: string): Service | undefined {
  const [namespace = 'default', name = ''] = key.includes('/') ? key.split('/') : ['default', key]
  const kv = kvGetIn(observedStore(kernel)?.mvcc, `/registry/services/specs/${namespace}/${name}`)
  return kv ? (decodeObject(kv) as Service) : undefined
}

function clientRuntime(
  kernel: KernelState<AnyActor>,
  pod: string,
): { runtime: ContainerRuntimeState; ip: string } | undefined {
  const [namespace = 'default', name = ''] = pod.includes('/') ? pod.split('/') : ['default', pod]
  for (const actor of Object.values(kernel.actors)) {
    if (actor.kind !== 'container-runtime') continue
    const sandbox = Object.values(actor.sandboxes).find(
      (s) => s.name === name && s.namespace === namespace,
    )
    if (sandbox) return { runtime: actor, ip: sandbox.ip }
  }
  return undefined
}

export function applyWorkloadAction(
  kernel: KernelState<AnyActor>,
  sink: TraceSink,
  action: WorkloadAction,
  behaviours: BehaviourTable,
): void {
  switch (action.type) {
    case 'interruptKubectl':
      withActorContext(
        kernel,
        sink,
        'kubectl',
        (ctx) => {
          interruptCommand(ctx, kernel.actors['kubectl'] as KubectlState, action.commandId)
        },
        behaviours,
      )
      return
    case 'sendTraffic': {
      const client = clientRuntime(kernel, action.from)
      const svc = resolveService(kernel, action.service)
      const port = action.port ?? svc?.spec?.ports?.[0]?.port ?? 80
      if (!client) return
      withActorContext(
        kernel,
        sink,
        client.runtime.id,
        (ctx) => {
          const vip = svc?.spec?.clusterIP
          if (!vip || vip === 'None') return unresolved(ctx, action.runId, action.count)
          startTraffic(ctx, client.runtime, {
            runId: action.runId,
            clientIp: client.ip,
            vip,
            port,
            path: '/',
            count: action.count,
            intervalMs: action.intervalMs ?? DEFAULT_INTERVAL_MS,
          })
        },
        behaviours,
      )
      return
    }
    case 'setKubeProxyMode':
      for (const actor of Object.values(kernel.actors)) {
        if (actor.kind !== 'kube-proxy') continue
        ;(actor as KubeProxyState).mode = action.mode
        if (actor.running) startActor(kernel, behaviours, sink, actor.id)
      }
      return
  }
}
