import type { ActorContext } from '../runtime/actor'
import { apiVersionOf } from './resources'
import { reply, replyError } from './respond'
import type { ApiServerState, IncomingRequest } from './state'
import { invalid } from './status'
import {
  nonResourceAttributes,
  resourceAttributes,
  type AuthenticatedUser,
} from './authz/attributes'
import { authorize } from './authz/authorize'
import { record } from './authz/request-auth'
import { nodeIdentity } from './authz/node-authorizer'
import { NODE_RULES } from './rbac/bootstrap-cluster-roles'
import { aggregateErrors, rulesFor } from './rbac/resolver'

interface ReviewBody {
  spec?: {
    resourceAttributes?: {
      namespace?: string
      verb?: string
      group?: string
      resource?: string
      subresource?: string
      name?: string
    }
    nonResourceAttributes?: { path?: string; verb?: string }
    namespace?: string
  }
}

const created = (ctx: ActorContext, incoming: IncomingRequest, body: unknown) => {
  reply(ctx, incoming.from, incoming.request.requestId, 201, body, { step: incoming.step })
}

function envelope(
  incoming: IncomingRequest,
  spec: unknown,
  status: unknown,
): Record<string, unknown> {
  return {
    kind: incoming.path.info.kind,
    apiVersion: apiVersionOf(incoming.path.info),
    metadata: { creationTimestamp: null },
    ...(spec !== undefined ? { spec } : {}),
    status,
  }
}

/**
 * SelfSubjectAccessReview ("can I?"), SelfSubjectRulesReview ("what can I?") and
 * SelfSubjectReview ("who am I?"): answered from the requester's own identity, never stored.
 * Source: pkg/registry/authorization/selfsubjectaccessreview/rest.go,
 * selfsubjectrulesreview/rest.go, pkg/registry/authentication/selfsubjectreview/rest.go (v1.32)
 */
export function handleReview(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
  user: AuthenticatedUser,
): void {
  // Decoded as the review kind already (request-body.ts).
  const body = (incoming.decoded.object ?? {}) as ReviewBody
  switch (incoming.path.info.resource) {
    case 'selfsubjectaccessreviews':
      return accessReview(ctx, state, incoming, user, body)
    case 'selfsubjectrulesreviews':
      return rulesReview(ctx, state, incoming, user, body)
    default:
      return created(
        ctx,
        incoming,
        envelope(incoming, undefined, {
          userInfo: {
            username: user.name,
            ...(user.uid !== undefined && user.uid !== '' ? { uid: user.uid } : {}),
            groups: user.groups,
            ...(user.extra && Object.keys(user.extra).length > 0 ? { extra: user.extra } : {}),
          },
        }),
      )
  }
}

function accessReview(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
  user: AuthenticatedUser,
  body: ReviewBody,
): void {
  const spec = body.spec ?? {}
  const ra = spec.resourceAttributes
  const nra = spec.nonResourceAttributes
  if ((ra === undefined) === (nra === undefined)) {
    return replyError(
      ctx,
      incoming.from,
      incoming.request.requestId,
      invalid(incoming.path.info, '', [
        {
          type: 'FieldValueInvalid',
          field: 'spec.resourceAttributes',
          badValue: 'null',
          detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified',
        },
      ]),
    )
  }
  const attributes = ra
    ? resourceAttributes(user, {
        verb: ra.verb ?? '',
        apiGroup: ra.group ?? '',
        resource: ra.resource ?? '',
        subresource: ra.subresource ?? '',
        namespace: ra.namespace ?? '',
        name: ra.name ?? '',
      })
    : nonResourceAttributes(user, nra?.verb ?? '', nra?.path ?? '')
  const decision = authorize(state.authz, attributes)
  record(ctx, state, incoming.from, incoming.request, attributes, {
    allowed: decision.allowed,
    reason: decision.reason,
    code: decision.allowed ? 200 : 403,
    review: true,
    ...(decision.decidedBy ? { decidedBy: decision.decidedBy } : {}),
  })
  created(
    ctx,
    incoming,
    envelope(incoming, spec, {
      allowed: decision.allowed,
      ...(decision.reason !== '' ? { reason: decision.reason } : {}),
    }),
  )
}

function rulesReview(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
  user: AuthenticatedUser,
  body: ReviewBody,
): void {
  const namespace = body.spec?.namespace ?? ''
  const { rules, errors } = rulesFor(state.authz.policy, user, namespace)
  // The Node authorizer contributes its static rules for kubelets (node_authorizer.go RulesFor).
  if (nodeIdentity(resourceAttributes(user, { verb: '' })) !== undefined)
    rules.unshift(...NODE_RULES)
  const resourceRules = rules
    .filter((r) => (r.resources ?? []).length > 0)
    .map((r) => ({
      verbs: r.verbs,
      apiGroups: r.apiGroups ?? [],
      resources: r.resources ?? [],
      ...(r.resourceNames && r.resourceNames.length > 0 ? { resourceNames: r.resourceNames } : {}),
    }))
  const nonResourceRules = rules
    .filter((r) => (r.nonResourceURLs ?? []).length > 0)
    .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs ?? [] }))
  created(
    ctx,
    incoming,
    envelope(
      incoming,
      { namespace },
      {
        resourceRules,
        nonResourceRules,
        incomplete: errors.length > 0,
        ...(errors.length > 0 ? { evaluationError: aggregateErrors(errors) } : {}),
      },
    ),
  )
}
