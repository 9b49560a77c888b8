/**
 * The three NodeResourcesFit scoring strategies, each a weighted average over resources whose
 * allocatable is non-zero.
 * Sources (v1.32): pkg/scheduler/framework/plugins/noderesources/least_allocated.go,
 * most_allocated.go, requested_to_capacity_ratio.go, plugins/helper/shape_score.go
 */
import { MAX_NODE_SCORE } from '../../framework/interface'
import type { ResourceSpec, UtilizationShapePoint } from '../../framework/profile'

export type Scorer = (requested: readonly number[], allocatable: readonly number[]) => number

/** leastRequestedScore: (capacity - requested) * MaxNodeScore / capacity; 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity)
}

/** mostRequestedScore: requested * MaxNodeScore / capacity, requested capped at capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0
  const req = Math.min(requested, capacity)
  return Math.trunc((req * MAX_NODE_SCORE) / capacity)
}

function weightedAverage(
  resources: readonly ResourceSpec[],
  perResource: (requested: number, capacity: number) => number,
): Scorer {
  return (requested, allocatable) => {
    let nodeScore = 0
    let weightSum = 0
    for (let i = 0; i < requested.length; i++) {
      const alloc = allocatable[i] ?? 0
      if (alloc === 0) continue
      const weight = resources[i]?.weight ?? 1
      nodeScore += perResource(requested[i] ?? 0, alloc) * weight
      weightSum += weight
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum)
  }
}

export function leastResourceScorer(resources: readonly ResourceSpec[]): Scorer {
  return weightedAverage(resources, leastRequestedScore)
}

export function mostResourceScorer(resources: readonly ResourceSpec[]): Scorer {
  return weightedAverage(resources, mostRequestedScore)
}

// MaxCustomPriorityScore = 10: pkg/scheduler/apis/config/types.go (v1.32)
const MAX_CUSTOM_PRIORITY_SCORE = 10
// maxUtilization = 100: requested_to_capacity_ratio.go (v1.32)
const MAX_UTILIZATION = 100

interface FunctionShapePoint {
  utilization: number
  score: number
}

/** helper.BuildBrokenLinearFunction (shape_score.go v1.32), Go integer division. */
export function brokenLinearFunction(shape: readonly FunctionShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      const cur = shape[i] as FunctionShapePoint
      if (p <= cur.utilization) {
        if (i === 0) return cur.score
        const prev = shape[i - 1] as FunctionShapePoint
        return (
          prev.score +
          Math.trunc(
            ((cur.score - prev.score) * (p - prev.utilization)) /
              (cur.utilization - prev.utilization),
          )
        )
      }
    }
    return shape[shape.length - 1]?.score ?? 0
  }
}

/**
 * requestedToCapacityRatioScorer: shape scores scaled by MaxNodeScore / MaxCustomPriorityScore;
 * only resources with a positive score count; the average is math.Round-ed.
 */
export function requestedToCapacityRatioScorer(
  resources: readonly ResourceSpec[],
  shape: readonly UtilizationShapePoint[],
): Scorer {
  const raw = brokenLinearFunction(
    shape.map((p) => ({
      utilization: p.utilization,
      score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE),
    })),
  )
  const resourceScore = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity
      ? raw(MAX_UTILIZATION)
      : raw(Math.trunc((requested * MAX_UTILIZATION) / capacity))
  return (requested, allocatable) => {
    let nodeScore = 0
    let weightSum = 0
    for (let i = 0; i < requested.length; i++) {
      const alloc = allocatable[i] ?? 0
      if (alloc === 0) continue
      const weight = resources[i]?.weight ?? 1
      const s = resourceScore(requested[i] ?? 0, alloc)
      if (s > 0) {
        nodeScore += s * weight
        weightSum += weight
      }
    }
    // math.Round: half away from zero; the quotient is never negative here.
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum)
  }
}
