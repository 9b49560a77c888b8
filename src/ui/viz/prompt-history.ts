/**
 * Walking the prompt's history with the up and down arrows, as a shell does: `index` counts back
 * from the newest command (-1 is the line being typed, kept in `draft`). Pure.
 */
export interface HistoryCursor {
  index: number
  draft: string
}

export function historyStep(
  history: readonly string[],
  cursor: HistoryCursor,
  current: string,
  direction: 'older' | 'newer',
): { cursor: HistoryCursor; line: string } {
  const draft = cursor.index === -1 ? current : cursor.draft
  const index =
    direction === 'older'
      ? Math.min(history.length - 1, cursor.index + 1)
      : Math.max(-1, cursor.index - 1)
  const line = index === -1 ? draft : (history[history.length - 1 - index] ?? draft)
  return { cursor: { index, draft }, line }
}

/** The commands typed, newest last, each once (a repeated command moves to the end). */
export function commandHistory(commands: readonly string[]): string[] {
  const out: string[] = []
  for (const c of commands) {
    const at = out.indexOf(c)
    if (at >= 0) out.splice(at, 1)
    out.push(c)
  }
  return out
}
