import {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ANONYMOUS,
  type AuthenticatedUser,
} from '../authz/attributes'
import { subjectText, type Credential } from './credentials'
import type { SigningKey } from './jwt'
import { validateServiceAccountToken, type TokenLookups } from './service-account-token'

/** What the authenticators need from the API server. */
export interface AuthnEnvironment {
  nowMs: number
  /** --client-ca-file's CA. */
  clientCaName: string
  serviceAccountKey: SigningKey
  lookups: TokenLookups
  /** Successful token authentications, kept 10 s (tokencache). */
  tokenCache: Record<string, { user: AuthenticatedUser; expiresAtMs: number }>
}

export type AuthnResult =
  | {
      ok: true
      user: AuthenticatedUser
      method: 'x509' | 'serviceaccount-token' | 'anonymous'
      /**
       * How the user was authenticated, in words, for the panel's record. A function: only
       * denials and the student's requests are recorded, and every kubelet's Lease renewal
       * comes through here.
       */
      detail: () => string
    }
  | { ok: false; reason: string }

// The token authenticator's success cache TTL: --authentication-token-cache... TokenSuccessCacheTTL
// = 10 s, pkg/kubeapiserver/authenticator/config.go and options/authentication.go (v1.32).
const TOKEN_SUCCESS_TTL_MS = 10_000

const CACHED_TOKEN = () => 'bearer token (cached for 10 s)'
const SERVICE_ACCOUNT_TOKEN = () =>
  'ServiceAccount token (a JWT signed with the service-account key)'
const ANONYMOUS_REQUEST = () => 'no credential: anonymous (--anonymous-auth=true)'

/** group.AuthenticatedGroupAdder: everyone authenticated is in system:authenticated. */
function withAuthenticatedGroup(user: AuthenticatedUser): AuthenticatedUser {
  if (user.name === ANONYMOUS || user.groups.includes(ALL_AUTHENTICATED)) return user
  return { ...user, groups: [...user.groups, ALL_AUTHENTICATED] }
}

/** A certificate's user: CN and O, with system:authenticated added as withAuthenticatedGroup does. */
function certificateUser(name: string, organizations: readonly string[]): AuthenticatedUser {
  const groups = organizations.slice()
  if (name !== ANONYMOUS && !groups.includes(ALL_AUTHENTICATED)) groups.push(ALL_AUTHENTICATED)
  return { name, groups }
}

/**
 * The authentication chain: x509 client certificates, then bearer tokens (ServiceAccount JWTs),
 * then — only when the request carries no credential — anonymous. A credential that fails is a
 * 401; it never falls back to anonymous (union.NewFailOnError).
 * Source: pkg/kubeapiserver/authenticator/config.go New (v1.32)
 */
export function authenticate(credential: Credential, env: AuthnEnvironment): AuthnResult {
  switch (credential.type) {
    case 'x509': {
      const cert = credential.certificate
      if (cert.issuer !== env.clientCaName)
        return {
          ok: false,
          reason: `x509: certificate signed by unknown authority (issuer "${cert.issuer}")`,
        }
      if (env.nowMs < cert.notBeforeMs || env.nowMs > cert.notAfterMs)
        return { ok: false, reason: 'x509: certificate has expired or is not yet valid' }
      return {
        ok: true,
        user: certificateUser(cert.commonName, cert.organizations),
        method: 'x509',
        detail: () => `client certificate ${subjectText(cert)}, signed by CA "${cert.issuer}"`,
      }
    }
    case 'bearer': {
      const cached = env.tokenCache[credential.token]
      if (cached && cached.expiresAtMs > env.nowMs)
        return {
          ok: true,
          user: cached.user,
          method: 'serviceaccount-token',
          detail: CACHED_TOKEN,
        }
      const result = validateServiceAccountToken(
        env.serviceAccountKey,
        credential.token,
        env.nowMs,
        env.lookups,
      )
      if (!result.ok) return { ok: false, reason: result.error }
      const user = withAuthenticatedGroup(result.user)
      env.tokenCache[credential.token] = { user, expiresAtMs: env.nowMs + TOKEN_SUCCESS_TTL_MS }
      return {
        ok: true,
        user,
        method: 'serviceaccount-token',
        detail: SERVICE_ACCOUNT_TOKEN,
      }
    }
    case 'anonymous':
      return {
        ok: true,
        user: { name: ANONYMOUS, groups: [ALL_UNAUTHENTICATED] },
        method: 'anonymous',
        detail: ANONYMOUS_REQUEST,
      }
  }
}

/** Drops expired entries so the cache stays bounded by the tokens used in the last 10 s. */
export function pruneTokenCache(env: Pick<AuthnEnvironment, 'tokenCache' | 'nowMs'>): void {
  for (const [token, entry] of Object.entries(env.tokenCache))
    if (entry.expiresAtMs <= env.nowMs) delete env.tokenCache[token]
}
