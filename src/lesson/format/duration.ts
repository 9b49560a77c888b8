/** A duration as an author writes it: `500ms`, `2s`, `1.5s`, `2m`. */
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000 }

/** Milliseconds for a duration text, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim())
  if (!match) return undefined
  const [, amount, unit] = match
  return Math.round(Number(amount) * (UNIT_MS[unit ?? 's'] ?? 1_000))
}

/** The shortest honest way to say a duration: 800 ms, 2 s, 1.5 s, 2 min. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`
  if (ms < 60_000) return `${Number((ms / 1_000).toFixed(1))} s`
  return `${Number((ms / 60_000).toFixed(1))} min`
}
