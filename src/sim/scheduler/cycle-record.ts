/**
 * The JSON-able record of one scheduling cycle: what the decision summary (the UI's nodes ×
 * plugins matrix) is cut from and what tests compare against upstream's expectations.
 *
 * Compact by design: a cycle at 5,000 nodes evaluates ~500 nodes with 8 Filter and 7 Score
 * plugins, and a cell object per node and plugin cost more to allocate than the plugins cost to
 * run. The record keeps what cannot be derived (each rejected node's Status, one number array
 * per Score plugin aligned with feasibleNodes), and `nodeFilterRecord` / `nodeScoreRecord`
 * expand one node's cells on demand, as upstream keeps only a NodeToStatus map and the
 * NodePluginScores list (schedule_one.go, v1.32).
 */
import type { Code, Status, StatusRecord } from './framework/status'
import { SUCCESS, toStatusRecord } from './framework/status'
import type { HostSelection } from './select-host'

/** One Filter plugin's outcome on one node. */
export type FilterCell =
  | { result: 'Passed' }
  | { result: 'Rejected'; code: Code; reasons: string[] }
  /** The framework stopped at an earlier failing plugin on this node. */
  | { result: 'NotRun' }
  /** PreFilter returned Skip, so this Filter did not run in this cycle. */
  | { result: 'Skipped' }

/** One Score plugin's numbers on one node. */
export interface PluginScoreCell {
  raw: number
  normalized: number
  weight: number
  /** normalized × weight: what enters the total */
  weighted: number
}

export interface NodeScoreRecord {
  plugins: Record<string, PluginScoreCell>
  total: number
}

/** The Score phase's numbers, column i belonging to feasibleNodes[i]. */
export interface ScoreTable {
  /** The Score plugins that ran, in profile order, and their weights. */
  plugins: string[]
  weights: number[]
  /** raw[p][i]: plugin p's Score for node i; normalized[p][i] after its NormalizeScore. */
  raw: number[][]
  normalized: number[][]
  /** Σ normalized × weight per node. */
  totals: number[]
}

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
  /** The profile's Filter plugins, in order, and those PreFilter made Skip this cycle. */
  filterPlugins: string[]
  skippedFilterPlugins: string[]
  /** The Filter status of every evaluated node that did not pass (expand: nodeFilterRecord). */
  filterStatuses: Record<string, Status>
  feasibleNodes: string[]
  preScore: PluginStatusRecord[]
  scorePlugins: string[]
  /** Scores of feasibleNodes, absent when scoring did not run (expand: nodeScoreRecord). */
  scoreTable?: ScoreTable
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

/** One node's Filter cells, or undefined when Filter did not run on it this cycle. */
export function nodeFilterRecord(
  rec: SchedulingCycleRecord,
  node: string,
): NodeFilterRecord | undefined {
  const status = rec.filterStatuses[node]
  if (status === undefined && !rec.evaluatedNodes.includes(node)) return undefined
  return evaluatedNodeFilterRecord(rec, node)
}

/** nodeFilterRecord for a node known to be in rec.evaluatedNodes (no search of the list). */
export function evaluatedNodeFilterRecord(
  rec: SchedulingCycleRecord,
  node: string,
): NodeFilterRecord {
  return filterCells(
    rec.filterPlugins,
    rec.skippedFilterPlugins,
    rec.filterStatuses[node] ?? SUCCESS,
  )
}

/** One feasible node's Score cells, or undefined when it was not scored. */
export function nodeScoreRecord(
  rec: SchedulingCycleRecord,
  node: string,
): NodeScoreRecord | undefined {
  return scoreRecordAt(rec, rec.feasibleNodes.indexOf(node))
}

/** The Score cells of feasibleNodes[i], or undefined when it was not scored. */
export function scoreRecordAt(rec: SchedulingCycleRecord, i: number): NodeScoreRecord | undefined {
  const table = rec.scoreTable
  if (!table || i < 0 || i >= rec.feasibleNodes.length) return undefined
  const plugins: Record<string, PluginScoreCell> = {}
  table.plugins.forEach((name, p) => {
    const normalized = table.normalized[p]?.[i] ?? 0
    const weight = table.weights[p] ?? 1
    plugins[name] = {
      raw: table.raw[p]?.[i] ?? 0,
      normalized,
      weight,
      weighted: normalized * weight,
    }
  })
  return { plugins, total: table.totals[i] ?? 0 }
}

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
