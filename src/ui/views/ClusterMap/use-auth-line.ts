import { useAppState } from '../../app/app-context'
import type { AuthorizationRecord } from '../../../protocol/records'
import type { PlacedComponent } from '../../viz/layout-types'
import type { MapStatus } from '../../viz/map-status'

// How long, in virtual ms, the map keeps showing the API server's last decision on a student's request.
const SHOWN_FOR_MS = 8_000

/**
 * "bob: authn ✓ · RBAC ✗ 403", "bob: authn ✓ · RBAC ✓", "401: not authenticated", and for
 * `kubectl auth can-i` (a SelfSubjectAccessReview, whose own request is allowed) its answer:
 * "bob: can-i delete pods → no".
 */
export function authLineText(d: AuthorizationRecord): string {
  if (d.code === 401) return '401: not authenticated'
  const who = d.user?.name ?? ''
  const short = who.startsWith('system:serviceaccount:') ? `sa ${who.split(':').pop() ?? ''}` : who
  if (d.review) return `${short}: can-i ${reviewedAction(d)} → ${d.allowed ? 'yes' : 'no'}`
  return d.allowed
    ? `${short}: authn ✓ · ${d.decidedBy ?? 'RBAC'} ✓`
    : `${short}: authn ✓ · RBAC ✗ 403`
}

/** "delete pods", "get pods/log", "get /healthz": what a can-i asked about. */
function reviewedAction(d: AuthorizationRecord): string {
  const a = d.attributes
  if (!a) return ''
  if (!a.resource) return `${a.verb} ${a.path}`
  return `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''}`
}

/**
 * The second line under kube-apiserver on the map: what its authentication and authorization
 * filters made of the student's latest request, while it is recent.
 */
export function useAuthLine(): { text: string; denied: boolean } {
  const text = useAppState((s) => {
    // A process that exited on its own (a bad encryption config) says so; one stopped from the
    // Processes tab or a fault keeps the map's own "stopped" line.
    if (s.apiServer && !s.apiServer.running)
      return s.apiServer.startError !== undefined ? '-not running (exited)' : ''
    const last = s.authDecisions[s.authDecisions.length - 1]
    if (!last || s.simTimeMs - last.atMs > SHOWN_FOR_MS) return ''
    // A can-i's "no" is an answer, not a refused request: not drawn as a denial.
    return `${last.allowed || last.review ? '+' : '-'}${authLineText(last)}`
  })
  return { text: text.slice(1), denied: text.startsWith('-') }
}

/**
 * The map's status with the auth line as kube-apiserver's status line: the texts message labels
 * must avoid are where the API server's box draws them (its name moves up for a second line).
 */
export function withAuthLine(
  status: MapStatus,
  components: Readonly<Record<string, PlacedComponent>>,
  authText: string,
): MapStatus {
  if (authText === '') return status
  const subs = { ...status.subs }
  for (const c of Object.values(components)) if (c.kind === 'kube-apiserver') subs[c.id] = authText
  return { ...status, subs }
}
