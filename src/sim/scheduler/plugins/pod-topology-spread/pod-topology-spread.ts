/**
 * PodTopologySpread: spreads matching pods across topology domains (hard constraints filter,
 * soft constraints and the system defaults score).
 * Source: pkg/scheduler/framework/plugins/podtopologyspread/{plugin,filtering,scoring}.go (v1.32)
 */
import type {
  FilterPlugin,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface'
import { readState, writeState } from '../../framework/cycle-state'
import { Names } from '../../framework/names'
import { Code, SUCCESS, newStatus } from '../../framework/status'
import {
  ERR_REASON_CONSTRAINTS_NOT_MATCH,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  calPreFilterState,
  minMatchNum,
  spreadFilter,
  updateWithPod,
  type SpreadPreFilterState,
} from './filtering'
import { calPreScoreState, spreadNormalize, spreadScore, type SpreadPreScoreState } from './scoring'

const PRE_FILTER_STATE_KEY = 'PreFilter' + Names.PodTopologySpread
const PRE_SCORE_STATE_KEY = 'PreScore' + Names.PodTopologySpread

interface StoredPreFilter {
  state: SpreadPreFilterState
  /** The per-constraint global minimum, computed once per state (the critical paths). */
  mins: number[]
}

function store(s: SpreadPreFilterState): StoredPreFilter {
  return { state: s, mins: s.constraints.map((_, i) => minMatchNum(s, i)) }
}

export const podTopologySpread = {
  name: Names.PodTopologySpread,
  preFilter(state, pod, handle) {
    const s = calPreFilterState(pod, handle)
    if (s.constraints.length === 0) return { status: newStatus(Code.Skip) }
    writeState(state, PRE_FILTER_STATE_KEY, store(s))
    return { status: SUCCESS }
  },
  preFilterExtensions: {
    addPod(state, pod, add, nodeInfo) {
      const s = readState<StoredPreFilter>(state, PRE_FILTER_STATE_KEY)
      if (s)
        writeState(
          state,
          PRE_FILTER_STATE_KEY,
          store(updateWithPod(s.state, pod, add, nodeInfo, 1)),
        )
    },
    removePod(state, pod, remove, nodeInfo) {
      const s = readState<StoredPreFilter>(state, PRE_FILTER_STATE_KEY)
      if (s)
        writeState(
          state,
          PRE_FILTER_STATE_KEY,
          store(updateWithPod(s.state, pod, remove, nodeInfo, -1)),
        )
    },
  },
  filter(state, pod, nodeInfo, handle) {
    const s =
      readState<StoredPreFilter>(state, PRE_FILTER_STATE_KEY) ??
      store(calPreFilterState(pod, handle))
    const reason = spreadFilter(s.state, pod, nodeInfo, s.mins)
    if (reason === undefined) return SUCCESS
    if (reason === 'missing-label')
      return newStatus(Code.UnschedulableAndUnresolvable, ERR_REASON_NODE_LABEL_NOT_MATCH)
    return newStatus(Code.Unschedulable, ERR_REASON_CONSTRAINTS_NOT_MATCH)
  },
  preScore(state, pod, nodes, handle) {
    const s = calPreScoreState(pod, nodes, handle)
    if (!s) return newStatus(Code.Skip)
    writeState(state, PRE_SCORE_STATE_KEY, s)
    return SUCCESS
  },
  score(state, _pod, nodeInfo) {
    const s = readState<SpreadPreScoreState>(state, PRE_SCORE_STATE_KEY)
    return s ? spreadScore(s, nodeInfo) : 0
  },
  normalizeScore(state, _pod, scores) {
    spreadNormalize(readState<SpreadPreScoreState>(state, PRE_SCORE_STATE_KEY), scores)
    return SUCCESS
  },
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin
