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
import type { ScoreTable } from '../cycle-record'
import { Code, SUCCESS, isRejected, isSuccess, newStatus, withPlugin, type Status } from './status'

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

// The NodeScore list every cycle's Score phase fills: reused across cycles (a cycle is
// synchronous, and NormalizeScore only rewrites scores in place), so a cycle at 5,000 nodes does
// not allocate ~500 entries.
const NODE_SCORES: NodeScore[] = []

/** One entry per node, in order, with score 0: the shared list, resized and refilled. */
function nodeScoreList(nodes: readonly NodeInfo[]): NodeScore[] {
  const n = nodes.length
  for (let i = 0; i < n; i++) {
    const name = (nodes[i] as NodeInfo).name
    const entry = NODE_SCORES[i]
    if (entry === undefined) NODE_SCORES.push({ name, score: 0 })
    else {
      entry.name = name
      entry.score = 0
    }
  }
  NODE_SCORES.length = n
  return NODE_SCORES
}

/**
 * RunScorePlugins (v1.32): raw scores per plugin per node, NormalizeScore over the node list,
 * then a range check ([MinNodeScore, MaxNodeScore]) and score × weight summed into the total.
 * Returns number columns aligned with `nodes` (the record's ScoreTable): one NodeScore list is
 * reused by every plugin, as upstream reuses its per-plugin NodeScoreList slices.
 */
export function runScorePlugins(
  fw: Framework,
  state: CycleState,
  pod: Pod,
  nodes: readonly NodeInfo[],
): { status: Status; table: ScoreTable; ranPlugins: string[] } {
  const n = nodes.length
  const table: ScoreTable = {
    plugins: [],
    weights: [],
    raw: [],
    normalized: [],
    totals: new Array<number>(n).fill(0),
  }
  const ranPlugins: string[] = []
  const list = nodeScoreList(nodes)
  for (const { plugin, weight } of fw.score) {
    if (state.skipScorePlugins.includes(plugin.name)) continue
    ranPlugins.push(plugin.name)
    const raw = new Array<number>(n)
    for (let i = 0; i < n; i++) {
      const score = plugin.score(state, pod, nodes[i] as NodeInfo, fw.handle)
      raw[i] = score
      ;(list[i] as NodeScore).score = score
    }
    if (plugin.normalizeScore) {
      const st = plugin.normalizeScore(state, pod, list)
      if (!isSuccess(st))
        return {
          status: withPlugin(newStatus(Code.Error, ...st.reasons), plugin.name),
          table,
          ranPlugins,
        }
    }
    // Without NormalizeScore the normalized column is the raw one: shared, not copied.
    const normalized = plugin.normalizeScore ? new Array<number>(n) : raw
    for (let i = 0; i < n; i++) {
      const score = (list[i] as NodeScore).score
      if (score > MAX_NODE_SCORE || score < MIN_NODE_SCORE) {
        const msg = `plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`
        return { status: withPlugin(newStatus(Code.Error, msg), plugin.name), table, ranPlugins }
      }
      normalized[i] = score
      table.totals[i] = (table.totals[i] ?? 0) + score * weight
    }
    table.plugins.push(plugin.name)
    table.weights.push(weight)
    table.raw.push(raw)
    table.normalized.push(normalized)
  }
  return { status: SUCCESS, table, ranPlugins }
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
