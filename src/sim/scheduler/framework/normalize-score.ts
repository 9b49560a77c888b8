/**
 * DefaultNormalizeScore: scales scores to [0, maxPriority] by the highest score; with `reverse`
 * a high raw score becomes a low final score. All raw scores 0: unchanged, or all maxPriority
 * when reversed.
 * Source: helper.DefaultNormalizeScore, pkg/scheduler/framework/plugins/helper/normalize_score.go (v1.32)
 */
import type { NodeScore } from './interface'
import { SUCCESS, type Status } from './status'

export function defaultNormalizeScore(
  maxPriority: number,
  reverse: boolean,
  scores: NodeScore[],
): Status {
  let maxCount = 0
  for (const s of scores) if (s.score > maxCount) maxCount = s.score
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority
    return SUCCESS
  }
  for (const s of scores) {
    // score = maxPriority * score / maxCount (Go integer division)
    let score = Math.trunc((maxPriority * s.score) / maxCount)
    if (reverse) score = maxPriority - score
    s.score = score
  }
  return SUCCESS
}
