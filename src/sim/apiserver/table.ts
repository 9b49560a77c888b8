import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import { daemonSetsToTable, jobsToTable, leasesToTable } from '../printers/controller-tables'
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  Node,
  Pod,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1'
import type { RoleBinding } from 'kubernetes-types/rbac/v1'
import {
  bindingsToTable,
  configMapsToTable,
  secretsToTable,
  serviceAccountsToTable,
} from '../printers/auth-tables'
import type { KubeObject } from '../model/objects'
import { deploymentsToTable } from '../printers/deployment-table'
import { eventsToTable } from '../printers/event-table'
import { namespacesToTable } from '../printers/namespace-table'
import { nodesToTable } from '../printers/node-table'
import { podsToTable } from '../printers/pod-table'
import { replicaSetsToTable } from '../printers/replica-set-table'
import { servicesToTable } from '../printers/service-table'
import { endpointSlicesToTable, endpointsToTable } from '../printers/endpoints-table'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { makeTable, column, partialObjectMetadata, type Table } from '../printers/table'
import type { ResourceInfo } from './resources'

/** kubectl asks for server-side printing with Accept: application/json;as=Table;v=v1;g=meta.k8s.io. */
export function wantsTable(accept: string | undefined): boolean {
  return accept?.includes('as=Table') ?? false
}

function defaultTable(items: readonly KubeObject[]): Table {
  // The default table convertor: NAME and CREATED AT as RFC 3339
  // (staging/src/k8s.io/apiserver/pkg/registry/rest/table.go, v1.32)
  return makeTable(
    [
      column('Name', 'string', 'Name must be unique within a namespace.', { format: 'name' }),
      column(
        'Created At',
        'date',
        'CreationTimestamp is a timestamp representing the server time when this object was created.',
      ),
    ],
    items.map((o) => ({
      cells: [o.metadata?.name ?? '', o.metadata?.creationTimestamp ?? ''],
      object: partialObjectMetadata(o.metadata),
    })),
  )
}

/** A meta.k8s.io/v1 Table of the objects, built by the server-side printers. */
export function asTable(
  info: ResourceInfo,
  items: readonly KubeObject[],
  resourceVersion: string,
  nowMs: number,
): Table {
  const table = tableFor(info, items, nowMs)
  return { ...table, metadata: { ...table.metadata, resourceVersion } }
}

function tableFor(info: ResourceInfo, items: readonly KubeObject[], nowMs: number): Table {
  switch (info.kind) {
    case 'Pod':
      return podsToTable(items as unknown as Pod[], nowMs)
    case 'Node':
      return nodesToTable(items as unknown as Node[], nowMs)
    case 'ReplicaSet':
      return replicaSetsToTable(items as unknown as ReplicaSet[], nowMs)
    case 'Deployment':
      return deploymentsToTable(items as unknown as Deployment[], nowMs)
    case 'Event':
      return eventsToTable(items as unknown as Event[], nowMs)
    case 'Service':
      return servicesToTable(items as unknown as Service[], nowMs)
    case 'Namespace':
      return namespacesToTable(items as unknown as Namespace[], nowMs)
    case 'Job':
      return jobsToTable(items as unknown as Job[], nowMs)
    case 'DaemonSet':
      return daemonSetsToTable(items as unknown as DaemonSet[], nowMs)
    case 'Lease':
      return leasesToTable(items as unknown as Lease[], nowMs)
    case 'Endpoints':
      return endpointsToTable(items as unknown as Endpoints[], nowMs)
    case 'EndpointSlice':
      return endpointSlicesToTable(items as unknown as EndpointSlice[], nowMs)
    case 'Secret':
      return secretsToTable(items as unknown as Secret[], nowMs)
    case 'ConfigMap':
      return configMapsToTable(items as unknown as ConfigMap[], nowMs)
    case 'ServiceAccount':
      return serviceAccountsToTable(items as unknown as ServiceAccount[], nowMs)
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return bindingsToTable(
        items as unknown as RoleBinding[],
        nowMs,
        info.kind === 'ClusterRoleBinding',
      )
    default:
      return defaultTable(items)
  }
}
