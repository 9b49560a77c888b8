/**
 * Extension-point interfaces of the scheduling framework.
 * Source: pkg/scheduler/framework/interface.go (v1.32)
 *
 * Plugins are stateless objects registered by name (registry.ts); everything that varies per cycle
 * is passed in. A plugin never mutates the pod, a NodeInfo or the snapshot it is given.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { CycleState } from './cycle-state'
import type { NodeInfo, PodInfo } from './node-info'
import type { Status } from './status'
import type { Profile } from './profile'
import type { RngState } from '../../core/rng'

// MaxNodeScore = 100: framework.MaxNodeScore, pkg/scheduler/framework/interface.go (v1.32)
export const MAX_NODE_SCORE = 100
// MinNodeScore = 0: framework.MinNodeScore, pkg/scheduler/framework/interface.go (v1.32)
export const MIN_NODE_SCORE = 0

/** What the scheduler reads about the cluster in one cycle (SharedLister over the snapshot). */
export interface Snapshot {
  /** All nodes, in node-tree order (zones interleaved). */
  nodeInfoList: readonly NodeInfo[]
  nodeInfoMap: Readonly<Record<string, NodeInfo>>
  havePodsWithAffinityNodeInfoList: readonly NodeInfo[]
  havePodsWithRequiredAntiAffinityNodeInfoList: readonly NodeInfo[]
  /** image name -> number of nodes that have it (ImageStateSummary.NumNodes). */
  imageNumNodes: Readonly<Record<string, number>>
  /** The cache's log of changed NodeInfos (absent for snapshots built from a plain list). */
  nodeChanges?: { readonly seq: number; readonly names: readonly string[] }
}

/** framework.Handle: what the framework offers plugins. */
export interface Handle {
  snapshot: Snapshot
  profile: Profile
  /** The seeded rng of this cycle (preemption's random candidate offset). */
  rng: RngState
  /** Runs the profile's Filter plugins. */
  runFilterPlugins: (state: CycleState, pod: Pod, nodeInfo: NodeInfo) => Status
  /** RunFilterPluginsWithNominatedPods (used by preemption's dry run). */
  runFilterPluginsWithNominatedPods: (state: CycleState, pod: Pod, nodeInfo: NodeInfo) => Status
  /** Pods nominated to `nodeName` (the nominator's NominatedPodsForNode). */
  nominatedPodsForNode: (nodeName: string) => readonly Pod[]
  /** Runs AddPod/RemovePod PreFilter extensions (used by preemption and nominated pods). */
  runPreFilterExtensionAddPod: (
    state: CycleState,
    pod: Pod,
    add: PodInfo,
    nodeInfo: NodeInfo,
  ) => void
  runPreFilterExtensionRemovePod: (
    state: CycleState,
    pod: Pod,
    remove: PodInfo,
    nodeInfo: NodeInfo,
  ) => void
}

export interface Plugin {
  readonly name: string
}

/** PreFilterResult: a non-undefined nodeNames narrows the nodes Filter runs on. */
export interface PreFilterResult {
  nodeNames?: string[]
}

export interface PreFilterExtensions {
  /** The pod `add` is assumed on nodeInfo's node: update this plugin's PreFilter state. */
  addPod(state: CycleState, podToSchedule: Pod, add: PodInfo, nodeInfo: NodeInfo): void
  removePod(state: CycleState, podToSchedule: Pod, remove: PodInfo, nodeInfo: NodeInfo): void
}

/**
 * PreFilter runs once per cycle before Filter. Skip disables this plugin's Filter for the cycle;
 * UnschedulableAndUnresolvable stops the cycle at once; Unschedulable lets the others run and then
 * fails the cycle (preemption may still run).
 */
export interface PreFilterPlugin extends Plugin {
  preFilter(
    state: CycleState,
    pod: Pod,
    handle: Handle,
  ): { result?: PreFilterResult; status: Status }
  readonly preFilterExtensions?: PreFilterExtensions
}

/**
 * Filter decides whether a pod fits one node. It may return only Success, Unschedulable or
 * UnschedulableAndUnresolvable (anything else becomes Error). The first non-success plugin ends
 * the node's evaluation.
 */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo, handle: Handle): Status
}

export interface PostFilterResult {
  nominatedNodeName?: string
  /** Pods the plugin decided to evict (the actor deletes them; this model performs no I/O). */
  victims?: Pod[]
}

/** PostFilter runs only when no node fits; Success with a nominated node means "retry later there". */
export interface PostFilterPlugin extends Plugin {
  postFilter(
    state: CycleState,
    pod: Pod,
    nodeStatuses: NodeToStatus,
    handle: Handle,
  ): { result?: PostFilterResult; status: Status; record?: unknown }
}

/** Statuses of the nodes that failed Filter; absent nodes take `absentNodesStatus`. */
export interface NodeToStatus {
  statuses: Record<string, Status>
  absentNodesStatus: Status
}

/** PreScore runs once over the feasible nodes; Skip disables this plugin's Score for the cycle. */
export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], handle: Handle): Status
}

export interface NodeScore {
  name: string
  score: number
}

/**
 * Score ranks one feasible node. After NormalizeScore every score must be in
 * [MIN_NODE_SCORE, MAX_NODE_SCORE]; the framework then multiplies it by the plugin weight.
 * NB: upstream returns (int64, *Status); plugins here cannot fail at Score, so it is a number.
 */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo, handle: Handle): number
  /** ScoreExtensions.NormalizeScore: rewrites `scores` in place. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): Status
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string, handle: Handle): Status
  unreserve(state: CycleState, pod: Pod, nodeName: string, handle: Handle): void
}

/** Permit may return Wait with a timeout; the binding cycle then waits for allow/reject. */
export interface PermitPlugin extends Plugin {
  permit(
    state: CycleState,
    pod: Pod,
    nodeName: string,
    handle: Handle,
  ): { status: Status; timeoutMs: number }
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: Pod, nodeName: string, handle: Handle): Status
}

/** Bind returns Skip to let the next bind plugin bind. */
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: Pod, nodeName: string, handle: Handle): Status
}

/** Any plugin: an object with a name and some of the extension-point methods. */
export type AnyPlugin = Plugin &
  Partial<
    Omit<PreFilterPlugin, 'name'> &
      Omit<FilterPlugin, 'name'> &
      Omit<PostFilterPlugin, 'name'> &
      Omit<PreScorePlugin, 'name'> &
      Omit<ScorePlugin, 'name'> &
      Omit<ReservePlugin, 'name'> &
      Omit<PermitPlugin, 'name'> &
      Omit<PreBindPlugin, 'name'> &
      Omit<BindPlugin, 'name'>
  >
