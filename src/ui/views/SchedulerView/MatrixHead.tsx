import type { DecisionRecord } from '../../../protocol/records'
import type { RevealState } from '../../viz/matrix-reveal'
import { shortPluginName } from '../../viz/plugin-names'

/** Two header rows: the Filter and Score groups, then one column per plugin (with its weight). */
export function MatrixHead({
  decision,
  reveal,
}: {
  decision: DecisionRecord
  reveal: RevealState
}) {
  const scoring =
    reveal.phase === 'score' ? decision.scorePlugins[reveal.scoreColumns - 1]?.name : undefined
  return (
    <thead>
      <tr>
        <th scope="col" rowSpan={2}>
          Node
        </th>
        <th scope="colgroup" colSpan={decision.filterPlugins.length} className="group filter-group">
          Filter (pass / fail, in order)
        </th>
        {decision.scorePlugins.length > 0 && (
          <th scope="colgroup" colSpan={decision.scorePlugins.length} className="group score-group">
            Score (plugin ×weight)
          </th>
        )}
        <th scope="col" rowSpan={2}>
          Total
        </th>
      </tr>
      <tr>
        {decision.filterPlugins.map((p) => (
          <th key={p} scope="col">
            <abbr title={p}>{shortPluginName(p)}</abbr>
          </th>
        ))}
        {decision.scorePlugins.map((p) => (
          <th key={p.name} scope="col" className={scoring === p.name ? 'scoring' : undefined}>
            <abbr title={`${p.name}, weight ${p.weight}`}>{shortPluginName(p.name)}</abbr> ×
            {p.weight}
          </th>
        ))}
      </tr>
    </thead>
  )
}
