/**
 * The meta.k8s.io/v1 Table the API server returns for `Accept: application/json;as=Table`, and
 * the helpers every server-side printer shares (AGE, label and selector formatting).
 * kubernetes-types has no Table, so it is defined here field for field.
 * Source: metav1.Table, staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (v1.32)
 */
import type { LabelSelector, ListMeta, ObjectMeta } from 'kubernetes-types/meta/v1'
import { rfc3339ToSimTime } from '../core/time'
import { humanDuration } from './duration'

/** One column: every field is always serialised (no omitempty upstream). */
export interface TableColumnDefinition {
  name: string
  type: string
  format: string
  description: string
  /** 0 = shown by default; > 0 = shown only with `-o wide`. */
  priority: number
}

/** A cell is whatever the Go printer appended: strings, int64 counts, bools. */
export type TableCell = string | number | boolean | null

export interface TableRowCondition {
  type: string
  status: string
  reason?: string
  message?: string
}

/** The row's object when the client did not ask for `includeObject=Object` (kubectl's default). */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata'
  apiVersion: 'meta.k8s.io/v1'
  metadata: ObjectMeta
}

export interface TableRow {
  cells: TableCell[]
  conditions?: TableRowCondition[]
  object: PartialObjectMetadata
}

export interface Table {
  kind: 'Table'
  apiVersion: 'meta.k8s.io/v1'
  metadata: ListMeta
  columnDefinitions: TableColumnDefinition[]
  rows: TableRow[]
}

/** Shorthand for the column tables below; omitted fields get the Go zero value. */
export function column(
  name: string,
  type: string,
  description: string,
  extra: { format?: string; priority?: number } = {},
): TableColumnDefinition {
  return { name, type, format: extra.format ?? '', description, priority: extra.priority ?? 0 }
}

/**
 * The row object for includeObject=Metadata (the default): the whole ObjectMeta.
 * Source: asTable, staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go (v1.32)
 */
export function partialObjectMetadata(metadata: ObjectMeta | undefined): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: metadata ?? {} }
}

/** Builds the Table; the list's resourceVersion is copied when the caller has one. */
export function makeTable(
  columnDefinitions: TableColumnDefinition[],
  rows: TableRow[],
  resourceVersion?: string,
): Table {
  const metadata: ListMeta = resourceVersion === undefined ? {} : { resourceVersion }
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, columnDefinitions, rows }
}

/**
 * Elapsed time since an RFC 3339 timestamp at virtual time `nowSimMs`; "<unknown>" when unset.
 * Source: translateTimestampSince, pkg/printers/internalversion/printers.go (v1.32)
 */
export function translateTimestampSince(
  timestamp: string | null | undefined,
  nowSimMs: number,
): string {
  if (timestamp === undefined || timestamp === null || timestamp === '') return '<unknown>'
  const atSimMs = rfc3339ToSimTime(timestamp)
  if (atSimMs === undefined) return '<unknown>'
  return humanDuration(nowSimMs - atSimMs)
}

/** Go's `if s == "" { s = fallback }`: an unset or empty string takes the fallback. */
export function orDefault(value: string | undefined, fallback: string): string {
  return value === undefined || value === '' ? fallback : value
}

/** The first non-empty string, or "". Source: firstNonEmpty, printers.go (v1.32) */
export const firstNonEmpty = (...values: (string | undefined)[]): string =>
  values.find((value) => value !== undefined && value !== '') ?? ''

/** Go's byte-wise string order (sort.Strings); identical to UTF-16 order for ASCII keys. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}

/**
 * "k1=v1,k2=v2" with sorted keys, "<none>" when empty.
 * Source: labels.FormatLabels, staging/src/k8s.io/apimachinery/pkg/labels/labels.go (v1.32)
 */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(compareStrings)
  if (keys.length === 0) return '<none>'
  return keys.map((key) => `${key}=${labels?.[key] ?? ''}`).join(',')
}

function requirementString(key: string, operator: string, values: readonly string[]): string {
  const sorted = [...values].sort(compareStrings).join(',')
  switch (operator) {
    case 'In':
      return `${key} in (${sorted})`
    case 'NotIn':
      return `${key} notin (${sorted})`
    case 'Exists':
      return key
    case 'DoesNotExist':
      return `!${key}`
    default:
      return `${key} ${operator} (${sorted})`
  }
}

/**
 * A label selector as text ("app=web,tier in (a,b)"); "" for a nil or empty selector.
 * Requirements are sorted by key, as the internal selector does.
 * Source: metav1.LabelSelectorAsSelector + labels.internalSelector.String,
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go and pkg/labels/selector.go (v1.32)
 */
export function labelSelectorString(selector: LabelSelector | undefined): string {
  if (selector === undefined) return ''
  const parts: { key: string; text: string }[] = []
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    parts.push({ key, text: `${key}=${value}` })
  }
  for (const expression of selector.matchExpressions ?? []) {
    const text = requirementString(expression.key, expression.operator, expression.values ?? [])
    parts.push({ key: expression.key, text })
  }
  // sort.Sort(ByKey(requirements)) is not stable; keys are unique in practice.
  return parts
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((part) => part.text)
    .join(',')
}

/**
 * Like labelSelectorString, but "<none>" when the selector selects everything or nothing.
 * Source: metav1.FormatLabelSelector, staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go (v1.32)
 */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const text = labelSelectorString(selector)
  return text === '' ? '<none>' : text
}

/**
 * Comma-joined container names and images, as the wide CONTAINERS / IMAGES columns.
 * Source: layoutContainerCells, pkg/printers/internalversion/printers.go (v1.32)
 */
export function layoutContainerCells(
  containers: readonly { name: string; image?: string }[] | undefined,
): [string, string] {
  const list = containers ?? []
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')]
}
