/**
 * Preemption's per-node dry run and the choice among candidate nodes.
 * Sources: DefaultPreemption.SelectVictimsOnNode,
 * pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go; pickOneNodeForPreemption,
 * pkg/scheduler/framework/preemption/preemption.go; util.MoreImportantPod,
 * pkg/scheduler/util/utils.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { CycleState } from '../../framework/cycle-state'
import type { Handle } from '../../framework/interface'
import {
  addPodInfo,
  podPriority,
  removePodByKey,
  type NodeInfo,
  type PodInfo,
} from '../../framework/node-info'
import { Code, isSuccess, newStatus, type Status } from '../../framework/status'

// Reason when a node has no lower-priority pods: default_preemption.go (v1.32)
export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod'

export interface Candidate {
  node: string
  /** Victims, most important first (MoreImportantPod order). */
  victims: Pod[]
  numPDBViolations: number
}

/**
 * The pod's start time for ordering. NB: upstream uses time.Now() for a pod without
 * status.startTime; the sim has no wall clock, so such a pod sorts as the latest. RFC 3339
 * timestamps in one format compare correctly as strings.
 */
function startTime(pod: Pod): string {
  return pod.status?.startTime ?? '\uffff'
}

/** MoreImportantPod: higher priority, then earlier start time. */
export function moreImportantPod(a: Pod, b: Pod): boolean {
  const pa = podPriority(a)
  const pb = podPriority(b)
  if (pa !== pb) return pa > pb
  return startTime(a) < startTime(b)
}

/**
 * SelectVictimsOnNode: remove every lower-priority pod; if the pod still does not fit, the node's
 * filter status explains why; otherwise reprieve victims from the most important down, keeping
 * as victims only those that cannot be added back. PDBs are not modelled (no violations).
 * Mutates `nodeInfo` and `state`, which must be copies.
 */
export function selectVictimsOnNode(
  state: CycleState,
  pod: Pod,
  nodeInfo: NodeInfo,
  handle: Handle,
): { victims: Pod[]; numPDBViolations: number; status: Status } {
  const priority = podPriority(pod)
  const remove = (pi: PodInfo): void => {
    removePodByKey(nodeInfo, pi.key)
    handle.runPreFilterExtensionRemovePod(state, pod, pi, nodeInfo)
  }
  const add = (pi: PodInfo): void => {
    addPodInfo(nodeInfo, pi)
    handle.runPreFilterExtensionAddPod(state, pod, pi, nodeInfo)
  }
  const potential = nodeInfo.pods.filter((pi) => pi.priority < priority)
  for (const pi of potential) remove(pi)
  if (potential.length === 0) {
    return {
      victims: [],
      numPDBViolations: 0,
      status: newStatus(Code.UnschedulableAndUnresolvable, ERR_NO_VICTIMS),
    }
  }
  const fits = handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo)
  if (!isSuccess(fits)) return { victims: [], numPDBViolations: 0, status: fits }
  potential.sort((a, b) =>
    moreImportantPod(a.pod, b.pod) ? -1 : moreImportantPod(b.pod, a.pod) ? 1 : 0,
  )
  const victims: Pod[] = []
  for (const pi of potential) {
    add(pi)
    if (!isSuccess(handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo))) {
      remove(pi)
      victims.push(pi.pod)
    }
  }
  return { victims, numPDBViolations: 0, status: newStatus(Code.Success) }
}

/** MaxInt32 + 1: shifts priorities to be non-negative in the sum (preemption.go v1.32). */
const PRIORITY_SHIFT = 2 ** 31

/** The earliest start time among the victims with the highest priority (GetEarliestPodStartTime). */
function earliestStartOfTopVictims(c: Candidate): string | undefined {
  const top = c.victims[0]
  if (!top) return undefined
  const maxPriority = podPriority(top)
  let earliest: string | undefined
  for (const v of c.victims) {
    if (podPriority(v) !== maxPriority) continue
    const t = startTime(v)
    if (earliest === undefined || t < earliest) earliest = t
  }
  return earliest
}

/** Criteria in order: each a comparable key where larger is better. */
const CRITERIA: { name: string; key: (c: Candidate) => number | string }[] = [
  { name: 'fewest PDB violations', key: (c) => -c.numPDBViolations },
  { name: 'lowest highest-priority victim', key: (c) => -podPriority(c.victims[0] ?? {}) },
  {
    name: 'smallest sum of victim priorities',
    key: (c) => -c.victims.reduce((s, v) => s + podPriority(v) + PRIORITY_SHIFT, 0),
  },
  { name: 'fewest victims', key: (c) => -c.victims.length },
  // NB: upstream compares UnixNano with MinInt64 for "no start time"; '' sorts lowest here.
  {
    name: 'latest start time of the most important victims',
    key: (c) => earliestStartOfTopVictims(c) ?? '',
  },
]

/**
 * pickOneNodeForPreemption: apply the criteria in order, each only among the nodes tied on the
 * previous ones. NB: upstream's last resort is the first node of a Go map iteration (random);
 * here it is the first candidate found by the dry run.
 */
export function pickOneNodeForPreemption(
  candidates: readonly Candidate[],
): { node: string; decidedBy: string } | undefined {
  let remaining = [...candidates]
  if (remaining.length === 0) return undefined
  if (remaining.length === 1)
    return { node: (remaining[0] as Candidate).node, decidedBy: 'only candidate' }
  for (const criterion of CRITERIA) {
    let best: number | string | undefined
    let selected: Candidate[] = []
    for (const c of remaining) {
      const k = criterion.key(c)
      if (best === undefined || k > best) {
        best = k
        selected = [c]
      } else if (k === best) selected.push(c)
    }
    if (selected.length === 1)
      return { node: (selected[0] as Candidate).node, decidedBy: criterion.name }
    remaining = selected
  }
  return { node: (remaining[0] as Candidate).node, decidedBy: 'first candidate' }
}
