import type { DecisionRecord } from '../../../protocol/records'
import { formatSimTime } from '../../viz/age'

/**
 * A decision that came as a headline (scale mode sends the node-by-node matrix of the shown
 * decision only): what it decided, while the whole decision is on its way.
 */
export function BriefDecision({ decision: d }: { decision: DecisionRecord }) {
  const outcome =
    d.selectedNode === null
      ? `no node fits (${d.feasibleCount} of ${d.evaluatedCount} filtered nodes feasible)`
      : `bound to ${d.selectedNode} (${d.feasibleCount} of ${d.evaluatedCount} filtered nodes feasible, of ${d.numAllNodes})`
  return (
    <div className="decision" data-testid="decision-brief">
      <p>
        <strong>{d.pod}</strong> · decision #{d.seq} at {formatSimTime(d.atMs)}: {outcome}.
      </p>
      <p className="muted">
        Scale mode sends the node-by-node scores of the decision shown only; they arrive with the
        next frame.
      </p>
    </div>
  )
}
