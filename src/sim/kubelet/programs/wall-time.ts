/**
 * Renders a program's log line at its wall time: `date`'s output and each server's own
 * timestamp format, from virtual time (no Date). All in UTC, as containers run by default.
 */
import { SIM_EPOCH_UNIX_MS, formatRfc3339 } from '../../core/time'
import { WALL } from './startup-logs'
import { DATE_TOKEN } from './timeline'

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

interface Parts {
  year: string
  month: number
  day: number
  time: string
  weekday: string
  millis: string
}

function parts(simMs: number): Parts {
  const unix = SIM_EPOCH_UNIX_MS + simMs
  const text = formatRfc3339(unix)
  const days = Math.floor(unix / 86_400_000)
  return {
    year: text.slice(0, 4),
    month: Number(text.slice(5, 7)),
    day: Number(text.slice(8, 10)),
    time: text.slice(11, 19),
    weekday: DAYS[(((days + 4) % 7) + 7) % 7] ?? 'Sun',
    millis: String(((unix % 1000) + 1000) % 1000).padStart(3, '0'),
  }
}

const two = (n: number): string => String(n).padStart(2, '0')

/** busybox/coreutils `date`: "Wed Jan  1 00:00:05 UTC 2025". */
export function dateOutput(simMs: number): string {
  const p = parts(simMs)
  return `${p.weekday} ${MONTHS[p.month - 1] ?? ''} ${String(p.day).padStart(2, ' ')} ${p.time} UTC ${p.year}`
}

/** nginx access log's $time_local: "01/Jan/2025:00:00:05 +0000". */
export function nginxAccessTime(simMs: number): string {
  const p = parts(simMs)
  return `${two(p.day)}/${MONTHS[p.month - 1] ?? ''}/${p.year}:${p.time} +0000`
}

/** Replaces the wall-time tokens of a program line with the time the line was written. */
export function renderWallTime(text: string, simMs: number): string {
  if (!text.includes('\u0000')) return text
  const p = parts(simMs)
  const month = MONTHS[p.month - 1] ?? ''
  return text
    .replaceAll(DATE_TOKEN, dateOutput(simMs))
    .replaceAll(WALL.nginxError, `${p.year}/${two(p.month)}/${two(p.day)} ${p.time}`)
    .replaceAll(
      WALL.httpd,
      `${p.weekday} ${month} ${two(p.day)} ${p.time}.${p.millis}000 ${p.year}`,
    )
    .replaceAll(WALL.redis, `${two(p.day)} ${month} ${p.year} ${p.time}.${p.millis}`)
    .replaceAll(WALL.postgres, `${p.year}-${two(p.month)}-${two(p.day)} ${p.time}.${p.millis} UTC`)
    .replaceAll(WALL.mysql, `${p.year}-${two(p.month)}-${two(p.day)} ${p.time}+00:00`)
}

/** `kubectl logs --timestamps` prefix: RFC 3339 with nanoseconds, as the CRI log file has it. */
export function logTimestamp(simMs: number): string {
  const unix = SIM_EPOCH_UNIX_MS + simMs
  const nanos = `${String(((unix % 1000) + 1000) % 1000).padStart(3, '0')}000000`
  return `${formatRfc3339(unix).slice(0, -1)}.${nanos}Z`
}
