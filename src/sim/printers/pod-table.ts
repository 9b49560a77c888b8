/**
 * `kubectl get pods` as the API server computes it: READY, STATUS, RESTARTS, AGE and the wide
 * columns. Source: printPod, pkg/printers/internalversion/printers.go (v1.32)
 */
import type { Container, ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../core/time'
import { humanDuration } from './duration'
import {
  CREATION_TIMESTAMP_DOC,
  NAME_DOC,
  NODE_NAME_DOC,
  NOMINATED_NODE_NAME_DOC,
  POD_IP_DOC,
  READINESS_GATES_DOC,
} from './column-docs'
import type { Table, TableColumnDefinition, TableRow, TableRowCondition } from './table'
import {
  column,
  makeTable,
  orDefault,
  partialObjectMetadata,
  translateTimestampSince,
} from './table'

/** Source: podColumnDefinitions in AddHandlers, pkg/printers/internalversion/printers.go (v1.32) */
export const POD_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
  column('IP', 'string', POD_IP_DOC, { priority: 1 }),
  column('Node', 'string', NODE_NAME_DOC, { priority: 1 }),
  column('Nominated Node', 'string', NOMINATED_NODE_NAME_DOC, { priority: 1 }),
  column('Readiness Gates', 'string', READINESS_GATES_DOC, { priority: 1 }),
]

// node.NodeUnreachablePodReason = "NodeLost": pkg/util/node/node.go (v1.32)
const NODE_UNREACHABLE_POD_REASON = 'NodeLost'
// apiv1.PodReasonSchedulingGated: staging/src/k8s.io/api/core/v1/types.go (v1.32)
const POD_REASON_SCHEDULING_GATED = 'SchedulingGated'

/** What printPod derives from the container statuses. */
export interface PodSummary {
  /** The STATUS column. */
  reason: string
  readyContainers: number
  totalContainers: number
  restarts: number
  /** Virtual time of the latest counted LastTerminationState.terminated.finishedAt, if any. */
  lastRestartSimMs: number | undefined
}

/** Accumulates the restart count and the latest restart, as printPod's lastRestartDate.Before. */
interface RestartTally {
  restarts: number
  lastRestartSimMs: number | undefined
}

function tallyRestart(tally: RestartTally, status: ContainerStatus): void {
  tally.restarts += status.restartCount
  const finishedAt = status.lastState?.terminated?.finishedAt
  const finishedSimMs = finishedAt === undefined ? undefined : rfc3339ToSimTime(finishedAt)
  if (finishedSimMs === undefined) return
  if (tally.lastRestartSimMs === undefined || tally.lastRestartSimMs < finishedSimMs) {
    tally.lastRestartSimMs = finishedSimMs
  }
}

/** Source: podutil.IsRestartableInitContainer, pkg/api/pod/util.go (v1.32): a sidecar. */
function isRestartableInitContainer(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always'
}

function hasCondition(status: PodStatus | undefined, type: string): boolean {
  const condition = status?.conditions?.find((c) => c.type === type)
  return condition?.status === 'True'
}

/** Source: hasPodReadyCondition: any PodReady condition with status True. */
function hasPodReadyCondition(status: PodStatus | undefined): boolean {
  return (status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
}

/** Source: isPodInitializedConditionTrue: the first Initialized condition decides. */
const isPodInitializedConditionTrue = (status: PodStatus | undefined): boolean =>
  hasCondition(status, 'Initialized')

interface InitResult {
  reason: string | undefined
  initializing: boolean
  readySidecars: number
  all: RestartTally
  sidecars: RestartTally
}

/** The init-container half of printPod: stops at the first init container still blocking. */
function summarizeInitContainers(pod: Pod): InitResult {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]))
  const statuses = pod.status?.initContainerStatuses ?? []
  const result: InitResult = {
    reason: undefined,
    initializing: false,
    readySidecars: 0,
    all: { restarts: 0, lastRestartSimMs: undefined },
    sidecars: { restarts: 0, lastRestartSimMs: undefined },
  }
  for (const [index, status] of statuses.entries()) {
    const sidecar = isRestartableInitContainer(specs.get(status.name))
    tallyRestart(result.all, status)
    if (sidecar) tallyRestart(result.sidecars, status)
    const terminated = status.state?.terminated
    const waiting = status.state?.waiting
    if (terminated?.exitCode === 0) continue
    if (sidecar && status.started === true) {
      if (status.ready) result.readySidecars++
      continue
    }
    if (terminated !== undefined) {
      result.reason = initTerminatedReason(
        terminated.reason,
        terminated.signal,
        terminated.exitCode,
      )
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      result.reason = `Init:${waiting.reason}`
    } else {
      result.reason = `Init:${index}/${pod.spec?.initContainers?.length ?? 0}`
    }
    result.initializing = true
    break
  }
  return result
}

function initTerminatedReason(reason: string | undefined, signal = 0, exitCode = 0): string {
  if (reason) return `Init:${reason}`
  return signal !== 0 ? `Init:Signal:${signal}` : `Init:ExitCode:${exitCode}`
}

