import type { RequestAuth, SimAction } from './actions'
import type { SimEvent } from './events'
import type { HttpMethod } from './runtime/messages'

/**
 * The blocking calls of the headless API, `sim.kubectl(...)` and `sim.request(...)`: dispatch the
 * action, then let virtual time pass until its answer is in the trace, as a CLI or an HTTP client
 * waits for its answer.
 */
export interface BlockingHost {
  /** The retained trace: its first entry has sequence number `traceStart`. */
  readonly trace: readonly SimEvent[]
  /** Entries recorded before `trace[0]` and no longer kept (0 for an unbounded trace). */
  readonly traceStart: number
  readonly nowMs: number
  step(): boolean
  dispatch(action: SimAction): void
}

// How long a blocking call waits in virtual time: kubectl's default --request-timeout is 0 (no
// limit); a bound keeps a call to a cluster that cannot answer (etcd without quorum, every
// request parked) from running the simulation forever.
export const CALL_TIMEOUT_MS = 120_000

/** The sequence number the next trace entry will get. */
export const traceEnd = (host: BlockingHost): number => host.traceStart + host.trace.length

/**
 * Steps `host` until `match` finds its answer among the trace events from sequence number
 * `from` on (a bounded trace drops old entries, so positions are sequence numbers).
 */
export function waitForTrace<T>(
  host: BlockingHost,
  from: number,
  match: (event: SimEvent) => T | undefined,
): T | undefined {
  const deadline = host.nowMs + CALL_TIMEOUT_MS
  for (let scanned = from; ;) {
    for (scanned = Math.max(scanned, host.traceStart); scanned < traceEnd(host); scanned++) {
      const event = host.trace[scanned - host.traceStart]
      const found = event ? match(event) : undefined
      if (found !== undefined) return found
    }
    if (host.nowMs >= deadline || !host.step()) return undefined
  }
}

/** An HTTP request as a client sends it: `body` is the JSON text on the wire. */
export interface ApiRequest {
  method: HttpMethod
  /** "/api/v1/namespaces/default/pods", "/apis/apps/v1/namespaces/default/replicasets/web". */
  path: string
  query?: Record<string, string>
  /** The request body as JSON text, exactly as sent (so it can be malformed). */
  body?: string
  /** For PATCH: application/merge-patch+json (the default here) or application/strategic-merge-patch+json. */
  contentType?: string
  /** "application/json;as=Table;v=v1;g=meta.k8s.io" asks for server-side printing. */
  accept?: string
  /** Who sends it (default: the kubeconfig's current context, as plain kubectl). */
  auth?: RequestAuth
  /** The User-Agent header; without a fieldManager it names the manager of a write. */
  userAgent?: string
}

/** The response as the client got it. `code` 0 means no HTTP response (connection failed). */
export interface ApiResponse {
  code: number
  /** The decoded JSON body: the object, a list, a Table or a Status. */
  body: unknown
  /** Warning headers: unknown or duplicate fields under fieldValidation=Warn. */
  warnings?: string[]
}

/** sim.request: one `apiRequest` action, then its ApiResponded answer (a copy the caller owns). */
export function blockingRequest(
  host: BlockingHost,
  requestId: string,
  request: ApiRequest,
): ApiResponse {
  const from = traceEnd(host)
  const contentType =
    request.contentType ?? (request.method === 'PATCH' ? 'application/merge-patch+json' : undefined)
  host.dispatch({
    type: 'apiRequest',
    requestId,
    method: request.method,
    path: request.path,
    ...(request.query !== undefined ? { query: request.query } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
    ...(request.accept !== undefined ? { accept: request.accept } : {}),
    ...(request.auth !== undefined ? { auth: request.auth } : {}),
    ...(request.userAgent !== undefined ? { userAgent: request.userAgent } : {}),
  })
  const response = waitForTrace(host, from, (event) =>
    event.type === 'ApiResponded' && event.requestId === requestId ? event : undefined,
  )
  if (!response) return { code: 0, body: { transport: { error: 'timed out' } } }
  return {
    code: response.code,
    body: structuredClone(response.body),
    ...(response.warnings ? { warnings: [...response.warnings] } : {}),
  }
}
