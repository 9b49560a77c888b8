/**
 * `kubectl get --sort-by=<jsonpath>`: kubectl asks for the Table with includeObject=Object and
 * sorts the rows by the field of each row's object: numbers numerically, everything else as
 * strings (RFC 3339 timestamps then sort by time); rows without the field come first, and equal
 * keys keep the server's order.
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go (v1.32) NewTableSorter, isLess.
 */
import type { Table } from '../printers/table'

/** ".metadata.name", "{.lastTimestamp}", ".spec.containers[0].image" → the path's steps. */
function steps(expr: string): (string | number)[] {
  const body = expr.replace(/^\{/, '').replace(/\}$/, '')
  const out: (string | number)[] = []
  for (const part of body.split('.').filter((p) => p !== '')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part)
    if (!match) continue
    if (match[1]) out.push(match[1])
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]))
  }
  return out
}

function valueAt(object: unknown, path: readonly (string | number)[]): unknown {
  let value = object
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string | number, unknown>)[step]
  }
  return value
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = typeof a === 'string' ? a : JSON.stringify(a)
  const y = typeof b === 'string' ? b : JSON.stringify(b)
  return x < y ? -1 : x > y ? 1 : 0
}

export function sortTableRows(table: Table, expr: string): Table {
  const path = steps(expr)
  const keyed = table.rows.map((row) => ({ row, key: valueAt(row.object, path) }))
  keyed.sort((a, b) => compare(a.key, b.key))
  return { ...table, rows: keyed.map((k) => k.row) }
}
