import type { KubeObject } from '../model/objects'
import type { Table } from '../printers/table'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { responseBytes } from '../apiserver/apf/meters'
import { clientFor, type KubectlCommand, type KubectlState } from './state'

// kubectl get --chunk-size: "Return large lists in chunks rather than all at once. Pass 0 to
// disable.", 500 by default (cmdutil.AddChunkSizeFlag, DefaultChunkSize = 500 in
// staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go, v1.32). Each page is GET …?limit=500 and
// the next carries the previous page's continue token (resource.Builder RequestChunksOf).
export const DEFAULT_CHUNK_SIZE = 500

/** The list a get command is reading page by page. */
export interface ListProgress {
  path: string
  query: Record<string, string>
  accept?: string
  pages: number
  bytes: number
  startedMs: number
  rows: Table['rows']
  items: KubeObject[]
}

/** What the last `kubectl get` of a list cost, for the Load tab and the lesson. */
export interface LastList {
  line: string
  chunkSize: number
  pages: number
  items: number
  bytes: number
  startedMs: number
  finishedMs: number
}

/** --chunk-size as a number, or the error pflag prints for a value that is not one. */
export function chunkSizeOf(cmd: KubectlCommand): number | string {
  const raw = cmd.flags['chunk-size']
  if (raw === undefined) return DEFAULT_CHUNK_SIZE
  if (!/^-?\d+$/.test(raw))
    return `error: invalid argument "${raw}" for "--chunk-size" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`
  return Number(raw)
}

/**
 * One page of a chunked list arrived: asks for the next with its continue token, or, on the
 * last page, returns every row or item gathered (kubectl prints them as one table) and records
 * what the list cost. Returns undefined while pages remain.
 */
export function collectPage(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  body: unknown,
  purposeData: unknown,
): unknown {
  const progress = cmd.flow as ListProgress | undefined
  if (!progress) return body
  progress.pages++
  progress.bytes += responseBytes(body)
  const page = body as {
    rows?: Table['rows']
    items?: KubeObject[]
    metadata?: { continue?: string }
  }
  progress.rows.push(...(page.rows ?? []))
  progress.items.push(...(page.items ?? []))
  const token = page.metadata?.continue ?? ''
  if (token !== '') {
    callApi(
      ctx,
      clientFor(state, cmd),
      {
        method: 'GET',
        path: progress.path,
        query: { ...progress.query, continue: token },
        ...(progress.accept !== undefined ? { accept: progress.accept } : {}),
        step: 1,
      },
      { purpose: 'get', data: purposeData },
    )
    return undefined
  }
  state.lastList = {
    line: cmd.line,
    chunkSize: Number(progress.query['limit'] ?? '0'),
    pages: progress.pages,
    items: page.rows ? progress.rows.length : progress.items.length,
    bytes: progress.bytes,
    startedMs: progress.startedMs,
    finishedMs: ctx.nowMs,
  }
  return page.rows
    ? { ...page, rows: progress.rows, metadata: { ...page.metadata, continue: undefined } }
    : { ...page, items: progress.items }
}
