/**
 * `kubectl get jobs | daemonsets | leases` as the API server computes them.
 * Source: printJob, printDaemonSet, printLease and their column definitions in AddHandlers,
 * pkg/printers/internalversion/printers.go (v1.32). Column descriptions are the API field docs
 * (kubectl never prints them).
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import { rfc3339ToSimTime } from '../core/time'
import { CREATION_TIMESTAMP_DOC, NAME_DOC } from './column-docs'
import { humanDuration } from './duration'
import { CONTAINERS_DOC, IMAGES_DOC } from './replica-set-table'
import type { Table, TableColumnDefinition, TableRow } from './table'
import {
  column,
  formatLabels,
  formatLabelSelector,
  layoutContainerCells,
  makeTable,
  partialObjectMetadata,
  translateTimestampSince,
} from './table'

const SELECTOR_DOC = 'A label query over pods that should match the pod count.'

export const JOB_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Status', 'string', 'Status of the job.'),
  column('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
  column('Duration', 'string', 'Time required to complete the job.'),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
  column('Containers', 'string', CONTAINERS_DOC, { priority: 1 }),
  column('Images', 'string', IMAGES_DOC, { priority: 1 }),
  column('Selector', 'string', SELECTOR_DOC, { priority: 1 }),
]

const hasCondition = (job: Job, type: string): boolean =>
  job.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false

/** The Job's STATUS cell, in printJob's order of precedence. */
export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete'
  if (hasCondition(job, 'Failed')) return 'Failed'
  if (job.metadata?.deletionTimestamp) return 'Terminating'
  if (hasCondition(job, 'Suspended')) return 'Suspended'
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget'
  return 'Running'
}

export function jobToRow(job: Job, nowSimMs: number): TableRow {
  const succeeded = job.status?.succeeded ?? 0
  const completions = job.spec?.completions
  const parallelism = job.spec?.parallelism ?? 0
  const done =
    completions !== undefined
      ? `${succeeded}/${completions}`
      : parallelism > 1
        ? `${succeeded}/1 of ${parallelism}`
        : `${succeeded}/1`
  const start = rfc3339ToSimTime(job.status?.startTime ?? '')
  const end = rfc3339ToSimTime(job.status?.completionTime ?? '')
  const duration = start === undefined ? '' : humanDuration((end ?? nowSimMs) - start)
  const [names, images] = layoutContainerCells(job.spec?.template.spec?.containers)
  return {
    cells: [
      job.metadata?.name ?? '',
      jobStatus(job),
      done,
      duration,
      translateTimestampSince(job.metadata?.creationTimestamp, nowSimMs),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ],
    object: partialObjectMetadata(job.metadata),
  }
}

export function jobsToTable(jobs: readonly Job[], nowSimMs: number): Table {
  return makeTable(
    [...JOB_COLUMNS],
    jobs.map((j) => jobToRow(j, nowSimMs)),
  )
}

export const DAEMON_SET_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
  column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod.'),
  column(
    'Ready',
    'integer',
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.',
  ),
  column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
  column(
    'Available',
    'integer',
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
  ),
  column(
    'Node Selector',
    'string',
    'NodeSelector is a selector which must be true for the pod to fit on a node.',
  ),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
  column('Containers', 'string', CONTAINERS_DOC, { priority: 1 }),
  column('Images', 'string', IMAGES_DOC, { priority: 1 }),
  column('Selector', 'string', SELECTOR_DOC, { priority: 1 }),
]

export function daemonSetToRow(ds: DaemonSet, nowSimMs: number): TableRow {
  const status = ds.status
  const [names, images] = layoutContainerCells(ds.spec?.template.spec?.containers)
  return {
    cells: [
      ds.metadata?.name ?? '',
      status?.desiredNumberScheduled ?? 0,
      status?.currentNumberScheduled ?? 0,
      status?.numberReady ?? 0,
      status?.updatedNumberScheduled ?? 0,
      status?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template.spec?.nodeSelector),
      translateTimestampSince(ds.metadata?.creationTimestamp, nowSimMs),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ],
    object: partialObjectMetadata(ds.metadata),
  }
}

export function daemonSetsToTable(daemonSets: readonly DaemonSet[], nowSimMs: number): Table {
  return makeTable(
    [...DAEMON_SET_COLUMNS],
    daemonSets.map((d) => daemonSetToRow(d, nowSimMs)),
  )
}

export const LEASE_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column(
    'Holder',
    'string',
    'holderIdentity contains the identity of the holder of a current lease.',
  ),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
]

export function leasesToTable(leases: readonly Lease[], nowSimMs: number): Table {
  return makeTable(
    [...LEASE_COLUMNS],
    leases.map((l) => ({
      cells: [
        l.metadata?.name ?? '',
        l.spec?.holderIdentity ?? '',
        translateTimestampSince(l.metadata?.creationTimestamp, nowSimMs),
      ],
      object: partialObjectMetadata(l.metadata),
    })),
  )
}
