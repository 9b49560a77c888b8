/**
 * A bounded, JSON-able summary of one scheduling cycle, for the UI's decision matrix and its
 * "why Pending" explanation. A full SchedulingCycleRecord at 5,000 nodes holds ~500 evaluated
 * rows × 11 plugins; the summary keeps at most MAX_DECISION_ROWS rows (the winner and the
 * best-scored feasible nodes, then one rejected node per reason before the rest) and counts
 * everything else per reason, so a frame stays a few kilobytes whatever the cluster size.
 * Pure: reads the record, the pod and the cache; changes nothing.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { SchedulerCache } from './cache'
import type { SchedulingCycleRecord } from './cycle-record'
import type { Code } from './framework/status'
import { podNamespacedName, podPriority } from './framework/node-info'
import { computePodResourceRequest } from './plugins/node-resources-fit/node-resources-fit'
import type { HostSelection, TieBreakDraw } from './select-host'

/** Rows sent per decision; the UI says how many more there were. */
export const MAX_DECISION_ROWS = 24
/** Node names listed per failure reason (the count is always complete). */
export const MAX_NODES_PER_REASON = 12

/** A Filter verdict: P passed, N not run (an earlier plugin rejected), S skipped, or the rejection. */
export type FilterVerdict = 'P' | 'N' | 'S' | { code: Code; reasons: string[] }

/** [raw, normalized, weighted] for one Score plugin on one node. */
export type ScoreTriple = [number, number, number]

export interface DecisionRow {
  node: string
  /** Position in the scheduler's visiting order (0 = first filtered). */
  order: number
  /** Aligned with DecisionSummary.filterPlugins. */
  filter: FilterVerdict[]
  feasible: boolean
  /** Aligned with DecisionSummary.scorePlugins; absent when the node was not scored. */
  scores?: ScoreTriple[]
  total?: number
}

/** Nodes that failed Filter for one reason (a node with two reasons counts in both). */
export interface ReasonGroup {
  reason: string
  plugin: string
  count: number
  nodes: string[]
}

export interface DecisionSummary {
  /** The scheduler's decision counter: strictly increasing within a history. */
  seq: number
  atMs: number
  pod: string
  podUid: string
  priority: number
  requests: { milliCpu: number; memoryBytes: number }
  nodeSelector: Record<string, string>
  hasNodeAffinity: boolean
  tolerations: string[]
  selectedNode: string | null
  numAllNodes: number
  numFeasibleNodesToFind: number
  evaluatedCount: number
  feasibleCount: number
  startNodeIndex: number
  filterPlugins: string[]
  scorePlugins: { name: string; weight: number }[]
  rows: DecisionRow[]
  /** Evaluated nodes whose rows were left out to keep the summary small. */
  omittedFeasible: number
  omittedRejected: number
  reasons: ReasonGroup[]
  /** PreFilter plugins that did not succeed (a PreFilter rejection fails the pod on all nodes). */
  preFilterRejections: { plugin: string; reasons: string[] }[]
  scoringSkipped?: string | undefined
  /** tiedNodes: the first MAX_NODES_PER_REASON of `count` tied nodes (evaluation order). */
  tie?: { tiedNodes: string[]; count: number; topScore: number; draws: TieBreakDraw[] } | undefined
  explanation?: string | undefined
  /** The FailedScheduling message (FitError.Error()). */
  failureMessage?: string | undefined
  unschedulablePlugins: string[]
  preemption?: { nominatedNode?: string | undefined; victims: string[] } | undefined
  /** The most free room on any node, for "lower the request to ≤ …" advice (0 when scheduled). */
  largestFree: { milliCpu: number; memoryBytes: number; pods: number }
  /** The largest allocatable on any node: above it, not even preemption can make room. */
  largestAllocatable: { milliCpu: number; memoryBytes: number }
}

/**
 * One node's Filter verdicts, read off its final status as filterCells (cycle-record.ts) expands
 * it: skipped plugins S, the rejecting plugin its status, the plugins after it N, the rest P.
 */
