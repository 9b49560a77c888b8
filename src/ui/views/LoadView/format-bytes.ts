/** Bytes as people read them: 950 B, 121 KB, 1.4 MB (decimal units, as network meters use). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${String(Math.round(bytes))} B`
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} KB`
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`
}
