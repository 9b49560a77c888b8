/** Readable Kubernetes quantities for the scheduler panel. Pure. */

/** 4000 → "4", 1500 → "1500m" (as Kubernetes writes cpu). */
export function formatMilliCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`
}

const BINARY = [
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
] as const

/** 8589934592 → "8Gi", 1.5 GiB → "1536Mi"; anything else in bytes. */
export function formatBytes(bytes: number): string {
  for (const [suffix, size] of BINARY)
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`
  return String(bytes)
}

// Kubernetes quantity syntax (resource.Quantity): a number with an optional suffix.
const QUANTITY = /^(\d+(\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/

/** An error for a capacity field, or undefined when it reads as a Kubernetes quantity. */
export function quantityInputError(field: 'cpu' | 'memory', text: string): string | undefined {
  if (text === '') return undefined
  if (!QUANTITY.test(text))
    return `${field}: "${text}" is not a quantity (try ${field === 'cpu' ? '8 or 500m' : '16Gi or 512Mi'})`
  return undefined
}

const BINARY_SUFFIX: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
}

/** "8286208Ki" → "7.9Gi": memory as a person reads it; other text is returned as is. */
export function readableMemory(text: string): string {
  const match = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(text)
  if (!match) return text
  const bytes = Number(match[1]) * (BINARY_SUFFIX[match[2] ?? ''] ?? 1)
  for (const [suffix, size] of BINARY) {
    if (bytes >= size) {
      const value = bytes / size
      return `${Number.isInteger(value) ? value : value.toFixed(1)}${suffix}`
    }
  }
  return text
}