function filterVerdicts(record: SchedulingCycleRecord, node: string): FilterVerdict[] {
  const status = record.filterStatuses[node]
  const skipped = record.skippedFilterPlugins
  let seenFailure = false
  return record.filterPlugins.map((p): FilterVerdict => {
    if (skipped.includes(p)) return 'S'
    if (seenFailure) return 'N'
    if (status?.plugin !== p) return 'P'
    seenFailure = true
    return { code: status.code, reasons: [...status.reasons] }
  })
}

/** [raw, normalized, weighted] per Score plugin for feasibleNodes[i], from the score table. */
function scoreTriples(
  record: SchedulingCycleRecord,
  columns: readonly number[],
  i: number,
): ScoreTriple[] {
  const table = record.scoreTable
  return columns.map((p): ScoreTriple => {
    if (!table || p < 0) return [0, 0, 0]
    const normalized = table.normalized[p]?.[i] ?? 0
    return [table.raw[p]?.[i] ?? 0, normalized, normalized * (table.weights[p] ?? 1)]
  })
}

function reasonGroups(record: SchedulingCycleRecord): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>()
  // Every evaluated node passed: nothing to group (and no lookup per node).
  if (Object.keys(record.filterStatuses).length === 0) return []
  for (const node of record.evaluatedNodes) {
    const status = record.filterStatuses[node]
    if (!status || status.code === 'Success') continue
    for (const reason of status.reasons) {
      const group = groups.get(reason) ?? {
        reason,
        plugin: status.plugin ?? '',
        count: 0,
        nodes: [],
      }
      group.count++
      if (group.nodes.length < MAX_NODES_PER_REASON) group.nodes.push(node)
      groups.set(reason, group)
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))
}

/** The `k` best-scored feasible nodes, highest first, ties in feasible order (a stable sort's head). */
function bestScored(record: SchedulingCycleRecord, k: number): string[] {
  const totals = record.scoreTable?.totals ?? []
  const score = (i: number) => totals[i] ?? 0
  const best: number[] = []
  for (let i = 0; i < record.feasibleNodes.length; i++) {
    let at = best.length
    while (at > 0 && score(best[at - 1] as number) < score(i)) at--
    if (at >= k) continue
    best.splice(at, 0, i)
    if (best.length > k) best.pop()
  }
  return best.map((i) => record.feasibleNodes[i] as string)
}

/** Which evaluated nodes get a row: the winner, the best feasible, one per reason, the rest. */
function pickRows(record: SchedulingCycleRecord, groups: ReasonGroup[]): Set<string> {
  const picked = new Set<string>()
  const add = (node: string | null | undefined) => {
    if (node && picked.size < MAX_DECISION_ROWS) picked.add(node)
  }
  add(record.selectedNode)
  for (const node of bestScored(record, MAX_DECISION_ROWS / 2)) add(node)
  for (const group of groups) add(group.nodes[0])
  for (const node of record.evaluatedNodes) {
    if (picked.size >= MAX_DECISION_ROWS) break
    add(node)
  }
  return picked
}

const NO_ROOM = {
  largestFree: { milliCpu: 0, memoryBytes: 0, pods: 0 },
  largestAllocatable: { milliCpu: 0, memoryBytes: 0 },
}

function largestRoom(cache: SchedulerCache) {
  const free = { milliCpu: 0, memoryBytes: 0, pods: 0 }
  const allocatable = { milliCpu: 0, memoryBytes: 0 }
  for (const info of Object.values(cache.nodes)) {
    if (!info.node) continue
    allocatable.milliCpu = Math.max(allocatable.milliCpu, info.allocatable.milliCpu)
    allocatable.memoryBytes = Math.max(allocatable.memoryBytes, info.allocatable.memoryBytes)
    free.milliCpu = Math.max(free.milliCpu, info.allocatable.milliCpu - info.requested.milliCpu)
    free.memoryBytes = Math.max(
      free.memoryBytes,
      info.allocatable.memoryBytes - info.requested.memoryBytes,
    )
    free.pods = Math.max(free.pods, info.allocatable.allowedPodNumber - info.pods.length)
  }
  return { largestFree: free, largestAllocatable: allocatable }
}

