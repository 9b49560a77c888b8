/**
 * The framework runtime: resolves a profile into per-extension-point plugin lists and runs them
 * with upstream's ordering and short-circuit rules.
 * Source: frameworkImpl, pkg/scheduler/framework/runtime/framework.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { RngState } from '../../core/rng'
import { cloneCycleState, type CycleState } from './cycle-state'
import type {
  BindPlugin,
  FilterPlugin,
  Handle,
  PermitPlugin,
  PostFilterPlugin,
  PreBindPlugin,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ReservePlugin,
  ScorePlugin,
  Snapshot,
} from './interface'
import {
  addPodInfo,
  cloneNodeInfo,
  newPodInfo,
  podKey,
  podPriority,
  type NodeInfo,
} from './node-info'
import type { Profile } from './profile'
import { lookupPlugin } from './registry'
import { Code, SUCCESS, isRejected, isSuccess, newStatus, withPlugin, type Status } from './status'

export interface WeightedScorePlugin {
  plugin: ScorePlugin
  weight: number
}

export interface Framework {
  profile: Profile
  handle: Handle
  preFilter: PreFilterPlugin[]
  filter: FilterPlugin[]
  postFilter: PostFilterPlugin[]
  preScore: PreScorePlugin[]
  score: WeightedScorePlugin[]
  reserve: ReservePlugin[]
  permit: PermitPlugin[]
  preBind: PreBindPlugin[]
  bind: BindPlugin[]
  /** Pods nominated to each node (status.nominatedNodeName), for RunFilterPluginsWithNominatedPods. */
  nominatedPodsByNode: Record<string, Pod[]>
  hasNominatedPods: boolean
}

/** Builds the framework for one cycle. Throws on a profile naming an unknown plugin. */
export function newFramework(
  profile: Profile,
  snapshot: Snapshot,
  rng: RngState,
  nominatedPods: readonly Pod[] = [],
): Framework {
  const fw: Framework = {
    profile,
    handle: undefined as unknown as Handle,
    preFilter: [],
    filter: [],
    postFilter: [],
    preScore: [],
    score: [],
    reserve: [],
    permit: [],
    preBind: [],
    bind: [],
    nominatedPodsByNode: {},
    hasNominatedPods: false,
  }
  for (const entry of profile.plugins) {
    const p = lookupPlugin(entry.name)
    if (!p) throw new Error(`plugin "${entry.name}" does not exist`)
    if (p.preFilter) fw.preFilter.push(p as PreFilterPlugin)
    if (p.filter) fw.filter.push(p as FilterPlugin)
    if (p.postFilter) fw.postFilter.push(p as PostFilterPlugin)
    if (p.preScore) fw.preScore.push(p as PreScorePlugin)
    // A weight left at 0 defaults to 1 (mergePlugins / setDefaults, apis/config/v1 v1.32).
    if (p.score)
      fw.score.push({
        plugin: p as ScorePlugin,
        weight: entry.weight === undefined || entry.weight === 0 ? 1 : entry.weight,
      })
    if (p.reserve) fw.reserve.push(p as ReservePlugin)
    if (p.permit) fw.permit.push(p as PermitPlugin)
    if (p.preBind) fw.preBind.push(p as PreBindPlugin)
    if (p.bind) fw.bind.push(p as BindPlugin)
  }
  for (const np of nominatedPods) {
    const node = np.status?.nominatedNodeName
    if (node) (fw.nominatedPodsByNode[node] ??= []).push(np)
    if (node) fw.hasNominatedPods = true
  }
  fw.handle = {
    snapshot,
    profile,
    rng,
    runFilterPlugins: (state, pod, nodeInfo) => runFilterPlugins(fw, state, pod, nodeInfo),
    runFilterPluginsWithNominatedPods: (state, pod, nodeInfo) =>
      runFilterPluginsWithNominatedPods(fw, state, pod, nodeInfo),
    nominatedPodsForNode: (nodeName) => fw.nominatedPodsByNode[nodeName] ?? [],
    runPreFilterExtensionAddPod: (state, pod, add, nodeInfo) => {
      for (const p of fw.preFilter) {
        if (state.skipFilterPlugins.includes(p.name)) continue
        p.preFilterExtensions?.addPod(state, pod, add, nodeInfo)
      }
    },
    runPreFilterExtensionRemovePod: (state, pod, remove, nodeInfo) => {
      for (const p of fw.preFilter) {
        if (state.skipFilterPlugins.includes(p.name)) continue
        p.preFilterExtensions?.removePod(state, pod, remove, nodeInfo)
      }
    },
  }
  return fw
}

