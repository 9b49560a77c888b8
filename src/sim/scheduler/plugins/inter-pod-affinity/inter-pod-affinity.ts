/**
 * InterPodAffinity: required pod (anti-)affinity filters, preferred terms score.
 * Source: pkg/scheduler/framework/plugins/interpodaffinity/{plugin,filtering,scoring}.go (v1.32)
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
  affinityFilter,
  calAffinityPreFilterState,
  updateAffinityStateWithPod,
  type AffinityPreFilterState,
} from './filtering'
import {
  affinityNormalize,
  affinityScore,
  calAffinityPreScore,
  type TopologyScore,
} from './scoring'

const PRE_FILTER_STATE_KEY = 'PreFilter' + Names.InterPodAffinity
const PRE_SCORE_STATE_KEY = 'PreScore' + Names.InterPodAffinity

export const interPodAffinity = {
  name: Names.InterPodAffinity,
  preFilter(state, pod, handle) {
    const s = calAffinityPreFilterState(pod, handle)
    if (!s) return { status: newStatus(Code.Skip) }
    writeState(state, PRE_FILTER_STATE_KEY, s)
    return { status: SUCCESS }
  },
  preFilterExtensions: {
    addPod(state, _pod, add, nodeInfo) {
      const s = readState<AffinityPreFilterState>(state, PRE_FILTER_STATE_KEY)
      if (s)
        writeState(state, PRE_FILTER_STATE_KEY, updateAffinityStateWithPod(s, add, nodeInfo, 1))
    },
    removePod(state, _pod, remove, nodeInfo) {
      const s = readState<AffinityPreFilterState>(state, PRE_FILTER_STATE_KEY)
      if (s)
        writeState(state, PRE_FILTER_STATE_KEY, updateAffinityStateWithPod(s, remove, nodeInfo, -1))
    },
  },
  filter(state, pod, nodeInfo, handle) {
    const s =
      readState<AffinityPreFilterState>(state, PRE_FILTER_STATE_KEY) ??
      calAffinityPreFilterState(pod, handle)
    if (!s) return SUCCESS
    const failure = affinityFilter(s, nodeInfo)
    if (!failure) return SUCCESS
    return newStatus(
      failure.resolvable ? Code.Unschedulable : Code.UnschedulableAndUnresolvable,
      failure.reason,
    )
  },
  preScore(state, pod, _nodes, handle) {
    const m = calAffinityPreScore(pod, handle)
    if (!m) return newStatus(Code.Skip)
    writeState(state, PRE_SCORE_STATE_KEY, m)
    return SUCCESS
  },
  score(state, _pod, nodeInfo) {
    const m = readState<TopologyScore>(state, PRE_SCORE_STATE_KEY)
    return m ? affinityScore(m, nodeInfo) : 0
  },
  normalizeScore(state, _pod, scores) {
    affinityNormalize(readState<TopologyScore>(state, PRE_SCORE_STATE_KEY), scores)
    return SUCCESS
  },
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin
