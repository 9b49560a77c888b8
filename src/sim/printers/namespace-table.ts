/**
 * `kubectl get namespaces` as the API server computes it.
 * Source: printNamespace, pkg/printers/internalversion/printers.go (v1.32)
 */
import type { Namespace } from 'kubernetes-types/core/v1'
import { CREATION_TIMESTAMP_DOC, NAME_DOC } from './column-docs'
import type { Table, TableColumnDefinition, TableRow } from './table'
import { column, makeTable, partialObjectMetadata, translateTimestampSince } from './table'

/** Source: namespaceColumnDefinitions in AddHandlers, pkg/printers/internalversion/printers.go (v1.32) */
export const NAMESPACE_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Status', 'string', 'The status of the namespace'),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
]

export function namespaceToRow(namespace: Namespace, nowSimMs: number): TableRow {
  return {
    cells: [
      namespace.metadata?.name ?? '',
      namespace.status?.phase ?? '',
      translateTimestampSince(namespace.metadata?.creationTimestamp, nowSimMs),
    ],
    object: partialObjectMetadata(namespace.metadata),
  }
}

/** The Table the API server returns for a Namespace list at virtual time `nowSimMs`. Pure. */
export function namespacesToTable(namespaces: readonly Namespace[], nowSimMs: number): Table {
  return makeTable(
    [...NAMESPACE_COLUMNS],
    namespaces.map((ns) => namespaceToRow(ns, nowSimMs)),
  )
}
