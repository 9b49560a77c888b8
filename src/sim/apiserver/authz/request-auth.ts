import type { ActorContext } from '../../runtime/actor'
import type { KubeObject } from '../../model/objects'
import type { TokenLookups } from '../authn/service-account-token'
import type { HttpRequest } from '../../runtime/messages'
import { authenticate, type AuthnEnvironment } from '../authn/authenticate'
import { impersonatedUser, impersonationChecks } from '../authn/impersonation'
import { explainRbac } from '../rbac/explain'
import type { ApiServerState } from '../state'
import { unauthorized, type ApiError } from '../status'
import type { AuthenticatedUser, RequestAttributes } from './attributes'
import { authorize } from './authorize'
import { forbiddenError, forbiddenMessage } from './forbidden'
import { requestAttributes } from './request-info'
import type { AuthorizationRecord } from './record'

export type AuthOutcome =
  | { ok: true; user: AuthenticatedUser; attributes: RequestAttributes }
  | { ok: false; error: ApiError }

/** The objects a token's claims name, from the watch cache. */
class CacheLookups implements TokenLookups {
  private readonly objects: ReadonlyMap<string, KubeObject>

  constructor(objects: ReadonlyMap<string, KubeObject>) {
    this.objects = objects
  }

  serviceAccount(namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(`/registry/serviceaccounts/${namespace}/${name}`)
  }

  pod(namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(`/registry/pods/${namespace}/${name}`)
  }
}

const NO_SIGNING_KEY = { privateKeyHex: '', publicKeyHex: '', keyId: '' }

/** The API server's view for the authenticators: its CA, its key, and objects from its cache. */
export function authnEnvironment(ctx: ActorContext, state: ApiServerState): AuthnEnvironment {
  return {
    nowMs: ctx.nowMs,
    clientCaName: state.pki?.clientCaName ?? '',
    serviceAccountKey: state.pki?.serviceAccountKey ?? NO_SIGNING_KEY,
    lookups: new CacheLookups(state.cache.objects),
    tokenCache: state.tokenCache,
  }
}

// Requests worth a full explanation in the trace: the student's (kubectl and Pods calling the API).
// Access reviews are noise as requests: the review records the question it answered instead.
const explained = (from: string, request: HttpRequest): boolean =>
  (from === 'kubectl' || request.origin !== undefined) &&
  !/\/selfsubject(access|rules)reviews/.test(request.path)

/**
 * The handler chain's first filters: authentication (401 on a bad credential), impersonation
 * (403 unless the requester may impersonate), then authorization (403 unless an authorizer
 * allows). Every decision on a student's request, and every denial, is recorded for the panel.
 * Source: staging/src/k8s.io/apiserver/pkg/server/config.go DefaultBuildHandlerChain:
 * WithAuthentication, WithImpersonation, WithAuthorization (v1.32)
 */
export function authenticateAndAuthorize(
  ctx: ActorContext,
  state: ApiServerState,
  from: string,
  request: HttpRequest,
): AuthOutcome {
  const authn = authenticate(request.credential, authnEnvironment(ctx, state))
  if (!authn.ok) {
    record(ctx, state, from, request, undefined, {
      allowed: false,
      reason: authn.reason,
      code: 401,
    })
    return { ok: false, error: unauthorized() }
  }
  let user = authn.user
  if (request.impersonate) {
    for (const check of impersonationChecks(user, request.impersonate)) {
      const decision = authorize(state.authz, check)
      if (!decision.allowed) {
        const error = forbiddenError(check, decision.reason)
        record(ctx, state, from, request, check, {
          allowed: false,
          reason: decision.reason,
          code: 403,
          message: error.status.message ?? '',
        })
        return { ok: false, error }
      }
    }
    user = impersonatedUser(request.impersonate)
  }
  const attributes = requestAttributes(user, request.method, request.path, request.query)
  const decision = authorize(state.authz, attributes)
  if (!decision.allowed) {
    const error = forbiddenError(attributes, decision.reason)
    record(ctx, state, from, request, attributes, {
      allowed: false,
      reason: decision.reason,
      code: 403,
      message: error.status.message ?? '',
      authenticatedBy: authn.detail(),
      requester: authn.user,
    })
    return { ok: false, error }
  }
  if (explained(from, request))
    record(ctx, state, from, request, attributes, {
      allowed: true,
      reason: decision.reason,
      code: 200,
      authenticatedBy: authn.detail(),
      requester: authn.user,
      ...(decision.decidedBy ? { decidedBy: decision.decidedBy } : {}),
    })
  return { ok: true, user, attributes }
}

export interface Outcome {
  allowed: boolean
  reason: string
  code: number
  message?: string
  authenticatedBy?: string
  requester?: AuthenticatedUser
  decidedBy?: 'Node' | 'RBAC'
  /** Set when the decision answers a SelfSubjectAccessReview (kubectl auth can-i). */
  review?: boolean
}

/** Records one decision, with the RBAC explanation, for the "why" panel. */
export function record(
  ctx: ActorContext,
  state: ApiServerState,
  from: string,
  request: HttpRequest,
  attributes: RequestAttributes | undefined,
  outcome: Outcome,
): void {
  const rbac = attributes ? explainRbac(state.authz.policy, attributes) : undefined
  const entry: AuthorizationRecord = {
    atMs: ctx.nowMs,
    client: request.origin ?? from,
    requestId: request.requestId,
    request: `${request.method} ${request.path}`,
    allowed: outcome.allowed,
    code: outcome.code,
    reason: outcome.reason,
    ...(outcome.message !== undefined ? { message: outcome.message } : {}),
    ...(outcome.authenticatedBy !== undefined ? { authenticatedBy: outcome.authenticatedBy } : {}),
    ...(outcome.requester ? { requester: outcome.requester } : {}),
    ...(outcome.decidedBy ? { decidedBy: outcome.decidedBy } : {}),
    ...(outcome.review ? { review: true } : {}),
    ...(attributes
      ? {
          user: attributes.user,
          attributes: {
            verb: attributes.verb,
            resource: attributes.resource,
            subresource: attributes.subresource,
            apiGroup: attributes.apiGroup,
            namespace: attributes.namespace,
            name: attributes.name,
            path: attributes.resourceRequest ? '' : attributes.path,
          },
          sentence: forbiddenMessage(attributes),
        }
      : {}),
    ...(rbac ? { bindings: rbac.bindings, bindingsNotApplying: rbac.notApplying } : {}),
  }
  ctx.emit({ type: 'AuthorizationDecided', record: entry })
}
