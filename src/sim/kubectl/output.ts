import { stringify } from 'yaml'
import type { Status } from 'kubernetes-types/meta/v1'
import type { ResourceInfo } from '../apiserver/resources'

/** "pod/web", "replicaset.apps/web": how kubectl names an object in its one-line outputs. */
export function resourceName(info: ResourceInfo, name: string): string {
  return `${info.group === '' ? info.singular : `${info.singular}.${info.group}`}/${name}`
}

/** What kubectl asked for, so an error without a Status can name it: "(get pods web)". */
export interface RequestInfo {
  verb: string
  resource: string
  group: string
  name?: string | undefined
}

/**
 * kubectl's text for an API error (cmdutil.CheckErr / StandardErrorMessage): Invalid errors are
 * rebuilt from their causes, `The Pod "web" is invalid: <cause>`, or, with several causes, the
 * prefix on a line of its own and one `* field: message` line per cause (MultilineError); others
 * read `Error from server (NotFound): pods "web" not found`, optionally with kubectl's context
 * ("error when creating \"STDIN\": ").
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr and MultilineError (v1.32);
 * output captured from kubectl v1.32.4 against a fake API server.
 */
export function formatApiError(body: unknown, context = '', request?: RequestInfo): string {
  if (typeof body === 'string') return unstructuredError(body, context, request)
  const status = body as Status | undefined
  const message =
    status?.message ?? 'an error on the server ("") has prevented the request from succeeding'
  if (status?.reason === 'Invalid') {
    const details = status.details
    const head = details
      ? `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`
      : 'The request is invalid'
    const causes = (details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)
    if (causes.length === 0) return head
    if (causes.length === 1) return `${head}: ${causes[0] ?? ''}`
    return [`${head}: `, ...causes.map((c) => `* ${c}`)].join('\n')
  }
  // StandardErrorMessage: a Status without a reason reads "Error from server: <message>".
  if (status !== undefined && !status.reason) return `Error from server: ${context}${message}`
  return `Error from server (${status?.reason ?? 'InternalError'}): ${context}${message}`
}

// client-go's words for an error response that is not a Status (the API server's timeout filter
// writes its Status as text/plain, which client-go cannot decode): rest/request.go
// newUnstructuredResponseError and apimachinery errors.NewGenericServerResponse (v1.32).
const GENERIC: Record<number, { reason: string; message: string }> = {
  504: {
    reason: 'Timeout',
    message:
      'the server was unable to return a response in the time allotted, but may still be processing the request',
  },
}

function unstructuredError(body: string, context: string, request?: RequestInfo): string {
  const code = Number(/"code":(\d+)/.exec(body)?.[1] ?? 500)
  const generic = GENERIC[code] ?? {
    reason: 'InternalError',
    message: `the server responded with the status code ${String(code)} but did not return more information`,
  }
  const resource = request
    ? `${request.resource}${request.group === '' ? '' : `.${request.group}`}`
    : ''
  const what = request
    ? ` (${[request.verb.toLowerCase(), resource, request.name].filter(Boolean).join(' ')})`
    : ''
  return `Error from server (${generic.reason}): ${context}${generic.message}${what}`
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    )
  }
  return value
}

/** -o yaml: keys sorted, as kubectl prints after converting to map[string]interface{}. */
export function toYaml(value: unknown): string {
  return stringify(sortKeys(value), { lineWidth: 0, indentSeq: false })
}

/** -o json: four-space indentation, sorted keys. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 4)}\n`
}
