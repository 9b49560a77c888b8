import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'

export interface AuthenticatedUser {
  name: string
  groups: string[]
}

/**
 * The x509 client-certificate authenticator: a certificate the cluster CA signed names the user
 * (CommonName) and groups (Organization), plus system:authenticated.
 * Source: staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go (CommonNameUserConversion),
 * group/authenticated_group_adder.go (v1.32). Anonymous requests are refused except to the health
 * checks: see api-server.ts.
 */
export function authenticate(req: IncomingMessage): AuthenticatedUser | undefined {
  const socket = req.socket as Partial<TLSSocket>
  if (socket.authorized !== true || typeof socket.getPeerCertificate !== 'function')
    return undefined
  const cert = socket.getPeerCertificate()
  const subject = cert.subject as Record<string, string | string[] | undefined> | undefined
  const name = subject?.['CN']
  if (typeof name !== 'string' || name === '') return undefined
  const organizations = subject?.['O']
  const groups = organizations === undefined ? [] : [organizations].flat()
  return { name, groups: [...groups, 'system:authenticated'] }
}
