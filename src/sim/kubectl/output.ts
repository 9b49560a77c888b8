import { stringify } from 'yaml'
import type { Status } from 'kubernetes-types/meta/v1'
import type { ResourceInfo } from '../apiserver/resources'
import { API_SERVER_URL, isTransportFailure, type TransportFailure } from '../runtime/api-client'

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
  if (isTransportFailure(body)) return transportMessage(body, context, true)
  if (typeof body === 'string') return unstructuredError(body, context, request)
  const status = body as Status | undefined
  const message =
    status?.message ?? 'an error on the server ("") has prevented the request from succeeding'
  if (status?.reason === 'Invalid') {
    const details = status.details
    const named = details && ((details.kind ?? '') !== '' || (details.name ?? '') !== '')
    const head = named
      ? `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`
      : 'The request is invalid'
    const causes = (details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)
    if (causes.length === 0) return head
    if (causes.length === 1) return `${head}: ${causes[0] ?? ''}`
    return [`${head}: `, ...causes.map((c) => `* ${c}`)].join('\n')
  }
  // 401: StandardErrorMessage's IsUnauthorized case.
  if (status?.reason === 'Unauthorized')
    return `error: You must be logged in to the server (${message})`
  // StandardErrorMessage: a Status without a reason reads "Error from server: <message>".
  if (status !== undefined && !status.reason) return `Error from server: ${context}${message}`
  return `Error from server (${status?.reason ?? 'InternalError'}): ${context}${message}`
}

// client-go's words for an error response that is not a Status (the API server's timeout filter
// writes its Status as text/plain, which client-go cannot decode): rest/request.go
// newUnstructuredResponseError and apimachinery errors.NewGenericServerResponse (v1.32).
const GENERIC: Record<number, { reason: string; message: string }> = {
  429: {
    reason: 'TooManyRequests',
    message: 'the server has received too many requests and has asked us to try again later',
  },
  504: {
    reason: 'Timeout',
    message:
      'the server was unable to return a response in the time allotted, but may still be processing the request',
  },
}

// APF's 429 body, plain text (apiserver/apf/filter.ts): client-go keeps the response's code.
const TOO_MANY_REQUESTS_TEXT = 'Too many requests, please try again later.'

function unstructuredError(body: string, context: string, request?: RequestInfo): string {
  const code = body.startsWith(TOO_MANY_REQUESTS_TEXT)
    ? 429
    : Number(/"code":(\d+)/.exec(body)?.[1] ?? 500)
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

/**
 * An error kubectl reports when it exits: its own text, or an API Status with its context (and
 * the request, which names it when the answer was not a Status).
 */
export type CommandError =
  { text: string } | { status: unknown; context: string; request?: RequestInfo | undefined }

/**
 * cmdutil.CheckErr: one error is printed alone ("error: ..." for kubectl's own, the Status
 * message for the server's, Invalid rebuilt from its causes); several as MultipleErrors, one
 * per line, each by StandardErrorMessage (helpers.go, v1.32).
 */
export function formatErrors(errors: readonly CommandError[]): string[] {
  const one = (e: CommandError, alone: boolean): string => {
    if ('text' in e) return alone && !e.text.startsWith('error: ') ? `error: ${e.text}` : e.text
    return alone
      ? formatApiError(e.status, e.context, e.request)
      : standardErrorMessage(e.status, e.context, e.request)
  }
  return errors.length === 1 && errors[0]
    ? [one(errors[0], true)]
    : errors.map((e) => one(e, false))
}

/**
 * A call that got no HTTP response. Alone, a *url.Error is named by StandardErrorMessage ("The
 * connection to the server … was refused", "Unable to connect to the server: EOF"); wrapped by
 * apply's AddSourceToErr it reads `error when creating "STDIN": Post "https://…": EOF`.
 */
function transportMessage(body: TransportFailure, context: string, alone: boolean): string {
  const { error, request } = body.transport
  if (context !== '') return `${alone ? 'error: ' : ''}${context}${request ?? ''}: ${error}`
  if (error.includes('connection refused'))
    return `The connection to the server ${API_SERVER_URL.replace(/^https:\/\//, '')} was refused - did you specify the right host or port?`
  return `Unable to connect to the server: ${error}`
}

/** StandardErrorMessage for a Status: "Error from server (Reason): <context><message>". */
function standardErrorMessage(body: unknown, context: string, request?: RequestInfo): string {
  if (isTransportFailure(body)) return transportMessage(body, context, false)
  if (typeof body === 'string') return unstructuredError(body, context, request)
  const status = body as Status | undefined
  const message = status?.message ?? ''
  return status?.reason
    ? `Error from server (${status.reason}): ${context}${message}`
    : `Error from server: ${context}${message}`
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

/** JSON as Go's json.Marshal writes a map[string]interface{}: keys sorted (what kubectl sends). */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

/** -o yaml: keys sorted, as kubectl prints after converting to map[string]interface{}. */
export function toYaml(value: unknown): string {
  // As sigs.k8s.io/yaml's go-yaml v2 writes it: a string YAML 1.1 would read as something else
  // (a timestamp, yes/no/on/off/y/n, a number) is quoted: creationTimestamp: "2025-01-01T00:00:03Z".
  // go-yaml v2 reads a lone "." as a string, so managedFields' ".": {} is written unquoted.
  return stringify(sortKeys(value), { lineWidth: 0, indentSeq: false, version: '1.1' }).replace(
    /^(\s*)"\.": /gm,
    '$1.: ',
  )
}

/** -o json: four-space indentation, sorted keys. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 4)}\n`
}
