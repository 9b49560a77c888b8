import { parseCertificateData } from '../apiserver/authn/credentials'
import { decodeJwt } from '../apiserver/authn/jwt'
import { SIM_EPOCH_UNIX_MS } from '../core/time'
import { KUBECONFIG_PATH, type Kubeconfig } from './kubeconfig'

/**
 * The kubeconfig as the "how does kubectl find the API server?" view explains it: which file,
 * which context, that context's cluster (server URL, CA) and user (what credential: a client
 * certificate's subject, or a token's claims, decoded as jwt.io would).
 */
export interface KubeconfigUserView {
  name: string
  credential: 'client certificate' | 'bearer token' | 'none'
  /** Certificate subject: CN becomes the username, each O a group. */
  commonName?: string
  organizations?: string[]
  issuer?: string
  /** A token's claims: sub is the username (system:serviceaccount:<ns>:<name>). */
  tokenClaims?: { sub: string; iss: string; aud: string[]; expiresMs?: number }
}

export interface KubeconfigView {
  path: string
  currentContext: string
  contexts: { name: string; cluster: string; user: string; namespace?: string }[]
  clusters: { name: string; server: string; certificateAuthority: string }[]
  users: KubeconfigUserView[]
}

function userView(user: Kubeconfig['users'][number]): KubeconfigUserView {
  if (user.token !== undefined) {
    const jwt = decodeJwt(user.token)
    if (!jwt.ok) return { name: user.name, credential: 'bearer token' }
    const c = jwt.claims
    const aud = c['aud']
    return {
      name: user.name,
      credential: 'bearer token',
      tokenClaims: {
        sub: typeof c['sub'] === 'string' ? c['sub'] : '',
        iss: typeof c['iss'] === 'string' ? c['iss'] : '',
        aud: Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : [],
        ...(typeof c['exp'] === 'number' ? { expiresMs: c['exp'] * 1000 - SIM_EPOCH_UNIX_MS } : {}),
      },
    }
  }
  const cert =
    user.clientCertificateData !== undefined
      ? parseCertificateData(user.clientCertificateData)
      : undefined
  if (!cert) return { name: user.name, credential: 'none' }
  return {
    name: user.name,
    credential: 'client certificate',
    commonName: cert.commonName,
    organizations: cert.organizations,
    issuer: cert.issuer,
  }
}

export function kubeconfigView(config: Kubeconfig): KubeconfigView {
  return {
    path: KUBECONFIG_PATH,
    currentContext: config.currentContext,
    contexts: config.contexts.map((c) => ({ ...c })),
    clusters: config.clusters.map((c) => ({
      name: c.name,
      server: c.server,
      certificateAuthority: 'the cluster CA "kubernetes"',
    })),
    users: config.users.map(userView),
  }
}
