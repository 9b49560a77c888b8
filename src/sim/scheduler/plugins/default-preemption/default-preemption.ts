/**
 * DefaultPreemption (PostFilter): when no node fits, find nodes where evicting lower-priority
 * pods would let the pod fit, pick the one whose victims matter least, and nominate it.
 * The model performs no I/O: the victims and the pods whose nomination must be cleared are
 * returned for the caller to act on.
 * Sources: pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
 * Evaluator.Preempt / findCandidates / DryRunPreemption, pkg/scheduler/framework/preemption/preemption.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { nextInt } from '../../../core/rng'
import { cloneCycleState } from '../../framework/cycle-state'
import type { Handle, NodeToStatus, PostFilterPlugin } from '../../framework/interface'
import { Names } from '../../framework/names'
import {
  cloneNodeInfo,
  podNamespacedName,
  podPriority,
  type NodeInfo,
} from '../../framework/node-info'
import {
  Code,
  isSuccess,
  newStatus,
  toStatusRecord,
  type Status,
  type StatusRecord,
} from '../../framework/status'
import { fitErrorMessage } from '../../fit-error'
import { pickOneNodeForPreemption, selectVictimsOnNode, type Candidate } from './select-victims'

// Absent-node reason in the preemption FitError: preemption.go Preempt (v1.32)
export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling'

/** What the UI shows about one preemption attempt. */
export interface PreemptionRecord {
  eligible: boolean
  potentialNodes: string[]
  offset: number
  numCandidates: number
  candidates: { node: string; victims: string[]; numPDBViolations: number }[]
  nodeStatuses: Record<string, StatusRecord>
  selected?: { node: string; decidedBy: string }
  /** Lower-priority pods nominated to the chosen node: their nominatedNodeName is cleared. */
  clearNominatedNodeName: string[]
}

/** PodEligibleToPreemptOthers (default_preemption.go v1.32); returns a message when not eligible. */
function notEligibleReason(
  pod: Pod,
  nominatedStatus: Status | undefined,
  handle: Handle,
): string | undefined {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.'
  const nominated = pod.status?.nominatedNodeName
  if (!nominated) return undefined
  if (nominatedStatus?.code === Code.UnschedulableAndUnresolvable) return undefined
  const info = handle.snapshot.nodeInfoMap[nominated]
  const priority = podPriority(pod)
  const terminating = info?.pods.some(
    (p) =>
      p.priority < priority &&
      p.pod.metadata?.deletionTimestamp !== undefined &&
      (p.pod.status?.conditions ?? []).some(
        (c) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler',
      ),
  )
  return terminating ? 'not eligible due to a terminating pod on the nominated node.' : undefined
}

function statusOf(m: NodeToStatus, node: string): Status {
  return m.statuses[node] ?? m.absentNodesStatus
}

/** calculateNumCandidates: max(n × minCandidateNodesPercentage / 100, minCandidateNodesAbsolute), capped at n. */
export function calculateNumCandidates(
  numNodes: number,
  percentage: number,
  absolute: number,
): number {
  let n = Math.trunc((numNodes * percentage) / 100)
  if (n < absolute) n = absolute
  return Math.min(n, numNodes)
}

function dryRun(
  state: Parameters<PostFilterPlugin['postFilter']>[0],
  pod: Pod,
  potential: readonly NodeInfo[],
  handle: Handle,
  rec: PreemptionRecord,
): Candidate[] {
  const args = handle.profile.pluginArgs.DefaultPreemption
  // GetOffsetAndNumCandidates: rand.Int31n(numNodes) from the seeded rng.
  rec.offset = nextInt(handle.rng, potential.length)
  rec.numCandidates = calculateNumCandidates(
    potential.length,
    args.minCandidateNodesPercentage,
    args.minCandidateNodesAbsolute,
  )
  const candidates: Candidate[] = []
  for (let i = 0; i < potential.length && candidates.length < rec.numCandidates; i++) {
    const info = cloneNodeInfo(potential[(rec.offset + i) % potential.length] as NodeInfo)
    const out = selectVictimsOnNode(cloneCycleState(state), pod, info, handle)
    let status = out.status
    if (isSuccess(status) && out.victims.length > 0) {
      candidates.push({
        node: info.name,
        victims: out.victims,
        numPDBViolations: out.numPDBViolations,
      })
      continue
    }
    if (isSuccess(status))
      status = newStatus(Code.Error, `expected at least one victim pod on node "${info.name}"`)
    rec.nodeStatuses[info.name] = toStatusRecord(status)
  }
  return candidates
}

function failureMessage(numAllNodes: number, rec: PreemptionRecord): string {
  const statuses: Record<string, Status> = {}
  for (const [node, s] of Object.entries(rec.nodeStatuses))
    statuses[node] = newStatus(s.code, ...s.reasons)
  return fitErrorMessage(numAllNodes, {
    nodeToStatus: {
      statuses,
      absentNodesStatus: newStatus(Code.UnschedulableAndUnresolvable, ERR_NOT_HELPFUL),
    },
    unschedulablePlugins: [],
    pendingPlugins: [],
    preFilterMsg: '',
    postFilterMsg: '',
  })
}

export const defaultPreemption = {
  name: Names.DefaultPreemption,
  postFilter(state, pod, m, handle) {
    const rec: PreemptionRecord = {
      eligible: true,
      potentialNodes: [],
      offset: 0,
      numCandidates: 0,
      candidates: [],
      nodeStatuses: {},
      clearNominatedNodeName: [],
    }
    const nominated = pod.status?.nominatedNodeName
    const reason = notEligibleReason(pod, nominated ? statusOf(m, nominated) : undefined, handle)
    if (reason) {
      rec.eligible = false
      return { status: newStatus(Code.Unschedulable, `preemption: ${reason}`), record: rec }
    }
    const allNodes = handle.snapshot.nodeInfoList
    // Only nodes that failed with Unschedulable (not U&U) might fit after evictions.
    const potential = allNodes.filter((n) => statusOf(m, n.name).code === Code.Unschedulable)
    rec.potentialNodes = potential.map((n) => n.name)
    const candidates = potential.length === 0 ? [] : dryRun(state, pod, potential, handle, rec)
    rec.candidates = candidates.map((c) => ({
      node: c.node,
      victims: c.victims.map(podNamespacedName),
      numPDBViolations: c.numPDBViolations,
    }))
    const best = pickOneNodeForPreemption(candidates)
    if (!best) {
      return {
        status: newStatus(
          Code.Unschedulable,
          `preemption: ${failureMessage(allNodes.length, rec)}`,
        ),
        record: rec,
      }
    }
    rec.selected = best
    const chosen = candidates.find((c) => c.node === best.node) as Candidate
    const priority = podPriority(pod)
    rec.clearNominatedNodeName = handle
      .nominatedPodsForNode(best.node)
      .filter((p) => podPriority(p) < priority)
      .map(podNamespacedName)
    return {
      result: { nominatedNodeName: best.node, victims: chosen.victims },
      status: newStatus(Code.Success),
      record: rec,
    }
  },
} satisfies PostFilterPlugin
