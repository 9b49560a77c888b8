import { fmt, heapBytes } from './scale-bench-kit'

type Bag = Record<string, unknown>
/** A record, not an array or Map (the memory bench's breakdown walks into these). */
export const isBag = (v: unknown): v is Bag =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map)
/** A bag whose keys are field names (not ids, names or numbers): broken down by field. */
export const isStruct = (v: unknown): v is Bag =>
  isBag(v) && Object.keys(v).length <= 16 && Object.keys(v).every((k) => /^[a-zA-Z]+$/.test(k))

/**
 * What each actor kind's fields really weigh on V8's heap: drops one field (two levels of struct
 * fields deep) from every actor of a kind, collects garbage and says what heap it freed, field
 * after field. Destructive: the simulation cannot run afterwards. An object two fields share is
 * freed (and counted) with the later one; the heap walk's estimate (heap-walk.ts) guesses sizes,
 * this measures them (strings shared by reference, V8's real object and hash-table layouts).
 */
export function freedByField(
  actors: Bag[],
  kinds: readonly string[],
  shownBytes: number,
  perPod: (bytes: number) => string,
): string[] {
  const lines = [`[memory] freed when dropped (measured), fields ≥ ${fmt(shownBytes / 1024)} KB:`]
  let last = heapBytes()
  const drop = (label: string, holders: Bag[], field: string) => {
    for (const h of holders) if (!Object.isFrozen(h)) h[field] = null
    const now = heapBytes()
    const freed = last - now
    last = now
    if (freed >= shownBytes)
      lines.push(`[memory]   ${label}: ${fmt(freed / 2 ** 20, 2)} MB${perPod(freed)}`)
  }
  for (const kind of kinds) {
    const ofKind = actors.filter((a) => a['kind'] === kind)
    const first = ofKind[0]
    if (!first) continue
    for (const field of Object.keys(first)) {
      const inner = first[field]
      if (isStruct(inner) && field !== 'rng')
        for (const sub of Object.keys(inner))
          drop(`${kind}.${field}.${sub}`, ofKind.map((a) => a[field]).filter(isStruct), sub)
      drop(`${kind}.${field}`, ofKind, field)
    }
  }
  return lines
}
