import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'

/** The subject of a verified client certificate: the simulated kube-apiserver authenticates it. */
export interface ClientSubject {
  commonName: string
  organizations: string[]
}

/**
 * The x509 client-certificate check: only a certificate the cluster CA signed gets past TLS and
 * here; its subject goes to the simulated kube-apiserver, whose x509 authenticator makes it the
 * user (CommonName) and groups (Organization), plus system:authenticated, and whose RBAC decides.
 * Source: staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go (CommonNameUserConversion),
 * group/authenticated_group_adder.go (v1.32). Anonymous requests are refused except to the health
 * checks: see api-server.ts.
 */
export function authenticate(req: IncomingMessage): ClientSubject | undefined {
  const socket = req.socket as Partial<TLSSocket>
  if (socket.authorized !== true || typeof socket.getPeerCertificate !== 'function')
    return undefined
  const cert = socket.getPeerCertificate()
  const subject = cert.subject as Record<string, string | string[] | undefined> | undefined
  const name = subject?.['CN']
  if (typeof name !== 'string' || name === '') return undefined
  const organizations = subject?.['O']
  return {
    commonName: name,
    organizations: organizations === undefined ? [] : [organizations].flat(),
  }
}

/**
 * The Impersonate-User and Impersonate-Group headers (kubectl --as, --as-group); the simulated
 * kube-apiserver checks the impersonate verb.
 */
export function impersonation(
  req: IncomingMessage,
): { user: string; groups: string[] } | undefined {
  const user = req.headers['impersonate-user']
  const group = req.headers['impersonate-group']
  const groups = group === undefined ? [] : [group].flat().flatMap((g) => g.split(/,\s*/))
  if (typeof user !== 'string' && groups.length === 0) return undefined
  return { user: typeof user === 'string' ? user : '', groups }
}
