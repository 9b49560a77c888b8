import type { SimAction, WorkloadAction } from './actions'
import type { AnyActor } from './cluster'
import {
  addMember,
  forceElection,
  heal,
  healAll,
  linkLoss,
  partition,
  removeMember,
  setDiskLatency,
  startNode,
  stopComponent,
  stopNode,
  unpartition,
  wipeMember,
} from './faults'
import type { KernelState, TraceSink } from './runtime/kernel'

type FaultAction = Exclude<
  SimAction,
  | { type: 'runKubectl' }
  | { type: 'apiRequest' }
  | { type: 'closeApiWatch' }
  | { type: 'startComponent' }
  | { type: 'setNodeCapacity' }
  | WorkloadAction
  | { type: 'writeEncryptionConfig' }
  | { type: 'restartComponent' }
  | { type: 'breakContainer' }
  | { type: 'fixContainer' }
  | { type: 'stampede' }
>

/** Applies a fault or repair a user or a lesson asked for. */
export function applyFault(
  kernel: KernelState<AnyActor>,
  sink: TraceSink,
  action: FaultAction,
): void {
  switch (action.type) {
    case 'stopComponent':
      return stopComponent(kernel, sink, action.id)
    case 'wipeEtcdMember':
      return wipeMember(kernel, sink, action.id)
    case 'partition':
      return partition(kernel, action.sides)
    case 'heal':
      return heal(kernel)
    case 'healPartition':
      return unpartition(kernel, action.sides)
    case 'healAll':
      return healAll(kernel, sink)
    case 'setLinkLoss':
      return linkLoss(kernel, action.a, action.b, action.fraction)
    case 'setDiskLatency':
      return setDiskLatency(kernel, action.id, action.fsyncMs)
    case 'addEtcdMember':
      return addMember(kernel, sink)
    case 'removeEtcdMember':
      return removeMember(kernel, sink, action.id)
    case 'raftTimeoutNow':
      return forceElection(kernel, sink, action.id)
    case 'dropMessage':
      kernel.network.droppedMessages[action.id] = true
      return
    case 'stopNode':
      return stopNode(kernel, sink, action.node)
    case 'startNode':
      return startNode(kernel, sink, action.node)
  }
}
