/**
 * How many nodes to search, and picking the host among the best-scored nodes.
 * Source: numFeasibleNodesToFind and selectHost, pkg/scheduler/schedule_one.go (v1.32)
 */
import { nextInt, type RngState } from '../core/rng'

// minFeasibleNodesToFind = 100: pkg/scheduler/schedule_one.go (v1.32)
export const MIN_FEASIBLE_NODES_TO_FIND = 100
// minFeasibleNodesPercentageToFind = 5: pkg/scheduler/schedule_one.go (v1.32)
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5
// DefaultPercentageOfNodesToScore = 0 (adaptive): pkg/scheduler/apis/config/types.go (v1.32)
export const DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE = 0
// numberOfHighestScoredNodesToReport = 3: pkg/scheduler/schedule_one.go (v1.32)
export const NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT = 3

/**
 * numFeasibleNodesToFind: all nodes below 100; otherwise percentage (profile, else global;
 * 0 = adaptive 50 - n/125, at least 5) of n, at least 100.
 */
export function numFeasibleNodesToFind(
  percentageOfNodesToScore: number | undefined,
  numAllNodes: number,
): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes
  let percentage = percentageOfNodesToScore ?? DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125)
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND)
      percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100)
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes
}

export interface ScoredNode {
  name: string
  totalScore: number
}

/** One reservoir-sampling step: the c-th tied node replaces the pick when draw === 0. */
export interface TieBreakDraw {
  node: string
  /** cntOfMaxScore: this node is the c-th with the top score */
  count: number
  /** rand.Intn(count) from the seeded rng */
  draw: number
  replaced: boolean
}

export interface HostSelection {
  selected: string
  /** All nodes with the top score, in the order they were considered. */
  tiedNodes: string[]
  topScore: number
  draws: TieBreakDraw[]
  /** The best nodes, the selected one first (up to numberOfHighestScoredNodesToReport). */
  highest: ScoredNode[]
  explanation: string
}

/**
 * selectHost: walks the nodes from the best score down; every further node with the top score
 * replaces the pick with probability 1/c (reservoir sampling), so each tied node is equally
 * likely. NB: upstream pops a max-heap, whose order among equal scores is an implementation
 * detail; here ties are considered in evaluation order (a stable sort), and the rng is seeded.
 * Returns undefined for an empty list (errEmptyPriorityList).
 */
export function selectHost(
  scored: readonly ScoredNode[],
  rng: RngState,
): HostSelection | undefined {
  if (scored.length === 0) return undefined
  const sorted = [...scored].sort((a, b) => b.totalScore - a.totalScore)
  const top = sorted[0] as ScoredNode
  const tied = sorted.filter((s) => s.totalScore === top.totalScore)
  let selectedIndex = 0
  const draws: TieBreakDraw[] = []
  for (let i = 1; i < tied.length; i++) {
    const count = i + 1
    const draw = nextInt(rng, count)
    const replaced = draw === 0
    if (replaced) selectedIndex = i
    draws.push({ node: (tied[i] as ScoredNode).name, count, draw, replaced })
  }
  const selected = tied[selectedIndex] as ScoredNode
  const rest = sorted.filter((s) => s !== selected)
  const highest = [selected, ...rest].slice(0, NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT)
  const explanation =
    tied.length === 1
      ? `${selected.name} has the highest score (${top.totalScore})` +
        (rest[0] ? `; next best ${rest[0].name} (${rest[0].totalScore})` : '')
      : `${tied.length} nodes tied at ${top.totalScore} (${tied.map((t) => t.name).join(', ')}); ` +
        `reservoir sampling with the seeded rng picked ${selected.name}`
  return {
    selected: selected.name,
    tiedNodes: tied.map((t) => t.name),
    topScore: top.totalScore,
    draws,
    highest,
    explanation,
  }
}
