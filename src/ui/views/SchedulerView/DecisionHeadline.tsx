import type { DecisionRecord } from '../../../protocol/records'
import type { RevealState } from '../../viz/matrix-reveal'
import { formatSimTime } from '../../viz/age'
import { formatBytes, formatMilliCpu } from '../../viz/quantities'

/** numFeasibleNodesToFind in words (schedule_one.go, v1.32). */
function samplingText(d: DecisionRecord): string {
  const sampled = `Filtered ${d.evaluatedCount} of ${d.numAllNodes} node(s), starting at index ${d.startNodeIndex}`
  if (d.numAllNodes < 100)
    return `${sampled}: with fewer than 100 nodes the scheduler looks at all of them (percentageOfNodesToScore applies from 100).`
  const pct = Math.max(5, 50 - Math.trunc(d.numAllNodes / 125))
  return `${sampled}: it stops after ${d.numFeasibleNodesToFind} feasible node(s) (adaptive percentageOfNodesToScore = max(5, 50 − ${d.numAllNodes}/125) = ${pct}%, at least 100).`
}

function phaseText(d: DecisionRecord, reveal: RevealState): string {
  const row = [...d.rows].sort((a, b) => a.order - b.order)[reveal.filterRows - 1]
  switch (reveal.phase) {
    case 'filter':
      return row
        ? `Filter: running every Filter plugin on ${row.node} until one rejects it…`
        : 'Filter…'
    case 'score':
      return `Score: ${d.scorePlugins[reveal.scoreColumns - 1]?.name ?? ''} scores each feasible node, normalizes to 0–100 and multiplies by its weight…`
    case 'total':
      return 'Totals: the sum of the weighted scores.'
    case 'select':
      return 'selectHost: the highest total wins…'
    case 'done':
      return ''
  }
}

function outcomeText(d: DecisionRecord): string {
  if (d.selectedNode === null)
    return `No node fits: the Pod stays Pending. ${d.failureMessage ?? ''}`
  if (d.scoringSkipped === 'single-feasible-node')
    return `Only ${d.selectedNode} passed every filter, so the scheduler skipped scoring and bound the Pod there.`
  if (d.tie) {
    // At scale the summary lists only the first tied nodes: say how many more there were.
    const more = d.tie.count - d.tie.tiedNodes.length
    const listed = d.tie.tiedNodes.join(', ') + (more > 0 ? `, and ${more} more` : '')
    return `${d.tie.count} nodes tied at ${d.tie.topScore} (${listed}): selectHost picked ${d.selectedNode} at random with the simulation's seeded PRNG (reservoir sampling, each tied node equally likely).`
  }
  return d.explanation ? `Selected: ${d.explanation}.` : `Selected ${d.selectedNode}.`
}

/** What the matrix shows, how the nodes were sampled, and how it ended. */
export function DecisionHeadline({
  decision: d,
  reveal,
}: {
  decision: DecisionRecord
  reveal: RevealState
}) {
  const omitted = d.omittedFeasible + d.omittedRejected
  return (
    <div className="decision-headline">
      <p>
        <strong>{d.pod}</strong> · decision #{d.seq} at {formatSimTime(d.atMs)} · requests cpu{' '}
        {formatMilliCpu(d.requests.milliCpu)}, memory {formatBytes(d.requests.memoryBytes)} ·
        priority {d.priority}
      </p>
      <p className="muted" data-testid="sampling">
        {samplingText(d)} {d.feasibleCount} passed every filter.
      </p>
      {omitted > 0 && (
        <p className="muted" data-testid="omitted-rows">
          Showing {d.rows.length} of {d.evaluatedCount} filtered nodes (the winner, the best scores
          and one node per failure reason);
          {` ${d.omittedFeasible} more feasible and ${d.omittedRejected} more rejected node(s) are counted by reason in “Why Pending”.`}
        </p>
      )}
      <p className="phase" data-testid="matrix-phase">
        {phaseText(d, reveal)}
      </p>
      {reveal.phase === 'done' && (
        <p
          className={d.selectedNode === null ? 'outcome failed' : 'outcome'}
          data-testid="matrix-outcome"
          role="status"
        >
          {outcomeText(d)}
        </p>
      )}
    </div>
  )
}
