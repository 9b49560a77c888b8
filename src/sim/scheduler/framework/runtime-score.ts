/**
 * Runtime for PreScore, Score/NormalizeScore and PostFilter.
 * Source: RunPreScorePlugins, RunScorePlugins, RunPostFilterPlugins,
 * pkg/scheduler/framework/runtime/framework.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { CycleState } from './cycle-state'
import {
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  type NodeScore,
  type NodeToStatus,
  type PostFilterResult,
} from './interface'
import type { NodeInfo } from './node-info'
import type { Framework } from './runtime'
import { Code, SUCCESS, isRejected, isSuccess, newStatus, withPlugin, type Status } from './status'

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

/** RunPreScorePlugins: Skip adds the plugin to skipScorePlugins; any other failure is an Error. */
export function runPreScorePlugins(
  fw: Framework,
  state: CycleState,
  pod: Pod,
  nodes: readonly NodeInfo[],
): { status: Status; perPlugin: { plugin: string; status: Status }[] } {
  const perPlugin: { plugin: string; status: Status }[] = []
  for (const p of fw.preScore) {
    const status = p.preScore(state, pod, nodes, fw.handle)
    perPlugin.push({ plugin: p.name, status })
    if (status.code === Code.Skip) {
      state.skipScorePlugins.push(p.name)
      continue
    }
    if (!isSuccess(status)) {
      return {
        status: withPlugin(
          newStatus(
            Code.Error,
            `running PreScore plugin "${p.name}": ${status.reasons.join(', ')}`,
          ),
          p.name,
        ),
        perPlugin,
      }
    }
  }
  return { status: SUCCESS, perPlugin }
}

/**
 * RunScorePlugins (v1.32): raw scores per plugin per node, NormalizeScore over the node list,
 * then a range check ([MinNodeScore, MaxNodeScore]) and score × weight summed into the total.
 */
export function runScorePlugins(
  fw: Framework,
  state: CycleState,
  pod: Pod,
  nodes: readonly NodeInfo[],
): { status: Status; scores: Record<string, NodeScoreRecord>; ranPlugins: string[] } {
  const scores: Record<string, NodeScoreRecord> = {}
  for (const n of nodes) scores[n.name] = { plugins: {}, total: 0 }
  const ranPlugins: string[] = []
  for (const { plugin, weight } of fw.score) {
    if (state.skipScorePlugins.includes(plugin.name)) continue
    ranPlugins.push(plugin.name)
    const list: NodeScore[] = nodes.map((n) => ({
      name: n.name,
      score: plugin.score(state, pod, n, fw.handle),
    }))
    const raw = list.map((s) => s.score)
    if (plugin.normalizeScore) {
      const st = plugin.normalizeScore(state, pod, list)
      if (!isSuccess(st))
        return {
          status: withPlugin(newStatus(Code.Error, ...st.reasons), plugin.name),
          scores,
          ranPlugins,
        }
    }
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as NodeScore
      if (s.score > MAX_NODE_SCORE || s.score < MIN_NODE_SCORE) {
        const msg = `plugin "${plugin.name}" returns an invalid score ${s.score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`
        return { status: withPlugin(newStatus(Code.Error, msg), plugin.name), scores, ranPlugins }
      }
      const rec = scores[s.name] as NodeScoreRecord
      const weighted = s.score * weight
      rec.plugins[plugin.name] = { raw: raw[i] ?? 0, normalized: s.score, weight, weighted }
      rec.total += weighted
    }
  }
  return { status: SUCCESS, scores, ranPlugins }
}

/**
 * RunPostFilterPlugins (v1.32): the first Success or U&U wins; rejections accumulate reasons;
 * anything else is an Error.
 */
export function runPostFilterPlugins(
  fw: Framework,
  state: CycleState,
  pod: Pod,
  nodeStatuses: NodeToStatus,
): { result?: PostFilterResult; status: Status; records: Record<string, unknown> } {
  const records: Record<string, unknown> = {}
  let result: PostFilterResult | undefined
  const reasons: string[] = []
  let rejector = ''
  for (const p of fw.postFilter) {
    const out = p.postFilter(state, pod, nodeStatuses, fw.handle)
    if (out.record !== undefined) records[p.name] = out.record
    const s = out.status
    if (isSuccess(s)) return { ...(out.result ? { result: out.result } : {}), status: s, records }
    if (s.code === Code.UnschedulableAndUnresolvable) {
      return {
        ...(out.result ? { result: out.result } : {}),
        status: withPlugin(s, p.name),
        records,
      }
    }
    if (!isRejected(s))
      return { status: withPlugin(newStatus(Code.Error, ...s.reasons), p.name), records }
    if (out.result) result = out.result
    reasons.push(...s.reasons)
    if (!rejector) rejector = p.name
  }
  const status = withPlugin(newStatus(Code.Unschedulable, ...reasons), rejector)
  return { ...(result ? { result } : {}), status, records }
}
