/**
 * `kubectl get replicasets` as the API server computes it.
 * Source: printReplicaSet, pkg/printers/internalversion/printers.go (v1.32)
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import {
  CREATION_TIMESTAMP_DOC,
  NAME_DOC,
  RS_READY_REPLICAS_DOC,
  RS_SELECTOR_DOC,
  RS_SPEC_REPLICAS_DOC,
  RS_STATUS_REPLICAS_DOC,
} from './column-docs'
import type { Table, TableColumnDefinition, TableRow } from './table'
import {
  column,
  formatLabelSelector,
  layoutContainerCells,
  makeTable,
  partialObjectMetadata,
  translateTimestampSince,
} from './table'

/** Shared by Deployments, ReplicaSets and friends. */
export const CONTAINERS_DOC = 'Names of each container in the template.'
export const IMAGES_DOC = 'Images referenced by each container in the template.'

/** Source: replicaSetColumnDefinitions in AddHandlers, pkg/printers/internalversion/printers.go (v1.32) */
export const REPLICA_SET_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Desired', 'integer', RS_SPEC_REPLICAS_DOC),
  column('Current', 'integer', RS_STATUS_REPLICAS_DOC),
  column('Ready', 'integer', RS_READY_REPLICAS_DOC),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
  column('Containers', 'string', CONTAINERS_DOC, { priority: 1 }),
  column('Images', 'string', IMAGES_DOC, { priority: 1 }),
  column('Selector', 'string', RS_SELECTOR_DOC, { priority: 1 }),
]

/** One row; the server always prints the wide cells (GenerateOptions{Wide: true}). */
export function replicaSetToRow(replicaSet: ReplicaSet, nowSimMs: number): TableRow {
  const [names, images] = layoutContainerCells(replicaSet.spec?.template?.spec?.containers)
  return {
    cells: [
      replicaSet.metadata?.name ?? '',
      // Stored objects are defaulted: SetDefaults_ReplicaSet sets replicas = 1, pkg/apis/apps/v1/defaults.go (v1.32)
      replicaSet.spec?.replicas ?? 1,
      replicaSet.status?.replicas ?? 0,
      replicaSet.status?.readyReplicas ?? 0,
      translateTimestampSince(replicaSet.metadata?.creationTimestamp, nowSimMs),
      names,
      images,
      formatLabelSelector(replicaSet.spec?.selector),
    ],
    object: partialObjectMetadata(replicaSet.metadata),
  }
}

/** The Table the API server returns for a ReplicaSet list at virtual time `nowSimMs`. Pure. */
export function replicaSetsToTable(replicaSets: readonly ReplicaSet[], nowSimMs: number): Table {
  return makeTable(
    [...REPLICA_SET_COLUMNS],
    replicaSets.map((rs) => replicaSetToRow(rs, nowSimMs)),
  )
}
