import type { AnyActor } from '../cluster'
import type { KernelState } from '../runtime/kernel'

/**
 * One container as its node's runtime knows it: what `crictl ps -a` would list on that node.
 * This is the truth about what runs, independent of the API server and etcd: when the control
 * plane is down, the Pods' containers keep running here.
 */
export interface ContainerView {
  node: string
  podUid: string
  name: string
  image: string
  state: 'created' | 'running' | 'exited'
  /** Whether the runtime process itself is up (a stopped runtime's containers are not served). */
  runtimeRunning: boolean
}

/** Every container on every node, in node then creation order. Pure read. */
export function containersOf(kernel: KernelState<AnyActor>): ContainerView[] {
  const views: ContainerView[] = []
  for (const actor of Object.values(kernel.actors)) {
    if (actor.kind !== 'container-runtime') continue
    for (const c of Object.values(actor.containers))
      views.push({
        node: actor.host,
        podUid: c.podUid,
        name: c.name,
        image: c.image,
        state: c.state,
        runtimeRunning: actor.running,
      })
  }
  return views
}
