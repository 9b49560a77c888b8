// The one place the UI reuses sim code: kubectl's AGE formatting is pure and must not drift
// from what the simulated kubectl prints (see eslint.config.js for the exception).
import { humanDuration } from '../../sim/printers/duration'

/** "5s", "2m30s", "4d": the AGE column, from virtual creation time to now. */
export function formatAge(createdMs: number, nowMs: number): string {
  return humanDuration(Math.max(0, nowMs - createdMs))
}

/** "12.345 s" for the timeline. */
export function formatSimTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`
}
