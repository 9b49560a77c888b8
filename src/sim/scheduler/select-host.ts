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
 * detail; here ties are considered in evaluation order (as a stable sort would list them), and
 * the rng is seeded. Returns undefined for an empty list (errEmptyPriorityList).
 */
export function selectHost(
  scored: readonly ScoredNode[],
  rng: RngState,
): HostSelection | undefined {
  return selectHostOf(
    scored.map((s) => s.name),
    scored.map((s) => s.totalScore),
    rng,
  )
}

/**
 * The best `k` indices by score, highest first, ties in index order: the head of a stable sort
 * by descending score, in one pass instead of sorting every scored node.
 */
function bestIndices(totals: readonly number[], k: number): number[] {
  const best: number[] = []
  for (let i = 0; i < totals.length; i++) {
    const score = totals[i] ?? 0
    let at = best.length
    while (at > 0 && (totals[best[at - 1] as number] ?? 0) < score) at--
    if (at >= k) continue
    best.splice(at, 0, i)
    if (best.length > k) best.pop()
  }
  return best
}

/** selectHost over parallel arrays: node names and their total scores (in evaluation order). */
export function selectHostOf(
  names: readonly string[],
  totals: readonly number[],
  rng: RngState,
): HostSelection | undefined {
  if (names.length === 0) return undefined
  let topScore = -Infinity
  for (const t of totals) if (t > topScore) topScore = t
  const tied: number[] = []
  for (let i = 0; i < names.length; i++) if (totals[i] === topScore) tied.push(i)
  let selectedIndex = 0
  const draws: TieBreakDraw[] = []
  for (let i = 1; i < tied.length; i++) {
    const count = i + 1
    const draw = nextInt(rng, count)
    const replaced = draw === 0
    if (replaced) selectedIndex = i
    draws.push({ node: names[tied[i] as number] as string, count, draw, replaced })
  }
  const selected = tied[selectedIndex] as number
  const node = (i: number): ScoredNode => ({ name: names[i] as string, totalScore: totals[i] ?? 0 })
  const rest = bestIndices(totals, NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT)
    .filter((i) => i !== selected)
    .slice(0, NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT - 1)
  const highest = [selected, ...rest].map(node)
  const name = names[selected] as string
  const next = rest[0]
  const explanation =
    tied.length === 1
      ? `${name} has the highest score (${topScore})` +
        (next !== undefined ? `; next best ${names[next]} (${totals[next]})` : '')
      : `${tied.length} nodes tied at ${topScore} (${tied.map((t) => names[t]).join(', ')}); ` +
        `reservoir sampling with the seeded rng picked ${name}`
  return {
    selected: name,
    tiedNodes: tied.map((t) => names[t] as string),
    topScore,
    draws,
    highest,
    explanation,
  }
}
