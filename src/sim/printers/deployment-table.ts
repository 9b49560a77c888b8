/**
 * `kubectl get deployments` as the API server computes it.
 * Source: printDeployment, pkg/printers/internalversion/printers.go (v1.32)
 */
import type { Deployment } from 'kubernetes-types/apps/v1'
import {
  CREATION_TIMESTAMP_DOC,
  DEPLOY_AVAILABLE_DOC,
  DEPLOY_SELECTOR_DOC,
  DEPLOY_UPDATED_DOC,
  NAME_DOC,
} from './column-docs'
import { CONTAINERS_DOC, IMAGES_DOC } from './replica-set-table'
import type { Table, TableColumnDefinition, TableRow } from './table'
import {
  column,
  labelSelectorString,
  layoutContainerCells,
  makeTable,
  partialObjectMetadata,
  translateTimestampSince,
} from './table'

/** Source: deploymentColumnDefinitions in AddHandlers, pkg/printers/internalversion/printers.go (v1.32) */
export const DEPLOYMENT_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Ready', 'string', 'Number of the pod with ready state'),
  column('Up-to-date', 'string', DEPLOY_UPDATED_DOC),
  column('Available', 'string', DEPLOY_AVAILABLE_DOC),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
  column('Containers', 'string', CONTAINERS_DOC, { priority: 1 }),
  column('Images', 'string', IMAGES_DOC, { priority: 1 }),
  column('Selector', 'string', DEPLOY_SELECTOR_DOC, { priority: 1 }),
]

/**
 * One row; the server always prints the wide cells. READY is "ready/desired"; the selector is
 * selector.String() without a "<none>" fallback (unlike ReplicaSets).
 */
export function deploymentToRow(deployment: Deployment, nowSimMs: number): TableRow {
  const [names, images] = layoutContainerCells(deployment.spec?.template.spec?.containers)
  // Stored objects are defaulted: SetDefaults_Deployment sets replicas = 1, pkg/apis/apps/v1/defaults.go (v1.32)
  const desired = deployment.spec?.replicas ?? 1
  const status = deployment.status
  return {
    cells: [
      deployment.metadata?.name ?? '',
      `${status?.readyReplicas ?? 0}/${desired}`,
      status?.updatedReplicas ?? 0,
      status?.availableReplicas ?? 0,
      translateTimestampSince(deployment.metadata?.creationTimestamp, nowSimMs),
      names,
      images,
      labelSelectorString(deployment.spec?.selector),
    ],
    object: partialObjectMetadata(deployment.metadata),
  }
}

/** The Table the API server returns for a Deployment list at virtual time `nowSimMs`. Pure. */
export function deploymentsToTable(deployments: readonly Deployment[], nowSimMs: number): Table {
  return makeTable(
    [...DEPLOYMENT_COLUMNS],
    deployments.map((d) => deploymentToRow(d, nowSimMs)),
  )
}
