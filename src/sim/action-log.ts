import type { RecordedAction } from './actions'

/**
 * The action log's rules, apart from the Simulation that applies it. The log is sorted by time;
 * entries due by the current time have been applied, so everything after the cursor is either a
 * recorded future (after seeking back) or a scheduled follow-up (a timed fault's heal).
 */

/** Where an entry due at `atMs` goes: after every entry due at or before it (stable). */
export function insertionIndex(log: readonly RecordedAction[], atMs: number): number {
  let index = log.length
  while (index > 0 && (log[index - 1] as RecordedAction).atMs > atMs) index--
  return index
}

/**
 * The log of a new history forked at `nowMs`: the `applied` entries, plus the follow-ups still
 * due whose cause was applied (scheduled at or before now). The old future is dropped.
 */
export function forkedLog(
  log: readonly RecordedAction[],
  applied: number,
  nowMs: number,
): RecordedAction[] {
  return [
    ...log.slice(0, applied),
    ...log
      .slice(applied)
      .filter((e) => e.scheduledAtMs !== undefined && e.scheduledAtMs <= nowMs && e.atMs > nowMs),
  ]
}

/** How many leading entries two logs share. */
export function sharedPrefix(a: readonly RecordedAction[], b: readonly RecordedAction[]): number {
  let same = 0
  while (same < a.length && same < b.length && sameEntry(a[same], b[same])) same++
  return same
}

function sameEntry(a: RecordedAction | undefined, b: RecordedAction | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Why a log handed in from outside cannot be adopted, or undefined when it can. */
export function logProblem(log: readonly RecordedAction[]): string | undefined {
  let previous = 0
  for (const [i, entry] of log.entries()) {
    if (!Number.isFinite(entry.atMs) || entry.atMs < 0)
      return `action ${i + 1} has no valid time (${entry.atMs})`
    if (entry.atMs < previous)
      return `action ${i + 1} at ${entry.atMs} ms comes before the one ahead of it`
    if (entry.scheduledAtMs !== undefined && !(entry.scheduledAtMs < entry.atMs))
      return `action ${i + 1} is a follow-up scheduled after it is due`
    previous = entry.atMs
  }
  return undefined
}
