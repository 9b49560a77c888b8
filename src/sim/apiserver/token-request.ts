import type { Pod } from 'kubernetes-types/core/v1'
import { nextUid } from '../core/ids'
import { SIM_EPOCH_UNIX_MS, simTimeToRfc3339 } from '../core/time'
import type { ActorContext } from '../runtime/actor'
import {
  DEFAULT_TOKEN_SECONDS,
  mintServiceAccountToken,
  SERVICE_ACCOUNT_ISSUER,
  type TokenBinding,
} from './authn/service-account-token'
import { reply, replyError } from './respond'
import { findResource, type ResourceInfo } from './resources'
import type { ApiServerState, IncomingRequest } from './state'
import { invalid, notFound, type ApiError, type FieldError } from './status'

interface TokenRequestBody {
  spec?: {
    audiences?: string[]
    expirationSeconds?: number
    boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string }
  }
}

// Shortest allowed token: 10 minutes (pkg/apis/authentication/validation/validation.go, v1.32).
const MIN_TOKEN_SECONDS = 600
// Projected volume tokens ask for 3607 s; kube-apiserver extends them to a year and sets
// "warnafter" (--service-account-extend-token-expiration, default true; pkg/serviceaccount/claims.go).
const KUBELET_TOKEN_SECONDS = 3607
const EXTENDED_TOKEN_SECONDS = 365 * 24 * 3600

/**
 * POST …/serviceaccounts/<name>/token: mints a bound JWT for the ServiceAccount, optionally
 * bound to a Pod (the kubelet's projected token); `kubectl create token` uses it too.
 * Source: pkg/registry/core/serviceaccount/storage/token.go Create (v1.32)
 */
export function handleTokenRequest(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
): void {
  const { request, path, from } = incoming
  const namespace = path.namespace ?? 'default'
  const name = path.name ?? ''
  const fail = (error: Parameters<typeof replyError>[3]) => {
    replyError(ctx, from, request.requestId, error, { step: incoming.step })
  }
  const tokenRequestInfo: ResourceInfo = {
    ...(findResource('', 'serviceaccounts') as ResourceInfo),
    kind: 'TokenRequest',
    group: 'authentication.k8s.io',
  }
  const sa = state.cache.objects.get(`/registry/serviceaccounts/${namespace}/${name}`)
  if (!sa) return fail(notFound(findResource('', 'serviceaccounts') as ResourceInfo, name))
  const spec = (incoming.decoded.object as TokenRequestBody | undefined)?.spec ?? {}
  const expirationSeconds = spec.expirationSeconds ?? DEFAULT_TOKEN_SECONDS
  const errors: FieldError[] = []
  if (expirationSeconds < MIN_TOKEN_SECONDS)
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.expirationSeconds',
      badValue: expirationSeconds,
      detail: 'may not specify a duration less than 10 minutes',
    })
  const bound = bindToPod(state, namespace, spec.boundObjectRef)
  if ('error' in bound) return fail(bound.error)
  errors.push(...bound.errors)
  const { binding } = bound
  const ref = spec.boundObjectRef
  if (errors.length > 0) return fail(invalid(tokenRequestInfo, name, errors))
  const extended = ref !== undefined && expirationSeconds === KUBELET_TOKEN_SECONDS
  const lifetime = extended ? EXTENDED_TOKEN_SECONDS : expirationSeconds
  const audiences =
    spec.audiences && spec.audiences.length > 0 ? spec.audiences : [SERVICE_ACCOUNT_ISSUER]
  const key = state.pki?.serviceAccountKey
  if (!key) return fail(notFound(tokenRequestInfo, name))
  const token = mintServiceAccountToken(key, {
    namespace,
    serviceAccount: { name, uid: sa.metadata?.uid ?? '' },
    nowMs: ctx.nowMs,
    expirationSeconds: lifetime,
    audiences,
    jti: nextUid(state.rng),
    binding,
  })
  const expiresMs =
    Math.floor((SIM_EPOCH_UNIX_MS + ctx.nowMs) / 1000) * 1000 -
    SIM_EPOCH_UNIX_MS +
    expirationSeconds * 1000
  reply(
    ctx,
    from,
    request.requestId,
    201,
    {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null },
      spec: { audiences, expirationSeconds, boundObjectRef: ref ?? null },
      status: { token, expirationTimestamp: simTimeToRfc3339(expiresMs) },
    },
    { step: incoming.step },
  )
}

/** A TokenRequest's boundObjectRef: the Pod (and its Node) the token will be bound to. */
function bindToPod(
  state: ApiServerState,
  namespace: string,
  ref: NonNullable<TokenRequestBody['spec']>['boundObjectRef'],
): { binding: TokenBinding; errors: FieldError[] } | { error: ApiError } {
  const binding: TokenBinding = {}
  if (!ref) return { binding, errors: [] }
  const errors: FieldError[] = []
  if (ref.kind !== 'Pod')
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.boundObjectRef.kind',
      badValue: ref.kind ?? '',
      detail: 'token bound to this kind of object is not supported by the sim',
    })
  const pod = state.cache.objects.get(`/registry/pods/${namespace}/${ref.name ?? ''}`) as
    Pod | undefined
  if (!pod) return { error: notFound(findResource('', 'pods') as ResourceInfo, ref.name ?? '') }
  if (ref.uid !== undefined && ref.uid !== pod.metadata?.uid)
    errors.push({
      type: 'FieldValueInvalid',
      field: 'metadata.uid',
      badValue: ref.uid,
      detail: `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    })
  binding.pod = { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' }
  const nodeName = pod.spec?.nodeName
  const node = nodeName ? state.cache.objects.get(`/registry/minions/${nodeName}`) : undefined
  if (nodeName && node) binding.node = { name: nodeName, uid: node.metadata?.uid ?? '' }
  return { binding, errors }
}