/** The container half of printPod, walking statuses last to first as upstream does. */
function summarizeContainers(
  pod: Pod,
  reasonIn: string,
  tally: RestartTally,
): { reason: string; ready: number } {
  let reason = reasonIn
  let ready = 0
  let hasRunning = false
  const statuses = pod.status?.containerStatuses ?? []
  for (let i = statuses.length - 1; i >= 0; i--) {
    const status = statuses[i] as ContainerStatus
    tallyRestart(tally, status)
    const { waiting, terminated, running } = status.state ?? {}
    if (waiting?.reason) {
      reason = waiting.reason
    } else if (terminated?.reason) {
      reason = terminated.reason
    } else if (terminated !== undefined) {
      const signal = terminated.signal ?? 0
      reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${terminated.exitCode}`
    } else if (status.ready && running !== undefined) {
      hasRunning = true
      ready++
    }
  }
  // "change pod status back to Running if there is at least one container still reporting as Running"
  if (reason === 'Completed' && hasRunning) {
    reason = hasPodReadyCondition(pod.status) ? 'Running' : 'NotReady'
  }
  return { reason, ready }
}

/** printPod's derivation of STATUS, READY and RESTARTS. Pure. */
export function summarizePod(pod: Pod): PodSummary {
  const phase = pod.status?.phase ?? ''
  let reason = orDefault(pod.status?.reason, phase)
  const gated = (pod.status?.conditions ?? []).some(
    (c) => c.type === 'PodScheduled' && c.reason === POD_REASON_SCHEDULING_GATED,
  )
  if (gated) reason = POD_REASON_SCHEDULING_GATED
  const sidecarCount = (pod.spec?.initContainers ?? []).filter(isRestartableInitContainer).length
  const totalContainers = (pod.spec?.containers.length ?? 0) + sidecarCount
  const init = summarizeInitContainers(pod)
  if (init.reason !== undefined) reason = init.reason
  let readyContainers = init.readySidecars
  let tally = init.all
  if (!init.initializing || isPodInitializedConditionTrue(pod.status)) {
    tally = { ...init.sidecars }
    const containers = summarizeContainers(pod, reason, tally)
    reason = containers.reason
    readyContainers += containers.ready
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown'
  } else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating'
  }
  return {
    reason,
    readyContainers,
    totalContainers,
    restarts: tally.restarts,
    lastRestartSimMs: tally.lastRestartSimMs,
  }
}

/** "3" or "3 (5m ago)", as printPod's restartsStr. */
function restartsCell(summary: PodSummary, nowSimMs: number): string {
  if (summary.restarts === 0 || summary.lastRestartSimMs === undefined) {
    return String(summary.restarts)
  }
  return `${summary.restarts} (${humanDuration(nowSimMs - summary.lastRestartSimMs)} ago)`
}

/** READINESS GATES: "<none>", or true gate conditions over gates ("1/2"). */
function readinessGatesCell(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? []
  if (gates.length === 0) return '<none>'
  const conditions = pod.status?.conditions ?? []
  const trueCount = gates.filter((gate) => {
    const condition = conditions.find((c) => c.type === gate.conditionType)
    return condition?.status === 'True'
  }).length
  return `${trueCount}/${gates.length}`
}

// podSuccessConditions / podFailedConditions, pkg/printers/internalversion/printers.go (v1.32)
const POD_SUCCESS_CONDITIONS: TableRowCondition[] = [
  {
    type: 'Completed',
    status: 'True',
    reason: 'Succeeded',
    message: 'The pod has completed successfully.',
  },
]
const POD_FAILED_CONDITIONS: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
]

/** One row; the server always prints the wide cells (GenerateOptions{Wide: true}). */
export function podToRow(pod: Pod, nowSimMs: number): TableRow {
  const summary = summarizePod(pod)
  const orNone = (value: string | undefined): string => orDefault(value, '<none>')
  const row: TableRow = {
    cells: [
      pod.metadata?.name ?? '',
      `${summary.readyContainers}/${summary.totalContainers}`,
      summary.reason,
      restartsCell(summary, nowSimMs),
      translateTimestampSince(pod.metadata?.creationTimestamp, nowSimMs),
      orNone(pod.status?.podIPs?.[0]?.ip),
      orNone(pod.spec?.nodeName),
      orNone(pod.status?.nominatedNodeName),
      readinessGatesCell(pod),
    ],
    object: partialObjectMetadata(pod.metadata),
  }
  if (pod.status?.phase === 'Succeeded') row.conditions = POD_SUCCESS_CONDITIONS
  if (pod.status?.phase === 'Failed') row.conditions = POD_FAILED_CONDITIONS
  return row
}

/**
 * The Table the API server returns for a pod list at virtual time `nowSimMs`.
 * Pure; rows keep the order of `pods` (the server lists in key order: namespace, then name).
 */
export function podsToTable(pods: readonly Pod[], nowSimMs: number): Table {
  return makeTable(
    [...POD_COLUMNS],
    pods.map((pod) => podToRow(pod, nowSimMs)),
  )
}
