/**
 * The FailedScheduling message: FitError.Error().
 * Source: framework.FitError / Diagnosis, pkg/scheduler/framework/types.go (v1.32)
 */
import type { NodeToStatus } from './framework/interface'

// NoNodeAvailableMsg = "0/%v nodes are available": framework/types.go (v1.32)
export const NO_NODE_AVAILABLE_MSG = (numAllNodes: number): string =>
  `0/${numAllNodes} nodes are available`
// ErrNoNodesAvailable: pkg/scheduler/schedule_one.go (v1.32)
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods'

export interface Diagnosis {
  nodeToStatus: NodeToStatus
  /** Plugins that rejected the pod somewhere (UnschedulablePlugins): drives queueing hints. */
  unschedulablePlugins: string[]
  /** Plugins that returned Pending (PendingPlugins). */
  pendingPlugins: string[]
  preFilterMsg: string
  postFilterMsg: string
}

/**
 * The reason histogram: "<count> <reason>" per distinct reason over the nodes with an explicit
 * status, plus the absent-nodes status × the number of absent nodes; sorted as Go sort.Strings
 * (byte order, so "10 x" sorts before "2 y").
 */
export function reasonHistogram(numAllNodes: number, nodeToStatus: NodeToStatus): string[] {
  const counts = new Map<string, number>()
  const explicit = Object.values(nodeToStatus.statuses)
  for (const status of explicit) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  }
  if (explicit.length < numAllNodes) {
    for (const reason of nodeToStatus.absentNodesStatus.reasons) {
      counts.set(reason, (counts.get(reason) ?? 0) + numAllNodes - explicit.length)
    }
  }
  const out = [...counts].map(([reason, n]) => `${n} ${reason}`)
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * FitError.Error(): "0/N nodes are available:" then " <PreFilterMsg>." or, when PreFilter passed,
 * " <sorted histogram>."; then " <PostFilterMsg>" (fmt.Sprintf(" %v", postFilterMsg): no period
 * added, since the preemption message ends with its own; the ".." of issue #123301 is gone).
 */
export function fitErrorMessage(numAllNodes: number, diagnosis: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE_MSG(numAllNodes)}:`
  if (diagnosis.preFilterMsg !== '') {
    msg += ` ${diagnosis.preFilterMsg}.`
  } else {
    const histogram = reasonHistogram(numAllNodes, diagnosis.nodeToStatus)
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`
  }
  if (diagnosis.postFilterMsg !== '') msg += ` ${diagnosis.postFilterMsg}`
  return msg
}

// NoteLengthLimit = 1024: staging/src/k8s.io/apimachinery/pkg/apis/core/validation (events), used by
// truncateMessage in pkg/scheduler/schedule_one.go (v1.32)
export const NOTE_LENGTH_LIMIT = 1024

/** truncateMessage: the event note keeps at most 1024 bytes, ending in " ..." when cut. */
export function truncateEventMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message
  const suffix = ' ...'
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix
}
