import { useState } from 'react'
import type { DecisionRecord } from '../../../protocol/records'
import { useAppState } from '../../app/app-context'
import { revealState } from '../../viz/matrix-reveal'
import { DecisionHeadline } from './DecisionHeadline'
import { MatrixHead } from './MatrixHead'
import { MatrixRow, type ScoreMode } from './MatrixRow'
import { useReveal } from './use-reveal'

const MODES: { mode: ScoreMode; label: string }[] = [
  { mode: 'weighted', label: 'weighted (normalized × weight)' },
  { mode: 'normalized', label: 'normalized 0–100' },
  { mode: 'raw', label: 'raw' },
]

function ScoreModePicker({
  mode,
  onChange,
}: {
  mode: ScoreMode
  onChange: (m: ScoreMode) => void
}) {
  return (
    <fieldset className="score-mode">
      <legend>Scores shown</legend>
      {MODES.map(({ mode: m, label }) => (
        <label key={m}>
          <input
            type="radio"
            name="score-mode"
            checked={mode === m}
            onChange={() => {
              onChange(m)
            }}
          />
          {label}
        </label>
      ))}
    </fieldset>
  )
}

/**
 * Nodes × plugins for one scheduling cycle, revealed in the scheduler's order (at once when
 * `instant`: scale mode's newest decision, replaced every few seconds).
 */
export function DecisionMatrix({
  decision,
  instant = false,
}: {
  decision: DecisionRecord
  instant?: boolean
}) {
  const speed = useAppState((s) => s.speed)
  const [mode, setMode] = useState<ScoreMode>('weighted')
  const rows = [...decision.rows].sort((a, b) => a.order - b.order)
  const scoreColumns = decision.rows.some((r) => r.scores) ? decision.scorePlugins.length : 0
  const { step, animating, skip, replay } = useReveal(
    `${decision.seq}:${decision.pod}:${decision.atMs}`,
    rows.length,
    scoreColumns,
    speed,
    instant,
  )
  const reveal = revealState(step, rows.length, scoreColumns)
  return (
    <div className="decision" data-testid="decision-matrix" data-phase={reveal.phase}>
      <DecisionHeadline decision={decision} reveal={reveal} />
      <div className="matrix-controls">
        <ScoreModePicker mode={mode} onChange={setMode} />
        {animating ? (
          <button type="button" onClick={skip} data-testid="skip-animation">
            Skip animation
          </button>
        ) : (
          <button type="button" onClick={replay} data-testid="replay-animation">
            Replay in scheduler order
          </button>
        )}
      </div>
      {/* A scrollable region must be reachable by keyboard (axe scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="matrix-scroll" tabIndex={0} role="region" aria-label="Decision matrix">
        <table className="matrix">
          <caption className="visually-hidden">
            Filter verdicts and scores per node for {decision.pod}
          </caption>
          <MatrixHead decision={decision} reveal={reveal} />
          <tbody>
            {rows.map((row, i) => (
              <MatrixRow
                key={row.node}
                decision={decision}
                row={row}
                index={i}
                reveal={reveal}
                mode={mode}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
