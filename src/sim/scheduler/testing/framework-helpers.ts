/**
 * Test helpers that run one plugin the way the framework would, so plugin tests stay tables.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { createRng } from '../../core/rng'
import { snapshotFromNodeInfos } from '../cache'
import { newCycleState, type CycleState } from '../framework/cycle-state'
import type { AnyPlugin, Handle, NodeScore } from '../framework/interface'
import { addPodInfo, newNodeInfo, newPodInfo, type NodeInfo } from '../framework/node-info'
import { defaultProfile, type Profile } from '../framework/profile'
import { newFramework } from '../framework/runtime'
import type { Status } from '../framework/status'

/** A NodeInfo for `node` with `pods` placed on it. */
export function makeNodeInfo(node: Node, ...pods: Pod[]): NodeInfo {
  const info = newNodeInfo(node.metadata?.name ?? '', node)
  for (const p of pods) addPodInfo(info, newPodInfo(p))
  return info
}

export function makeHandle(
  nodeInfos: readonly NodeInfo[],
  profile: Profile = defaultProfile(),
): Handle {
  return newFramework(profile, snapshotFromNodeInfos(nodeInfos), createRng(1)).handle
}

/** PreFilter (if any, ignoring Skip) then Filter on one node. */
export function runFilter(
  plugin: AnyPlugin,
  pod: Pod,
  nodeInfo: NodeInfo,
  handle?: Handle,
): Status {
  const h = handle ?? makeHandle([nodeInfo])
  const state: CycleState = newCycleState()
  plugin.preFilter?.(state, pod, h)
  if (!plugin.filter) throw new Error(`${plugin.name} has no Filter`)
  return plugin.filter(state, pod, nodeInfo, h)
}

/** PreScore (if any) + Score on every node + NormalizeScore (if any): the final plugin scores. */
export function runScore(
  plugin: AnyPlugin,
  pod: Pod,
  nodeInfos: readonly NodeInfo[],
  profile?: Profile,
): { raw: NodeScore[]; normalized: NodeScore[]; preScore?: Status } {
  const handle = makeHandle(nodeInfos, profile)
  const state = newCycleState()
  const preScore = plugin.preScore?.(state, pod, nodeInfos, handle)
  if (!plugin.score) throw new Error(`${plugin.name} has no Score`)
  const score = plugin.score.bind(plugin)
  const raw = nodeInfos.map((n) => ({ name: n.name, score: score(state, pod, n, handle) }))
  const normalized = raw.map((s) => ({ ...s }))
  plugin.normalizeScore?.(state, pod, normalized)
  return preScore ? { raw, normalized, preScore } : { raw, normalized }
}

/** name -> score, for compact expectations. */
export function byName(scores: readonly NodeScore[]): Record<string, number> {
  return Object.fromEntries(scores.map((s) => [s.name, s.score]))
}
