/**
 * The text `kubectl get` prints for a server-side Table: decorate (NAMESPACE first with
 * `-A`, `-L` label columns and LABELS last with `--show-labels`, `kind/` before names), drop priority > 0 columns unless `-o wide`,
 * upper-case the headers, then align with the kubectl tabwriter.
 * Sources: HumanReadablePrinter.PrintObj, decorateTable, printTable,
 * staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go (v1.32);
 * NoResourcesFoundMessage, staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (v1.32)
 */
import { alignTabs } from './tabwriter'
import type { Table, TableCell, TableColumnDefinition, TableRow } from './table'
import { formatLabels } from './table'

export interface RenderTableOptions {
  /** `-o wide`: also print columns with priority > 0. */
  wide?: boolean
  /** `-A` / `--all-namespaces`: prepend NAMESPACE from each row's object metadata. */
  withNamespace?: boolean
  /** `--show-labels`: append LABELS (labels.FormatLabels of the row's metadata). */
  showLabels?: boolean
  /** `--no-headers`. */
  noHeaders?: boolean
  /** `-L key1,key2`: one column per label key, headed by the key's last path segment. */
  labelColumns?: readonly string[]
  /**
   * `--show-kind` (or several kinds in one `get`): the lower-cased GroupKind prefixed to the
   * name column, e.g. "pod" or "replicaset.apps".
   */
  kind?: string
}

interface Layout {
  columns: TableColumnDefinition[]
  rows: TableCell[][]
}

const extraColumn = (name: string): TableColumnDefinition => ({
  name,
  type: 'string',
  format: '',
  description: '',
  priority: 0,
})

/** formatLabelHeaders: "app.kubernetes.io/name" → "NAME". */
const labelHeader = (key: string): string => (key.split('/').at(-1) ?? key).toUpperCase()

/** decorateTable: NAMESPACE first, then the table's columns, -L columns, LABELS last. */
function decorate(table: Table, options: RenderTableOptions): Layout {
  const labelColumns = options.labelColumns ?? []
  const columns = [
    ...(options.withNamespace ? [extraColumn('Namespace')] : []),
    ...table.columnDefinitions,
    ...labelColumns.map((key) => extraColumn(labelHeader(key))),
    ...(options.showLabels ? [extraColumn('Labels')] : []),
  ]
  const nameColumn =
    options.kind === undefined
      ? -1
      : table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string')
  const rows = table.rows.map((row: TableRow) => {
    const cells: TableCell[] = [...row.cells]
    const metadata = row.object.metadata
    if (nameColumn >= 0) cells[nameColumn] = `${options.kind ?? ''}/${cellText(cells[nameColumn])}`
    if (options.withNamespace) cells.unshift(metadata.namespace ?? '')
    for (const key of labelColumns) cells.push(metadata.labels?.[key] ?? '')
    if (options.showLabels) cells.push(formatLabels(metadata.labels))
    return cells
  })
  return { columns, rows }
}

/**
 * How printTable writes one cell: nil is empty, a string is cut at its first \f, \n or \r (all
 * line breaks to tabwriter) with "..." appended, anything else is fmt.Sprint (int64 as decimal,
 * bool as true/false). Tabs are not escaped: they split the cell, as in kubectl.
 */
function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell !== 'string') return writeEscaped(String(cell))
  const lineBreak = cell.search(/[\f\n\r]/)
  return lineBreak >= 0 ? `${writeEscaped(cell.slice(0, lineBreak))}...` : writeEscaped(cell)
}

/**
 * ESC becomes "^[" and CR becomes "\\r", against terminal escape attacks (issue #101695).
 * Source: terminalEscaper / WriteEscaped, staging/src/k8s.io/cli-runtime/pkg/printers/terminal.go (v1.32)
 */
export function writeEscaped(text: string): string {
  return text.replaceAll('\u001b', '^[').replaceAll('\r', '\\r')
}

/**
 * The exact text kubectl v1.32 prints for `table` (every line ends with "\n"), or "" when the
 * table has no rows and headers are on (kubectl then prints noResourcesMessage to stderr).
 * Pure.
 */
export function renderTable(table: Table, options: RenderTableOptions = {}): string {
  const { columns, rows } = decorate(table, options)
  const shown = (column: TableColumnDefinition): boolean =>
    options.wide === true || column.priority === 0
  const lines: string[] = []
  if (!options.noHeaders) {
    if (rows.length === 0) return ''
    lines.push(
      columns
        .filter(shown)
        .map((c) => c.name.toUpperCase())
        .join('\t'),
    )
  }
  for (const cells of rows) {
    // "don't panic ... with more cells than column definitions": extra cells are dropped
    const texts = cells.flatMap((cell, i) => {
      const column = columns[i]
      return column !== undefined && shown(column) ? [cellText(cell)] : []
    })
    lines.push(texts.join('\t'))
  }
  return alignTabs(lines.map((line) => `${line}\n`).join(''))
}

/** One resource type's Table in a multi-type `get`, with its lower-cased GroupKind. */
export interface KindTable {
  kind: string
  table: Table
}

/**
 * `kubectl get pods,svc` / `get all`: one table per resource type in request order, names
 * prefixed with the kind, a blank line between groups that printed something (none with
 * `--no-headers`), each group aligned on its own.
 * Source: GetOptions.Run, staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (v1.32)
 */
export function renderTables(
  parts: readonly KindTable[],
  options: RenderTableOptions = {},
): string {
  const outputs = parts
    .map((part) => renderTable(part.table, { ...options, kind: part.kind }))
    .filter((text) => text !== '')
  return outputs.join(options.noHeaders ? '' : '\n')
}

/**
 * What kubectl get prints to stderr for an empty list: "No resources found in default
 * namespace." for a namespaced list, "No resources found" with `-A` or a cluster-scoped
 * resource (pass `undefined`). The resource argument is accepted for call-site clarity only:
 * kubectl's message does not name it.
 */
export function noResourcesMessage(_resource: string, namespace: string | undefined): string {
  return namespace === undefined
    ? 'No resources found'
    : `No resources found in ${namespace} namespace.`
}
