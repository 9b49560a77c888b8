/**
 * One scheduling cycle, headless and pure: PreFilter → Filter (sampled, rotating start) →
 * PostFilter on failure → PreScore → Score/NormalizeScore → selectHost → Reserve → Permit.
 * Returns a JSON-able decision record; never mutates the cache, the pod or any NodeInfo.
 * The only side effect is advancing `rng` (tie-breaks, preemption's candidate offset).
 * Source: schedulingCycle, SchedulePod, findNodesThatFitPod, findNodesThatPassFilters,
 * prioritizeNodes, pkg/scheduler/schedule_one.go (v1.32)
 *
 * After a successful cycle the caller assumes the pod (`assumePod(cache, pod, selectedNode)`)
 * and runs the binding cycle; after a failure it re-queues the pod with the record's
 * unschedulablePlugins and, if preemption nominated a node, deletes the victims and sets
 * status.nominatedNodeName.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { RngState } from '../core/rng'
import { snapshotOf, snapshotFromNodeInfos, type SchedulerCache } from './cache'
import { pluginStatusRecord, type SchedulingCycleRecord } from './cycle-record'
import { newCycleState, type CycleState } from './framework/cycle-state'
import type { Snapshot } from './framework/interface'
import { podNamespacedName, type NodeInfo } from './framework/node-info'
import { defaultProfile, type Profile } from './framework/profile'
import {
  newFramework,
  runFilterPluginsWithNominatedPods,
  runPreFilterPlugins,
  type Framework,
} from './framework/runtime'
import { Code, SUCCESS, isRejected, isSuccess, newStatus, type Status } from './framework/status'
import { ERR_NO_NODES_AVAILABLE, truncateEventMessage, type Diagnosis } from './fit-error'
import { numFeasibleNodesToFind } from './select-host'
import { deleteKey } from './util/records'
import { finishFailure, finishSuccess } from './cycle-finish'

export interface SchedulingCycleInput {
  pod: Pod
  /** Where the nodes come from: a cache, a NodeInfo list (kept in its order) or a snapshot. */
  cache?: SchedulerCache
  nodeInfos?: readonly NodeInfo[]
  snapshot?: Snapshot
  /** Defaults to defaultProfile(). */
  profile?: Profile
  /** Advanced in place. */
  rng: RngState
  /** Where the previous cycle's node search stopped (Scheduler.nextStartNodeIndex). */
  nextStartNodeIndex: number
  /** The global percentageOfNodesToScore (0 or undefined = adaptive); the profile's wins. */
  percentageOfNodesToScore?: number
  /** Pods with status.nominatedNodeName, treated as placed when filtering (if priority ≥ pod's). */
  nominatedPods?: readonly Pod[]
}

function resolveSnapshot(input: SchedulingCycleInput): Snapshot {
  if (input.snapshot) return input.snapshot
  if (input.cache) return snapshotOf(input.cache)
  return snapshotFromNodeInfos(input.nodeInfos ?? [])
}

export function newDiagnosis(): Diagnosis {
  return {
    nodeToStatus: { statuses: {}, absentNodesStatus: newStatus(Code.UnschedulableAndUnresolvable) },
    unschedulablePlugins: [],
    pendingPlugins: [],
    preFilterMsg: '',
    postFilterMsg: '',
  }
}

/** Diagnosis.AddPluginStatus: rejections name UnschedulablePlugins, Pending names PendingPlugins. */
function addPluginStatus(d: Diagnosis, s: Status): void {
  if (!s.plugin) return
  if (isRejected(s) && !d.unschedulablePlugins.includes(s.plugin))
    d.unschedulablePlugins.push(s.plugin)
  if (s.code === Code.Pending && !d.pendingPlugins.includes(s.plugin))
    d.pendingPlugins.push(s.plugin)
}

interface Ctx {
  fw: Framework
  state: CycleState
  pod: Pod
  rec: SchedulingCycleRecord
  diagnosis: Diagnosis
}

/**
 * findNodesThatPassFilters: visits nodes from the start index, wrapping, until enough feasible
 * nodes are found. Returns the feasible nodes, or an Error status.
 */
function findNodesThatPassFilters(
  ctx: Ctx,
  nodes: readonly NodeInfo[],
  start: number,
  toFind: number,
): NodeInfo[] | Status {
  const { fw, state, pod, rec, diagnosis } = ctx
  const feasible: NodeInfo[] = []
  rec.filterPlugins = fw.filter.map((p) => p.name)
  rec.skippedFilterPlugins = [...state.skipFilterPlugins]
  for (let i = 0; i < nodes.length && feasible.length < toFind; i++) {
    const info = nodes[(start + i) % nodes.length] as NodeInfo
    const status =
      fw.filter.length === 0 ? SUCCESS : runFilterPluginsWithNominatedPods(fw, state, pod, info)
    rec.evaluatedNodes.push(info.name)
    if (status.code === Code.Error) {
      rec.filterStatuses[info.name] = status
      return status
    }
    if (isSuccess(status)) feasible.push(info)
    else {
      rec.filterStatuses[info.name] = status
      diagnosis.nodeToStatus.statuses[info.name] = status
      addPluginStatus(diagnosis, status)
    }
  }
  return feasible
}

