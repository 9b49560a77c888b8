/**
 * The server-side printers by resource (plural, lower case, as in the request path), so the
 * simulated apiserver can answer `Accept: ...;as=Table` with one lookup.
 * Source: printersinternal.AddHandlers, pkg/printers/internalversion/printers.go (v1.32)
 */
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import { daemonSetsToTable, jobsToTable, leasesToTable } from './controller-tables'
import type { Event, Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1'
import { deploymentsToTable } from './deployment-table'
import { eventsToTable } from './event-table'
import { namespacesToTable } from './namespace-table'
import { nodesToTable } from './node-table'
import { podsToTable } from './pod-table'
import { replicaSetsToTable } from './replica-set-table'
import { servicesToTable } from './service-table'
import type { Table } from './table'

/** The object type each printable resource's list holds. */
export interface PrintableResources {
  pods: Pod
  nodes: Node
  replicasets: ReplicaSet
  deployments: Deployment
  events: Event
  services: Service
  namespaces: Namespace
  jobs: Job
  daemonsets: DaemonSet
  leases: Lease
}

export type PrintableResource = keyof PrintableResources

type TableBuilders = {
  [R in PrintableResource]: (objects: readonly PrintableResources[R][], nowSimMs: number) => Table
}

/** One builder per resource; each is pure and keeps the list order of its input. */
export const TABLE_BUILDERS: TableBuilders = {
  pods: podsToTable,
  nodes: nodesToTable,
  replicasets: replicaSetsToTable,
  deployments: deploymentsToTable,
  events: eventsToTable,
  services: servicesToTable,
  namespaces: namespacesToTable,
  jobs: jobsToTable,
  daemonsets: daemonSetsToTable,
  leases: leasesToTable,
}

/** True when `resource` has a server-side printer here. */
export function isPrintableResource(resource: string): resource is PrintableResource {
  return Object.hasOwn(TABLE_BUILDERS, resource)
}
