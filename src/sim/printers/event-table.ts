/**
 * `kubectl get events` as the API server computes it (core/v1 Events).
 * Source: printEvent, pkg/printers/internalversion/printers.go (v1.32)
 */
import type { Event } from 'kubernetes-types/core/v1'
import {
  EVENT_COUNT_DOC,
  EVENT_FIELD_PATH_DOC,
  EVENT_FIRST_TIMESTAMP_DOC,
  EVENT_INVOLVED_OBJECT_DOC,
  EVENT_LAST_TIMESTAMP_DOC,
  EVENT_MESSAGE_DOC,
  EVENT_REASON_DOC,
  EVENT_SOURCE_DOC,
  EVENT_TYPE_DOC,
  NAME_DOC,
} from './column-docs'
import type { Table, TableColumnDefinition, TableRow } from './table'
import {
  column,
  firstNonEmpty,
  makeTable,
  partialObjectMetadata,
  translateTimestampSince,
} from './table'

/** Source: eventColumnDefinitions in AddHandlers, pkg/printers/internalversion/printers.go (v1.32) */
export const EVENT_COLUMNS: readonly TableColumnDefinition[] = [
  column('Last Seen', 'string', EVENT_LAST_TIMESTAMP_DOC),
  column('Type', 'string', EVENT_TYPE_DOC),
  column('Reason', 'string', EVENT_REASON_DOC),
  column('Object', 'string', EVENT_INVOLVED_OBJECT_DOC),
  column('Subobject', 'string', EVENT_FIELD_PATH_DOC, { priority: 1 }),
  column('Source', 'string', EVENT_SOURCE_DOC, { priority: 1 }),
  column('Message', 'string', EVENT_MESSAGE_DOC),
  column('First Seen', 'string', EVENT_FIRST_TIMESTAMP_DOC, { priority: 1 }),
  column('Count', 'string', EVENT_COUNT_DOC, { priority: 1 }),
  column('Name', 'string', NAME_DOC, { format: 'name', priority: 1 }),
]

const isZero = (timestamp: string | null | undefined): boolean =>
  timestamp === undefined || timestamp === null || timestamp === ''

/**
 * "component, host", or just the component when there is no host; reportingController and
 * reportingInstance stand in for empty source fields.
 * Source: formatEventSource, pkg/printers/internalversion/printers.go (v1.32)
 */
export function formatEventSource(event: Event): string {
  const component = firstNonEmpty(event.source?.component, event.reportingComponent)
  const instance = firstNonEmpty(event.source?.host, event.reportingInstance)
  return instance === '' ? component : `${component}, ${instance}`
}

/** LAST SEEN, FIRST SEEN and COUNT, with the events.k8s.io fallbacks (eventTime, series). */
export function eventTiming(
  event: Event,
  nowSimMs: number,
): { lastSeen: string; firstSeen: string; count: number } {
  const firstSeen = isZero(event.firstTimestamp)
    ? translateTimestampSince(event.eventTime, nowSimMs)
    : translateTimestampSince(event.firstTimestamp, nowSimMs)
  let lastSeen = isZero(event.lastTimestamp)
    ? firstSeen
    : translateTimestampSince(event.lastTimestamp, nowSimMs)
  let count = event.count ?? 0
  if (event.series !== undefined) {
    lastSeen = translateTimestampSince(event.series.lastObservedTime, nowSimMs)
    count = event.series.count ?? 0
  } else if (count === 0) {
    // "Singleton events don't have a count set in the new API."
    count = 1
  }
  return { lastSeen, firstSeen, count }
}

/** One row; the server always prints the wide cells (GenerateOptions{Wide: true}). */
export function eventToRow(event: Event, nowSimMs: number): TableRow {
  const { lastSeen, firstSeen, count } = eventTiming(event, nowSimMs)
  const kind = (event.involvedObject.kind ?? '').toLowerCase()
  const name = event.involvedObject.name ?? ''
  return {
    cells: [
      lastSeen,
      event.type ?? '',
      event.reason ?? '',
      name === '' ? kind : `${kind}/${name}`,
      event.involvedObject.fieldPath ?? '',
      formatEventSource(event),
      (event.message ?? '').trim(),
      firstSeen,
      count,
      event.metadata.name ?? '',
    ],
    object: partialObjectMetadata(event.metadata),
  }
}

/** The Table the API server returns for an Event list at virtual time `nowSimMs`. Pure. */
export function eventsToTable(events: readonly Event[], nowSimMs: number): Table {
  return makeTable(
    [...EVENT_COLUMNS],
    events.map((event) => eventToRow(event, nowSimMs)),
  )
}
