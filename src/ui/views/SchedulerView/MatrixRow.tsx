import type { DecisionRecord, DecisionRow } from '../../../protocol/records'
import type { RevealState } from '../../viz/matrix-reveal'
import { shortPluginName } from '../../viz/plugin-names'

export type ScoreMode = 'weighted' | 'normalized' | 'raw'
const MODE_INDEX: Record<ScoreMode, 0 | 1 | 2> = { raw: 0, normalized: 1, weighted: 2 }

interface MatrixRowProps {
  decision: DecisionRecord
  row: DecisionRow
  index: number
  reveal: RevealState
  mode: ScoreMode
}

function FilterCell({
  verdict,
  plugin,
}: {
  verdict: DecisionRow['filter'][number]
  plugin: string
}) {
  if (verdict === 'P') {
    return (
      <td className="verdict pass">
        ✓<span className="visually-hidden"> pass</span>
      </td>
    )
  }
  if (verdict === 'N')
    return (
      <td className="verdict notrun" title="Not run: an earlier filter rejected this node">
        –
      </td>
    )
  if (verdict === 'S')
    return (
      <td className="verdict skipped" title={`${plugin}'s PreFilter returned Skip`}>
        skip
      </td>
    )
  return (
    <td className="verdict fail" title={`${plugin}: ${verdict.code}`}>
      ✗ {verdict.reasons.join(', ')}
    </td>
  )
}

/** One node: its Filter verdicts, then (if it was feasible) its scores and total. */
export function MatrixRow({ decision, row, index, reveal, mode }: MatrixRowProps) {
  const filtered = index < reveal.filterRows
  const isWinner = reveal.winner && row.node === decision.selectedNode
  const isTied = reveal.winner && decision.tie?.tiedNodes.includes(row.node)
  return (
    <tr
      className={`${isWinner ? 'winner' : ''} ${filtered ? 'revealed' : 'waiting'} ${row.feasible || !filtered ? '' : 'rejected'}`}
      data-testid={`matrix-row-${row.node}`}
      aria-current={
        filtered && index === reveal.filterRows - 1 && reveal.phase === 'filter'
          ? 'step'
          : undefined
      }
    >
      <th scope="row">
        {row.node}
        {isWinner && <span className="winner-badge"> ★ selected</span>}
        {!isWinner && isTied && <span className="tie-badge"> tied</span>}
      </th>
      {decision.filterPlugins.map((plugin, i) =>
        filtered ? (
          <FilterCell key={plugin} verdict={row.filter[i] ?? 'N'} plugin={plugin} />
        ) : (
          <td key={plugin} className="verdict pending" aria-label="not yet filtered" />
        ),
      )}
      {decision.scorePlugins.map(({ name }, i) => {
        const triple = row.scores?.[i]
        const shown = triple && i < reveal.scoreColumns
        return (
          <td
            key={name}
            className={`score${shown ? ' revealed' : ''}`}
            data-testid={shown ? `score-${row.node}-${name}` : undefined}
            data-weighted={shown ? triple[2] : undefined}
            title={
              triple
                ? `${shortPluginName(name)}: raw ${triple[0]} → normalized ${triple[1]} × weight = ${triple[2]}`
                : undefined
            }
          >
            {shown ? triple[MODE_INDEX[mode]] : ''}
          </td>
        )
      })}
      <td
        className="total"
        data-testid={reveal.totals && row.total !== undefined ? `total-${row.node}` : undefined}
      >
        {reveal.totals && row.total !== undefined
          ? row.total
          : row.feasible || !filtered
            ? ''
            : 'rejected'}
      </td>
    </tr>
  )
}