/** findNodesThatFitPod (v1.32). Updates rec.nextStartNodeIndex. */
function findNodesThatFitPod(
  ctx: Ctx,
  allNodes: readonly NodeInfo[],
  input: SchedulingCycleInput,
): NodeInfo[] | Status {
  const { fw, state, pod, rec, diagnosis } = ctx
  const pre = runPreFilterPlugins(fw, state, pod)
  rec.preFilter = pre.perPlugin.map((p) => pluginStatusRecord(p.plugin, p.status))
  diagnosis.unschedulablePlugins.push(...pre.pluginsWithNodes)
  if (!isSuccess(pre.status)) {
    if (!isRejected(pre.status)) return pre.status
    diagnosis.nodeToStatus.absentNodesStatus = pre.status
    diagnosis.preFilterMsg = pre.status.reasons.join(', ')
    addPluginStatus(diagnosis, pre.status)
    return []
  }
  const nominated = pod.status?.nominatedNodeName
  const nominatedInfo = nominated ? ctx.fw.handle.snapshot.nodeInfoMap[nominated] : undefined
  if (nominated && nominatedInfo?.node) {
    const found = findNodesThatPassFilters(ctx, [nominatedInfo], 0, 1)
    rec.nominatedNode = { node: nominated, passed: Array.isArray(found) && found.length > 0 }
    if (Array.isArray(found) && found.length > 0) return found
    // Not a feasible shortcut: the node is visited again in its turn below (the diagnosis keeps
    // this status, as upstream's does, until that visit overwrites it).
    rec.evaluatedNodes.pop()
    deleteKey(rec.filterStatuses, nominated)
  }
  let nodes = allNodes
  if (pre.result.nodeNames !== undefined) {
    const wanted = new Set(pre.result.nodeNames)
    nodes = allNodes.filter((n) => wanted.has(n.name))
    rec.preFilterNodeNames = [...pre.result.nodeNames]
    const plugins = [...pre.pluginsWithNodes].sort().join(' ')
    diagnosis.nodeToStatus.absentNodesStatus = newStatus(
      Code.UnschedulableAndUnresolvable,
      `node(s) didn't satisfy plugin(s) [${plugins}]`,
    )
  }
  const pct = fw.profile.percentageOfNodesToScore ?? input.percentageOfNodesToScore
  let toFind = numFeasibleNodesToFind(pct, nodes.length)
  // Without score plugins the first feasible node is enough (hasScoring, v1.32).
  if (fw.score.length === 0) toFind = 1
  rec.numFeasibleNodesToFind = toFind
  const start = nodes.length === 0 ? 0 : input.nextStartNodeIndex % nodes.length
  rec.startNodeIndex = start
  const feasible = findNodesThatPassFilters(ctx, nodes, start, toFind)
  const processed =
    (Array.isArray(feasible) ? feasible.length : 0) +
    Object.keys(diagnosis.nodeToStatus.statuses).length
  rec.nextStartNodeIndex = (input.nextStartNodeIndex + processed) % allNodes.length
  return feasible
}

function emptyRecord(
  pod: Pod,
  profile: Profile,
  numAllNodes: number,
  start: number,
): SchedulingCycleRecord {
  return {
    pod: podNamespacedName(pod),
    schedulerName: profile.schedulerName,
    numAllNodes,
    preFilter: [],
    numFeasibleNodesToFind: 0,
    startNodeIndex: start,
    evaluatedNodes: [],
    filterPlugins: [],
    skippedFilterPlugins: [],
    filterStatuses: {},
    feasibleNodes: [],
    preScore: [],
    scorePlugins: [],
    selectedNode: null,
    reserve: [],
    permit: [],
    nextStartNodeIndex: start,
  }
}

/** Runs one scheduling cycle for `input.pod`; see the module comment for the contract. */
export function runSchedulingCycle(input: SchedulingCycleInput): SchedulingCycleRecord {
  const snapshot = resolveSnapshot(input)
  const profile = input.profile ?? defaultProfile()
  const fw = newFramework(profile, snapshot, input.rng, input.nominatedPods)
  const allNodes = snapshot.nodeInfoList
  const rec = emptyRecord(input.pod, profile, allNodes.length, input.nextStartNodeIndex)
  const ctx: Ctx = { fw, state: newCycleState(), pod: input.pod, rec, diagnosis: newDiagnosis() }
  if (allNodes.length === 0) {
    rec.failure = {
      reason: 'Unschedulable',
      message: ERR_NO_NODES_AVAILABLE,
      eventMessage: ERR_NO_NODES_AVAILABLE,
      unschedulablePlugins: [],
      pendingPlugins: [],
    }
    return rec
  }
  const found = findNodesThatFitPod(ctx, allNodes, input)
  if (!Array.isArray(found)) {
    rec.failure = {
      reason: 'SchedulerError',
      message: found.reasons.join(', '),
      eventMessage: truncateEventMessage(found.reasons.join(', ')),
      unschedulablePlugins: [],
      pendingPlugins: [],
    }
    return rec
  }
  rec.feasibleNodes = found.map((n) => n.name)
  if (found.length === 0) return finishFailure(ctx, allNodes.length)
  return finishSuccess(ctx, found)
}

export type { Ctx as CycleContext }
