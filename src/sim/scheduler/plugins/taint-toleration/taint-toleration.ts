/**
 * TaintToleration: Filter rejects nodes with an untolerated NoSchedule/NoExecute taint; Score
 * counts untolerated PreferNoSchedule taints, reversed by normalization (fewer is better).
 * Source: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (v1.32)
 */
import type { Toleration } from 'kubernetes-types/core/v1'
import type { FilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface'
import { MAX_NODE_SCORE } from '../../framework/interface'
import { readState, writeState } from '../../framework/cycle-state'
import { Names } from '../../framework/names'
import { defaultNormalizeScore } from '../../framework/normalize-score'
import { Code, SUCCESS, newStatus } from '../../framework/status'
import {
  findMatchingUntoleratedTaint,
  isDoNotScheduleTaint,
  tolerationsTolerateTaint,
} from '../../util/tolerations'

const PRE_SCORE_STATE_KEY = 'PreScore' + Names.TaintToleration

/** The v1.32 Filter reason: fmt.Sprintf("node(s) had untolerated taint {%s: %s}", key, value). */
export function untoleratedTaintReason(key: string, value: string): string {
  return `node(s) had untolerated taint {${key}: ${value}}`
}

/** getAllTolerationPreferNoSchedule: tolerations with an empty or PreferNoSchedule effect. */
function preferNoScheduleTolerations(tolerations: readonly Toleration[] | undefined): Toleration[] {
  return (tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule')
}

export const taintToleration = {
  name: Names.TaintToleration,
  filter(_state, pod, nodeInfo) {
    const node = nodeInfo.node
    if (!node) return newStatus(Code.Error, 'invalid nodeInfo')
    const taint = findMatchingUntoleratedTaint(
      node.spec?.taints,
      pod.spec?.tolerations,
      isDoNotScheduleTaint,
    )
    if (!taint) return SUCCESS
    return newStatus(
      Code.UnschedulableAndUnresolvable,
      untoleratedTaintReason(taint.key, taint.value ?? ''),
    )
  },
  preScore(state, pod) {
    writeState(state, PRE_SCORE_STATE_KEY, preferNoScheduleTolerations(pod.spec?.tolerations))
    return SUCCESS
  },
  score(state, pod, nodeInfo) {
    const tolerations =
      readState<Toleration[]>(state, PRE_SCORE_STATE_KEY) ??
      preferNoScheduleTolerations(pod.spec?.tolerations)
    // countIntolerableTaintsPreferNoSchedule (v1.32)
    let count = 0
    for (const taint of nodeInfo.node?.spec?.taints ?? []) {
      if (taint.effect !== 'PreferNoSchedule') continue
      if (!tolerationsTolerateTaint(tolerations, taint)) count++
    }
    return count
  },
  normalizeScore(_state, _pod, scores) {
    return defaultNormalizeScore(MAX_NODE_SCORE, true, scores)
  },
} satisfies FilterPlugin & PreScorePlugin & ScorePlugin
