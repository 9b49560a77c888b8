import type { AnyActor } from './cluster'
import type { ComponentKind } from './runtime/actor'
import type { KernelState } from './runtime/kernel'

// Every node runs these three (15,000 actors at 5,000 nodes); the views the UI reads every
// frame (etcd's members, the API servers, kubectl) are about none of them.
const NODE_AGENTS: ReadonlySet<ComponentKind> = new Set([
  'kubelet',
  'container-runtime',
  'kube-proxy',
])

export const isNodeAgent = (kind: ComponentKind): boolean => NODE_AGENTS.has(kind)

/**
 * The kernel seen without the nodes' agents, for read-only views of the control plane. V8
 * enumerates an object of 15,000 keys (`Object.values(kernel.actors)`, dictionary mode) in tens
 * of ms, and a frame of the app reads several such views. The other actors' ids are found once
 * per kernel and count of applied actions (actors are added only when the cluster is built and
 * by an action: an etcd member added; a restore is a new kernel) and looked up by id at each
 * call, so an actor replaced under its id is read as it is now. Insertion order is kept, so a
 * view lists what it listed before, in the same order.
 */
export class ControlPlaneKernel {
  private kernel: KernelState<AnyActor> | undefined
  private appliedActions = -1
  private ids: string[] = []

  of(kernel: KernelState<AnyActor>, appliedActions: number): KernelState<AnyActor> {
    if (kernel !== this.kernel || appliedActions !== this.appliedActions) {
      this.kernel = kernel
      this.appliedActions = appliedActions
      this.ids = Object.values(kernel.actors)
        .filter((a) => !isNodeAgent(a.kind))
        .map((a) => a.id)
    }
    const actors: Record<string, AnyActor> = {}
    for (const id of this.ids) {
      const actor = kernel.actors[id]
      if (actor) actors[id] = actor
    }
    return { ...kernel, actors }
  }
}

/**
 * The control-plane kernel of a simulation, found again at each call (see ControlPlaneKernel):
 * `now` gives its kernel and the count of actions applied to it.
 */
export function controlPlaneOf(
  now: () => readonly [KernelState<AnyActor>, number],
): () => KernelState<AnyActor> {
  const view = new ControlPlaneKernel()
  return () => view.of(...now())
}
