import type { AuthenticatedUser } from './attributes'
import type { ExplainedBinding } from '../rbac/explain'

/**
 * One authentication/authorization decision as the "why allowed / why denied" panel shows it:
 * who (after impersonation), what, which authorizer allowed, and every RBAC binding that names
 * the user with each of its rules checked against the request.
 */
export interface AuthorizationRecord {
  /** Virtual time of the decision. */
  atMs: number
  client: string
  requestId: number
  /** "GET /api/v1/namespaces/default/pods" */
  request: string
  allowed: boolean
  /** 200 when allowed, 401 when authentication failed, 403 when forbidden. */
  code: number
  /** The authorizer's reason (RBAC: allowed by …), or why authentication failed. */
  reason: string
  /** The 403 Status message the client got. */
  message?: string
  authenticatedBy?: string
  /** Who authenticated, when it differs from `user` (impersonation). */
  requester?: AuthenticatedUser
  user?: AuthenticatedUser
  decidedBy?: 'Node' | 'RBAC'
  /** This decision answered `kubectl auth can-i` (a SelfSubjectAccessReview), no real request. */
  review?: true
  attributes?: {
    verb: string
    resource: string
    subresource: string
    apiGroup: string
    namespace: string
    name: string
    path: string
  }
  /** `User "bob" cannot list resource "pods" in API group "" in the namespace "default"` */
  sentence?: string
  bindings?: ExplainedBinding[]
  bindingsNotApplying?: number
}
