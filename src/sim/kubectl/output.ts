import { stringify } from 'yaml'
import type { Status } from 'kubernetes-types/meta/v1'
import type { ResourceInfo } from '../apiserver/resources'

/** "pod/web", "replicaset.apps/web": how kubectl names an object in its one-line outputs. */
export function resourceName(info: ResourceInfo, name: string): string {
  return `${info.group === '' ? info.singular : `${info.singular}.${info.group}`}/${name}`
}

/**
 * kubectl's text for an API error (cmdutil.StandardErrorMessage / CheckErr): Invalid errors read
 * `The Pod "web" is invalid: ...`; others `Error from server (NotFound): pods "web" not found`,
 * optionally with kubectl's context ("error when creating \"STDIN\": ").
 * Source: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (v1.32)
 */
export function formatApiError(body: unknown, context = ''): string {
  const status = body as Status | undefined
  const message =
    status?.message ?? 'an error on the server ("") has prevented the request from succeeding'
  if (status?.reason === 'Invalid') {
    // Rebuilt from details, not the message: The ReplicaSet "web" is invalid: <causes>.
    const details = status.details
    const head = details
      ? `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`
      : 'The request is invalid'
    const causes = (details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)
    if (causes.length === 0) return head
    return `${head}: ${causes.length === 1 ? (causes[0] ?? '') : `[${causes.join(', ')}]`}`
  }
  // 401: StandardErrorMessage's IsUnauthorized case.
  if (status?.reason === 'Unauthorized')
    return `error: You must be logged in to the server (${message})`
  // StandardErrorMessage: a Status without a reason reads "Error from server: <message>".
  if (status !== undefined && !status.reason) return `Error from server: ${context}${message}`
  return `Error from server (${status?.reason ?? 'InternalError'}): ${context}${message}`
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
