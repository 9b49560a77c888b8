/**
 * Wall-clock timestamps for API objects (creationTimestamp, lastTransitionTime) derived from
 * virtual time, without `Date`: the sim's t = 0 is SIM_EPOCH_UNIX_MS, and conversions use
 * Howard Hinnant's days-from-civil algorithms, so they are pure integer maths.
 */

/** Virtual t = 0 is 2025-01-01T00:00:00Z (unix ms), so ages and timestamps read naturally. */
export const SIM_EPOCH_UNIX_MS = 1_735_689_600_000

const MS_PER_DAY = 86_400_000

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** The date of a day number (civil_from_days). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day]
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** Unix milliseconds → RFC 3339 with second precision, as metav1.Time marshals: "2025-01-01T00:00:05Z". */
export function formatRfc3339(unixMs: number): string {
  const days = Math.floor(unixMs / MS_PER_DAY)
  const msOfDay = unixMs - days * MS_PER_DAY
  const [year, month, day] = civilFromDays(days)
  const seconds = Math.floor(msOfDay / 1000)
  const hh = Math.floor(seconds / 3600)
  const mm = Math.floor((seconds % 3600) / 60)
  const ss = seconds % 60
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hh)}:${pad(mm)}:${pad(ss)}Z`
}

/** Like formatRfc3339 with microseconds, as metav1.MicroTime marshals (Events' eventTime). */
export function formatRfc3339Micro(unixMs: number): string {
  const base = formatRfc3339(unixMs).slice(0, -1)
  const micros = (((unixMs % 1000) + 1000) % 1000) * 1000
  return `${base}.${pad(micros, 6)}Z`
}

const RFC3339_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})$/

/** RFC 3339 → unix milliseconds; undefined when the text is not RFC 3339. Pure. */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339_PATTERN.exec(text)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match
  const days = daysFromCivil(Number(y), Number(mo), Number(d))
  let ms = days * MS_PER_DAY + (Number(h) * 3600 + Number(mi) * 60 + Number(s)) * 1000
  ms += Math.floor(Number(`0.${fraction || '0'}`) * 1000)
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000
  }
  return ms
}

/** Virtual time → RFC 3339 wall time. */
export function simTimeToRfc3339(simMs: number): string {
  return formatRfc3339(SIM_EPOCH_UNIX_MS + simMs)
}

/** RFC 3339 wall time → virtual time (ms since the sim started); undefined when invalid. */
export function rfc3339ToSimTime(text: string): number | undefined {
  const unixMs = parseRfc3339(text)
  return unixMs === undefined ? undefined : unixMs - SIM_EPOCH_UNIX_MS
}
