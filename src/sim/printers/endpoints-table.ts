/**
 * `kubectl get endpoints` and `kubectl get endpointslices` as the API server computes them:
 * at most three addresses, then " + N more...", and `<unset>` for an empty slice.
 * Source: printEndpoints, formatEndpoints, printEndpointSlice, formatDiscoveryPorts,
 * formatDiscoveryEndpoints, listWithMoreString, pkg/printers/internalversion/printers.go (v1.32)
 */
import type { EndpointPort, EndpointSlice, Endpoint } from 'kubernetes-types/discovery/v1'
import type { Endpoints } from 'kubernetes-types/core/v1'
import { CREATION_TIMESTAMP_DOC, NAME_DOC } from './column-docs'
import type { Table, TableColumnDefinition } from './table'
import { column, makeTable, partialObjectMetadata, translateTimestampSince } from './table'

const MAX = 3

export const ENDPOINTS_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
]

export const ENDPOINT_SLICE_COLUMNS: readonly TableColumnDefinition[] = [
  column('Name', 'string', NAME_DOC, { format: 'name' }),
  column(
    'AddressType',
    'string',
    'addressType specifies the type of address carried by this EndpointSlice.',
  ),
  column(
    'Ports',
    'string',
    'ports specifies the list of network ports exposed by each endpoint in this slice.',
  ),
  column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
  column('Age', 'string', CREATION_TIMESTAMP_DOC),
]

/** "10.244.1.2:80,10.244.2.3:80 + 1 more..." or "<none>". */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? []
  if (subsets.length === 0) return '<none>'
  const acc = { list: [] as string[], more: false }
  let count = 0
  const add = (value: string) => {
    if (acc.list.length === MAX) acc.more = true
    else acc.list.push(value)
  }
  for (const subset of subsets) {
    const addresses = subset.addresses ?? []
    const ports = subset.ports ?? []
    if (ports.length === 0) {
      count += addresses.length
      for (const a of addresses) add(a.ip)
      continue
    }
    for (const port of ports) {
      count += addresses.length
      for (const a of addresses) add(`${a.ip}:${port.port}`)
    }
  }
  const text = acc.list.join(',')
  return acc.more ? `${text} + ${count - MAX} more...` : text
}

function listWithMore(list: string[], more: boolean, count: number): string {
  const text = list.join(',')
  if (more) return `${text} + ${count - MAX} more...`
  return text === '' ? '<unset>' : text
}

export function formatDiscoveryPorts(ports: readonly EndpointPort[] | undefined): string {
  const list: string[] = []
  let more = false
  for (const port of ports ?? []) {
    if (list.length < MAX)
      list.push(port.port !== undefined ? String(port.port) : (port.name ?? '*'))
    else more = true
  }
  return listWithMore(list, more, (ports ?? []).length)
}

export function formatDiscoveryEndpoints(endpoints: readonly Endpoint[] | undefined): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const endpoint of endpoints ?? []) {
    for (const address of (endpoint.addresses as readonly string[] | undefined) ?? []) {
      if (list.length < MAX) list.push(address)
      else more = true
      count++
    }
  }
  return listWithMore(list, more, count)
}

export function endpointsToTable(items: readonly Endpoints[], nowSimMs: number): Table {
  return makeTable(
    [...ENDPOINTS_COLUMNS],
    items.map((e) => ({
      cells: [
        e.metadata?.name ?? '',
        formatEndpoints(e),
        translateTimestampSince(e.metadata?.creationTimestamp, nowSimMs),
      ],
      object: partialObjectMetadata(e.metadata),
    })),
  )
}

export function endpointSlicesToTable(items: readonly EndpointSlice[], nowSimMs: number): Table {
  return makeTable(
    [...ENDPOINT_SLICE_COLUMNS],
    items.map((s) => ({
      cells: [
        s.metadata?.name ?? '',
        s.addressType,
        formatDiscoveryPorts(s.ports),
        formatDiscoveryEndpoints(s.endpoints),
        translateTimestampSince(s.metadata?.creationTimestamp, nowSimMs),
      ],
      object: partialObjectMetadata(s.metadata),
    })),
  )
}
