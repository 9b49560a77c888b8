import type { KubeObject } from '../model/objects'
import type { FlowStep } from '../network/types'
import type { Table } from '../printers/table'
import type { ActorContext } from '../runtime/actor'
import type { HttpRequest } from '../runtime/messages'
import { recordList, responseBytes } from './apf/meters'
import { listSeatsOf } from './apf/filter'
import { reply } from './respond'
import type { ResourceInfo } from './resources'
import type { ApiServerState } from './state'
import { asTable, wantsTable } from './table'

export interface FieldTerm {
  path: string[]
  value: string
  negate: boolean
}

/** Field selector terms "a.b=v", "a.b==v", "a.b!=v", comma-separated (fields.ParseSelector). */
export function parseFieldTerms(selector: string | undefined): FieldTerm[] {
  const terms: FieldTerm[] = []
  for (const raw of (selector ?? '').split(',')) {
    const match = /^([\w.]+)(!=|==|=)(.*)$/.exec(raw.trim())
    if (match)
      terms.push({
        path: (match[1] ?? '').split('.'),
        value: match[3] ?? '',
        negate: match[2] === '!=',
      })
  }
  return terms
}

function fieldValue(object: KubeObject, path: string[]): string {
  let value: unknown = object
  for (const part of path)
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[part]
        : undefined
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

function parseLabelSelector(selector: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const term of (selector ?? '').split(',')) {
    const [key, value] = term.split('=')
    if (key) out[key.trim()] = (value ?? '').trim()
  }
  return out
}

export function matchesQuery(object: KubeObject, request: HttpRequest): boolean {
  for (const term of parseFieldTerms(request.query['fieldSelector'])) {
    if ((fieldValue(object, term.path) === term.value) === term.negate) return false
  }
  const labels = object.metadata?.labels ?? {}
  return Object.entries(parseLabelSelector(request.query['labelSelector'])).every(
    ([k, v]) => labels[k] === v,
  )
}

/**
 * includeObject=Object: each Table row carries the whole object, not just its metadata, so the
 * client can sort rows by any field (kubectl get --sort-by does).
 */
function withRowObjects(table: Table, items: readonly KubeObject[], request: HttpRequest): Table {
  if (request.query['includeObject'] !== 'Object') return table
  return {
    ...table,
    rows: table.rows.map((row, i) => ({
      ...row,
      object: items[i] as unknown as Table['rows'][number]['object'],
    })),
  }
}

/** ListMeta: the list's resourceVersion, and for a page its continue token and what remains. */
export interface ListMeta {
  resourceVersion: string
  continue?: string
  remainingItemCount?: number
}

/** A <Kind>List, or the Table kubectl asked for (Accept: as=Table), with its ListMeta. */
export function listBody(
  info: ResourceInfo,
  items: readonly KubeObject[],
  listMeta: ListMeta,
  request: HttpRequest,
  nowMs: number,
): unknown {
  if (wantsTable(request.accept)) {
    const table = withRowObjects(
      asTable(info, items, listMeta.resourceVersion, nowMs),
      items,
      request,
    )
    return { ...table, metadata: { ...table.metadata, ...listMeta } }
  }
  return {
    kind: `${info.kind}List`,
    apiVersion: info.group === '' ? info.version : `${info.group}/${info.version}`,
    metadata: listMeta,
    items,
  }
}

/** Answers a LIST and puts what it cost on the meters: where from, items, bytes, seats, time. */
export function sendList(
  ctx: ActorContext,
  state: ApiServerState,
  to: { from: string; request: HttpRequest; step?: FlowStep | undefined },
  body: unknown,
  items: number,
  source: 'etcd' | 'watch cache',
  continued: boolean,
): void {
  const { from, request, step } = to
  const bytes = responseBytes(body)
  const running = listSeatsOf(state, from, request.requestId)
  const query = Object.entries(request.query)
    .map(([k, v]) => `${k}=${v.length > 12 ? `${v.slice(0, 12)}…` : v}`)
    .join('&')
  recordList(state.meters, {
    client: from,
    requestId: request.requestId,
    request: `${request.path}${query ? `?${query}` : ''}`,
    source,
    resourceVersion: request.query['resourceVersion'] ?? '',
    items,
    bytes,
    continued,
    seats: running?.seats ?? 1,
    arrivedMs: running?.arrivedMs ?? ctx.nowMs,
    servedMs: ctx.nowMs,
  })
  state.meters.pendingListBytes = { client: from, requestId: request.requestId, bytes }
  reply(ctx, from, request.requestId, 200, body, { step })
}
