/**
 * The JSON-able record of one scheduling cycle: what the UI renders as a nodes × plugins matrix
 * and what tests compare against upstream's expectations.
 */
import type { Code, Status, StatusRecord } from './framework/status'
import { toStatusRecord } from './framework/status'
import type { NodeScoreRecord } from './framework/runtime-score'
import type { HostSelection } from './select-host'

/** One Filter plugin's outcome on one node. */
export type FilterCell =
  | { result: 'Passed' }
  | { result: 'Rejected'; code: Code; reasons: string[] }
  /** The framework stopped at an earlier failing plugin on this node. */
  | { result: 'NotRun' }
  /** PreFilter returned Skip, so this Filter did not run in this cycle. */
  | { result: 'Skipped' }

export interface NodeFilterRecord {
  /** Filter plugins in profile order. */
  plugins: Record<string, FilterCell>
  status: StatusRecord
}

export interface PluginStatusRecord {
  plugin: string
  code: Code
  reasons: string[]
}

export interface PostFilterRecord {
  status: StatusRecord
  nominatedNodeName?: string
  /** Pods to delete (namespace/name), when preemption chose a node. */
  victims: string[]
  /** The same victims by cache key (metadata.uid, else namespace/name). */
  victimKeys: string[]
  /** Per-plugin detail (e.g. DefaultPreemption's candidates), JSON-able. */
  details: Record<string, unknown>
}

export interface FailureRecord {
  /** "Unschedulable" for a rejection, "SchedulerError" otherwise (handleSchedulingFailure). */
  reason: 'Unschedulable' | 'SchedulerError'
  /** The PodScheduled condition message (FitError.Error()). */
  message: string
  /** The FailedScheduling event message: `message` cut to 1024 bytes with " ..." (truncateMessage). */
  eventMessage: string
  unschedulablePlugins: string[]
  pendingPlugins: string[]
}

export interface SchedulingCycleRecord {
  pod: string
  schedulerName: string
  /** Nodes in the snapshot (FitError.NumAllNodes). */
  numAllNodes: number
  preFilter: PluginStatusRecord[]
  /** PreFilterResult node narrowing, if any plugin narrowed. */
  preFilterNodeNames?: string[]
  /** The pod's nominated node, tried first (evaluateNominatedNode). */
  nominatedNode?: { node: string; passed: boolean }
  numFeasibleNodesToFind: number
  startNodeIndex: number
  /** Nodes Filter ran on, in visiting order. */
  evaluatedNodes: string[]
  filter: Record<string, NodeFilterRecord>
  feasibleNodes: string[]
  preScore: PluginStatusRecord[]
  scorePlugins: string[]
  scores: Record<string, NodeScoreRecord>
  /** Why scoring did not run, when it did not. */
  scoringSkipped?: 'single-feasible-node' | 'no-score-plugins'
  selectedNode: string | null
  selection?: HostSelection
  reserve: PluginStatusRecord[]
  permit: PluginStatusRecord[]
  failure?: FailureRecord
  postFilter?: PostFilterRecord
  nextStartNodeIndex: number
}

export function pluginStatusRecord(plugin: string, status: Status): PluginStatusRecord {
  return { plugin, code: status.code, reasons: [...status.reasons] }
}

// Shared immutable cells: most of a large matrix is "Passed", and sharing saves allocation.
const PASSED: FilterCell = Object.freeze({ result: 'Passed' })
const NOT_RUN: FilterCell = Object.freeze({ result: 'NotRun' })
const SKIPPED: FilterCell = Object.freeze({ result: 'Skipped' })

/** Expands a node's final Filter status into one cell per Filter plugin. */
export function filterCells(
  filterPlugins: readonly string[],
  skipped: readonly string[],
  status: Status,
): NodeFilterRecord {
  const plugins: Record<string, FilterCell> = {}
  let seenFailure = false
  for (const name of filterPlugins) {
    if (skipped.includes(name)) {
      plugins[name] = SKIPPED
    } else if (seenFailure) {
      plugins[name] = NOT_RUN
    } else if (status.plugin === name) {
      plugins[name] = { result: 'Rejected', code: status.code, reasons: [...status.reasons] }
      seenFailure = true
    } else {
      plugins[name] = PASSED
    }
  }
  return { plugins, status: toStatusRecord(status) }
}
