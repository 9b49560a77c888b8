/**
 * The order in which the decision matrix reveals a cycle, which is the scheduler's own order:
 * Filter node by node (in visiting order, every plugin until one rejects), then Score plugin
 * by plugin over the feasible nodes, then the totals, then selectHost picks the winner. Pure.
 */

export type RevealPhase = 'filter' | 'score' | 'total' | 'select' | 'done'

export interface RevealState {
  phase: RevealPhase
  /** Filter rows shown (in visiting order). */
  filterRows: number
  /** Score columns shown. */
  scoreColumns: number
  totals: boolean
  winner: boolean
}

/** Steps in a full reveal: one per row, one per score column, totals, selection. */
export function revealSteps(rows: number, scoreColumns: number): number {
  return rows + scoreColumns + 2
}

/** What is visible after `step` steps (`step` ≥ revealSteps means everything). */
export function revealState(step: number, rows: number, scoreColumns: number): RevealState {
  const filterRows = Math.min(step, rows)
  const scoreShown = Math.max(0, Math.min(step - rows, scoreColumns))
  const totals = step > rows + scoreColumns
  const winner = step > rows + scoreColumns + 1
  const phase: RevealPhase =
    step < rows
      ? 'filter'
      : step < rows + scoreColumns
        ? 'score'
        : step === rows + scoreColumns
          ? 'total'
          : step === rows + scoreColumns + 1
            ? 'select'
            : 'done'
  return { phase, filterRows, scoreColumns: scoreShown, totals, winner }
}

// Wall time per step at 1×: slow enough to read a row's verdicts, faster when there are many rows.
const FILTER_ROW_MS = 700
const FILTER_ROW_MS_MANY = 220
const SCORE_COLUMN_MS = 650
const SELECT_MS = 900

/** How long to show step `step` before the next, at playback speed `speed` (faster above 1×). */
export function stepDurationMs(step: number, rows: number, scoreColumns: number, speed: number) {
  const base =
    step < rows
      ? rows > 8
        ? FILTER_ROW_MS_MANY
        : FILTER_ROW_MS
      : step < rows + scoreColumns
        ? SCORE_COLUMN_MS
        : SELECT_MS
  return base / Math.min(4, Math.max(1, speed))
}
