import { z } from 'zod'
import { parseDuration } from './duration'
import { parseSelector } from '../vocab/match'

/** Edit distance, for "did you mean" on misspelt field names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      previous = current
    }
  }
  return row[b.length] ?? 0
}

/** The closest known name, when it is close enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase())
    if (d < bestDistance) {
      best = k
      bestDistance = d
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined
}

/**
 * A strict object whose "unknown field" error lists the fields it knows (and the likely one when
 * a name is misspelt), so an author can fix a typo without reading the schema.
 */
export function strict<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape)
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined
      // One line per unknown key; errors.ts reports each at its own path.
      return issue.keys
        .map((key) => {
          const guess = closest(key, known)
          return guess
            ? `unknown field; did you mean "${guess}"?`
            : `unknown field; expected one of ${known.join(', ')}`
        })
        .join('\n')
    },
  })
}

/** A name or wildcard (`etcd-*`), or a list of them. */
export const pattern = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
  error: 'expected a name, a wildcard like etcd-*, or a list of them',
})

/** `2s`, `500ms`, `1.5s`, `2m` → milliseconds. */
export const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text)
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration like 500ms, 2s or 1m, got "${text}"`,
    })
    return z.NEVER
  }
  return ms
})

/** `app=web` or `app=web,tier=front`, as `kubectl -l`. */
export const selector = z.string().refine((s) => parseSelector(s) !== undefined, {
  error: (issue) =>
    `expected labels like app=web or app=web,tier=front, got "${String(issue.input)}"`,
})

export const count = z.number().int().min(0)