function podFacts(pod: Pod) {
  const requested = computePodResourceRequest(pod)
  const affinity = pod.spec?.affinity?.nodeAffinity
  return {
    pod: podNamespacedName(pod),
    podUid: pod.metadata?.uid ?? '',
    priority: podPriority(pod),
    requests: { milliCpu: requested.milliCpu, memoryBytes: requested.memoryBytes },
    nodeSelector: { ...pod.spec?.nodeSelector },
    hasNodeAffinity: affinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined,
    tolerations: (pod.spec?.tolerations ?? []).map(
      (t) =>
        `${t.key ?? '*'}${t.operator === 'Exists' ? '' : `=${t.value ?? ''}`}:${t.effect ?? '*'}`,
    ),
  }
}

/** The tie selectHost broke, if any: its first tied nodes and draws, and how many tied in all. */
function tieOf(selection: HostSelection | undefined): DecisionSummary['tie'] {
  if (!selection || selection.tiedNodes.length <= 1) return undefined
  return {
    tiedNodes: selection.tiedNodes.slice(0, MAX_NODES_PER_REASON),
    count: selection.tiedNodes.length,
    topScore: selection.topScore,
    draws: selection.draws.slice(0, MAX_NODES_PER_REASON),
  }
}

/** Summarizes one cycle of `pod` (decision number `seq` at `atMs`). */
export function summarizeCycle(
  record: SchedulingCycleRecord,
  pod: Pod,
  cache: SchedulerCache,
  seq: number,
  atMs: number,
): DecisionSummary {
  // A cycle that failed before Filter shows no Filter columns, as it shows no rows.
  const filterPlugins = record.evaluatedNodes.length > 0 ? record.filterPlugins : []
  const table = record.scoreTable
  // Each Score plugin's column in the table (-1: not in it).
  const columns = record.scorePlugins.map((name) => table?.plugins.indexOf(name) ?? -1)
  const scorePlugins = record.scorePlugins.map((name, k) => {
    const p = columns[k] ?? -1
    return { name, weight: p >= 0 ? (table?.weights[p] ?? 1) : 1 }
  })
  const groups = reasonGroups(record)
  const picked = pickRows(record, groups)
  // Where each picked feasible node sits among the feasible ones (its score column).
  const feasibleAt = new Map<string, number>()
  record.feasibleNodes.forEach((node, i) => {
    if (picked.has(node)) feasibleAt.set(node, i)
  })
  const rows: DecisionRow[] = []
  record.evaluatedNodes.forEach((node, order) => {
    if (!picked.has(node)) return
    const at = feasibleAt.get(node)
    // A node is scored when there is a score table (scoreRecordAt's test).
    const scored = at !== undefined && table !== undefined && at < record.feasibleNodes.length
    rows.push({
      node,
      order,
      filter: filterVerdicts(record, node),
      feasible: at !== undefined,
      ...(scored
        ? { scores: scoreTriples(record, columns, at), total: table.totals[at] ?? 0 }
        : {}),
    })
  })
  const shownFeasible = rows.filter((r) => r.feasible).length
  const selection = record.selection
  return {
    seq,
    atMs,
    ...podFacts(pod),
    selectedNode: record.selectedNode,
    numAllNodes: record.numAllNodes,
    numFeasibleNodesToFind: record.numFeasibleNodesToFind,
    evaluatedCount: record.evaluatedNodes.length,
    feasibleCount: record.feasibleNodes.length,
    startNodeIndex: record.startNodeIndex,
    filterPlugins,
    scorePlugins,
    rows,
    omittedFeasible: record.feasibleNodes.length - shownFeasible,
    omittedRejected:
      record.evaluatedNodes.length - record.feasibleNodes.length - (rows.length - shownFeasible),
    reasons: groups,
    preFilterRejections: record.preFilter
      .filter((p) => p.code !== 'Success' && p.code !== 'Skip')
      .map((p) => ({ plugin: p.plugin, reasons: p.reasons })),
    scoringSkipped: record.scoringSkipped,
    tie: tieOf(selection),
    explanation: selection?.explanation,
    failureMessage: record.failure?.message,
    unschedulablePlugins: record.failure?.unschedulablePlugins ?? [],
    preemption: record.postFilter
      ? { nominatedNode: record.postFilter.nominatedNodeName, victims: record.postFilter.victims }
      : undefined,
    // Only advice for a pending pod needs it; skip the pass over every node otherwise.
    ...(record.selectedNode === null ? largestRoom(cache) : NO_ROOM),
  }
}
