/**
 * Human-readable durations for AGE-style columns, ported from apimachinery so the simulated
 * server prints "5s", "2m30s", "10m", "3h20m", "4d" exactly as the real one does.
 * Source: duration.HumanDuration / ShortHumanDuration,
 * staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go (v1.32)
 */

const MS_PER_SECOND = 1000
const MS_PER_MINUTE = 60 * MS_PER_SECOND
const MS_PER_HOUR = 60 * MS_PER_MINUTE

/** Go's int(x) on a float and integer Duration division both truncate toward zero. */
const truncate = (value: number): number => Math.trunc(value)

/**
 * A succinct duration with ~2-3 significant figures, as `duration.HumanDuration`.
 * Pure; `elapsedMs` may be negative (clock skew): down to -1s gives "0s", below that "<invalid>".
 */
export function humanDuration(elapsedMs: number): string {
  // "Allow deviation no more than 2 seconds(excluded)": HumanDuration (v1.32)
  const seconds = truncate(elapsedMs / MS_PER_SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = truncate(elapsedMs / MS_PER_MINUTE)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = truncate(elapsedMs / MS_PER_HOUR)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  const days = truncate(hours / 24)
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${days}d` : `${days}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${days}d`
  const years = truncate(days / 365)
  if (hours < 24 * 365 * 8) {
    const dy = days % 365
    return dy === 0 ? `${years}y` : `${years}y${dy}d`
  }
  return `${years}y`
}

/**
 * One unit only ("45s", "12m", "5h", "3d", "2y"), as `duration.ShortHumanDuration`. Pure.
 */
export function shortHumanDuration(elapsedMs: number): string {
  const seconds = truncate(elapsedMs / MS_PER_SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60) return `${seconds}s`
  const minutes = truncate(elapsedMs / MS_PER_MINUTE)
  if (minutes < 60) return `${minutes}m`
  const hours = truncate(elapsedMs / MS_PER_HOUR)
  if (hours < 24) return `${hours}h`
  if (hours < 24 * 365) return `${truncate(hours / 24)}d`
  // int(d.Hours()/24/365): float division, then truncation
  return `${truncate(elapsedMs / MS_PER_HOUR / 24 / 365)}y`
}