export interface PreFilterOutcome {
  result: PreFilterResult
  status: Status
  /** Plugins that returned a node-name narrowing (pluginsWithNodes). */
  pluginsWithNodes: string[]
  /** Every PreFilter plugin that ran, with its own status (for the decision record). */
  perPlugin: { plugin: string; status: Status }[]
}

function mergeNodeNames(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  const s = new Set(b)
  return a.filter((n) => s.has(n))
}

/**
 * RunPreFilterPlugins (v1.32): Skip records the plugin in skipFilterPlugins; U&U returns at once;
 * Unschedulable is remembered while the remaining plugins run; narrowing results intersect.
 */
export function runPreFilterPlugins(fw: Framework, state: CycleState, pod: Pod): PreFilterOutcome {
  const out: PreFilterOutcome = { result: {}, status: SUCCESS, pluginsWithNodes: [], perPlugin: [] }
  let nodeNames: string[] | undefined
  for (const p of fw.preFilter) {
    const { result, status } = p.preFilter(state, pod, fw.handle)
    out.perPlugin.push({ plugin: p.name, status })
    if (status.code === Code.Skip) {
      state.skipFilterPlugins.push(p.name)
      continue
    }
    if (!isSuccess(status)) {
      const s = withPlugin(status, p.name)
      if (s.code === Code.UnschedulableAndUnresolvable) return { ...out, status: s }
      if (s.code === Code.Unschedulable) {
        out.status = s
        continue
      }
      return {
        ...out,
        status: withPlugin(
          newStatus(Code.Error, `running PreFilter plugin "${p.name}": ${s.reasons.join(', ')}`),
          p.name,
        ),
      }
    }
    if (result?.nodeNames !== undefined) {
      out.pluginsWithNodes.push(p.name)
      nodeNames = mergeNodeNames(nodeNames, result.nodeNames)
      if (nodeNames?.length === 0) {
        const names = out.pluginsWithNodes
        const msg =
          names.length === 1
            ? `node(s) didn't satisfy plugin ${names[0] ?? ''}`
            : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`
        return {
          ...out,
          result: { nodeNames },
          status: newStatus(Code.UnschedulableAndUnresolvable, msg),
        }
      }
    }
  }
  if (nodeNames !== undefined) out.result = { nodeNames }
  return out
}

/**
 * RunFilterPlugins (v1.32): the first non-success plugin decides; its name is stamped on the
 * status. A code other than a rejection becomes Error.
 */
export function runFilterPlugins(
  fw: Framework,
  state: CycleState,
  pod: Pod,
  nodeInfo: NodeInfo,
): Status {
  for (const p of fw.filter) {
    if (state.skipFilterPlugins.length > 0 && state.skipFilterPlugins.includes(p.name)) continue
    const status = p.filter(state, pod, nodeInfo, fw.handle)
    if (!isSuccess(status)) {
      if (!isRejected(status)) {
        return withPlugin(
          newStatus(Code.Error, `running "${p.name}" filter plugin: ${status.reasons.join(', ')}`),
          p.name,
        )
      }
      return withPlugin(status, p.name)
    }
  }
  return SUCCESS
}

/**
 * RunFilterPluginsWithNominatedPods (v1.32): when pods of equal or higher priority are nominated
 * to this node, filter once with them added and, if that passes, once more without them.
 */
export function runFilterPluginsWithNominatedPods(
  fw: Framework,
  state: CycleState,
  pod: Pod,
  nodeInfo: NodeInfo,
): Status {
  // Usually nobody is nominated: skip the per-node lookup (a keyed miss on a node name).
  if (!fw.hasNominatedPods) return runFilterPlugins(fw, state, pod, nodeInfo)
  const nominated = fw.nominatedPodsByNode[nodeInfo.name]
  if (!nominated || nominated.length === 0) return runFilterPlugins(fw, state, pod, nodeInfo)
  const priority = podPriority(pod)
  const key = podKey(pod)
  const added = nominated.filter((p) => podPriority(p) >= priority && podKey(p) !== key)
  if (added.length === 0) return runFilterPlugins(fw, state, pod, nodeInfo)
  const stateOut = cloneCycleState(state)
  const infoOut = cloneNodeInfo(nodeInfo)
  for (const p of added) {
    const pi = newPodInfo(p)
    addPodInfo(infoOut, pi)
    fw.handle.runPreFilterExtensionAddPod(stateOut, pod, pi, infoOut)
  }
  const first = runFilterPlugins(fw, stateOut, pod, infoOut)
  if (!isSuccess(first)) return first
  return runFilterPlugins(fw, state, pod, nodeInfo)
}
