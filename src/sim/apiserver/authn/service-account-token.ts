import { SIM_EPOCH_UNIX_MS } from '../../core/time'
import type { KubeObject } from '../../model/objects'
import {
  serviceAccountGroups,
  serviceAccountUsername,
  type AuthenticatedUser,
} from '../authz/attributes'
import { signJwt, verifyJwt, type SigningKey } from './jwt'

// kubeadm's --service-account-issuer, also the API audience (--api-audiences defaults to it).
// Source: cmd/kubeadm/app/phases/controlplane/manifests.go getAPIServerCommand (v1.32)
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local'
// TokenRequest's default expirationSeconds (1 h): pkg/apis/authentication/v1/defaults.go (v1.32).
export const DEFAULT_TOKEN_SECONDS = 3600

/** What a token is bound to: a Pod (projected volume tokens) and the Node it runs on. */
export interface TokenBinding {
  pod?: { name: string; uid: string }
  node?: { name: string; uid: string }
}

export interface TokenSpec {
  namespace: string
  serviceAccount: { name: string; uid: string }
  nowMs: number
  expirationSeconds: number
  audiences: string[]
  jti: string
  binding?: TokenBinding
}

const unixSeconds = (simMs: number): number => Math.floor((SIM_EPOCH_UNIX_MS + simMs) / 1000)

/**
 * A bound service-account token with the private claims kube-apiserver v1.32 writes.
 * Source: pkg/serviceaccount/claims.go Claims() (v1.32)
 */
export function mintServiceAccountToken(key: SigningKey, spec: TokenSpec): string {
  const now = unixSeconds(spec.nowMs)
  const kubernetesIo: Record<string, unknown> = {
    namespace: spec.namespace,
    ...(spec.binding?.node ? { node: spec.binding.node } : {}),
    ...(spec.binding?.pod ? { pod: spec.binding.pod } : {}),
    serviceaccount: spec.serviceAccount,
  }
  return signJwt(key, {
    aud: spec.audiences,
    exp: now + spec.expirationSeconds,
    iat: now,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: spec.jti,
    'kubernetes.io': kubernetesIo,
    nbf: now,
    sub: serviceAccountUsername(spec.namespace, spec.serviceAccount.name),
  })
}

/** The objects a token's claims point at, as the validator's getters see them. */
export interface TokenLookups {
  serviceAccount(namespace: string, name: string): KubeObject | undefined
  pod(namespace: string, name: string): KubeObject | undefined
}

export type TokenResult = { ok: true; user: AuthenticatedUser } | { ok: false; error: string }

interface PrivateClaims {
  namespace?: string
  serviceaccount?: { name?: string; uid?: string }
  pod?: { name?: string; uid?: string }
  node?: { name?: string; uid?: string }
}

/**
 * Verifies signature, issuer, audience and expiry, then that the ServiceAccount (and the Pod a
 * bound token names) still exists with the same uid: deleting either revokes its tokens.
 * Source: pkg/serviceaccount/jwt.go and claims.go Validate (v1.32)
 */
export function validateServiceAccountToken(
  key: SigningKey,
  token: string,
  nowMs: number,
  lookups: TokenLookups,
): TokenResult {
  const verified = verifyJwt(key, token)
  if (!verified.ok) return verified
  const claims = verified.claims
  if (claims['iss'] !== SERVICE_ACCOUNT_ISSUER)
    return { ok: false, error: 'token issuer is not trusted' }
  const audiences = Array.isArray(claims['aud'])
    ? (claims['aud'] as string[])
    : [String(claims['aud'])]
  if (!audiences.includes(SERVICE_ACCOUNT_ISSUER))
    return {
      ok: false,
      error: `token audiences ${JSON.stringify(audiences)} is invalid for the target audiences ["${SERVICE_ACCOUNT_ISSUER}"]`,
    }
  const now = unixSeconds(nowMs)
  if (typeof claims['exp'] === 'number' && now > claims['exp'])
    return { ok: false, error: 'service account token has expired' }
  if (typeof claims['nbf'] === 'number' && now < claims['nbf'])
    return { ok: false, error: 'service account token is not valid yet' }
  const priv = (claims['kubernetes.io'] ?? {}) as PrivateClaims
  const namespace = priv.namespace ?? ''
  const saName = priv.serviceaccount?.name ?? ''
  const sa = lookups.serviceAccount(namespace, saName)
  if (!sa || sa.metadata?.deletionTimestamp)
    return { ok: false, error: `service account ${namespace}/${saName} has been deleted` }
  if (sa.metadata?.uid !== priv.serviceaccount?.uid)
    return {
      ok: false,
      error: `service account UID (${sa.metadata?.uid ?? ''}) does not match claim (${priv.serviceaccount?.uid ?? ''})`,
    }
  const extra: Record<string, string[]> = {
    'authentication.kubernetes.io/credential-id': [
      `JTI=${typeof claims['jti'] === 'string' ? claims['jti'] : ''}`,
    ],
  }
  if (priv.pod) {
    const pod = lookups.pod(namespace, priv.pod.name ?? '')
    if (!pod || pod.metadata?.deletionTimestamp)
      return { ok: false, error: `pod ${namespace}/${priv.pod.name ?? ''} has been deleted` }
    if (pod.metadata?.uid !== priv.pod.uid)
      return {
        ok: false,
        error: `pod UID (${pod.metadata?.uid ?? ''}) does not match claim (${priv.pod.uid ?? ''})`,
      }
    extra['authentication.kubernetes.io/pod-name'] = [priv.pod.name ?? '']
    extra['authentication.kubernetes.io/pod-uid'] = [priv.pod.uid ?? '']
  }
  if (priv.node) {
    extra['authentication.kubernetes.io/node-name'] = [priv.node.name ?? '']
    extra['authentication.kubernetes.io/node-uid'] = [priv.node.uid ?? '']
  }
  return {
    ok: true,
    user: {
      name: serviceAccountUsername(namespace, saName),
      uid: sa.metadata?.uid ?? '',
      groups: serviceAccountGroups(namespace),
      extra,
    },
  }
}
