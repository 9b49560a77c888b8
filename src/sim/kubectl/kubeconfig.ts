import { API_SERVER_URL } from '../runtime/api-client'
import { base64Encode, utf8ToBytes } from '../core/bytes'
import {
  certificateData,
  clientCertificate,
  parseCertificateData,
  type Credential,
  type Impersonation,
} from '../apiserver/authn/credentials'
import type { ClusterPki } from '../apiserver/authn/pki'

/**
 * The student's ~/.kube/config, as kubeadm's admin.conf plus the lab's extra users.
 * Source: k8s.io/client-go/tools/clientcmd/api/v1/types.go (v1.32)
 */
export interface KubeconfigCluster {
  name: string
  server: string
  certificateAuthorityData: string
}

export interface KubeconfigUser {
  name: string
  clientCertificateData?: string
  clientKeyData?: string
  token?: string
}

export interface KubeconfigContext {
  name: string
  cluster: string
  user: string
  namespace?: string
}

export interface Kubeconfig {
  clusters: KubeconfigCluster[]
  users: KubeconfigUser[]
  contexts: KubeconfigContext[]
  currentContext: string
}

export const KUBECONFIG_PATH = '/home/student/.kube/config'

const pem = (label: string, body: string): string =>
  base64Encode(utf8ToBytes(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`))

function certUser(
  name: string,
  cn: string,
  organizations: string[],
  serial: string,
): KubeconfigUser {
  return {
    name,
    clientCertificateData: certificateData(clientCertificate(cn, organizations, serial)),
    clientKeyData: pem('RSA PRIVATE KEY', `(the private key of ${cn}'s certificate)`),
  }
}

/** admin (kubeadm's admin.conf user), bob, alice and the ci-bot ServiceAccount token. */
export function defaultKubeconfig(pki: ClusterPki): Kubeconfig {
  const context = (user: string, namespace?: string): KubeconfigContext => ({
    name: `${user}@kubernetes`,
    cluster: 'kubernetes',
    user,
    ...(namespace !== undefined ? { namespace } : {}),
  })
  return {
    clusters: [
      {
        name: 'kubernetes',
        server: API_SERVER_URL,
        certificateAuthorityData: pem('CERTIFICATE', `(the cluster CA "${pki.clientCaName}")`),
      },
    ],
    users: [
      certUser('kubernetes-admin', 'kubernetes-admin', ['kubeadm:cluster-admins'], '01'),
      certUser('bob', 'bob', [], '02'),
      certUser('alice', 'alice', ['developers'], '03'),
      { name: 'ci-bot', token: pki.lab.token },
    ],
    contexts: [
      context('kubernetes-admin'),
      context('bob', 'default'),
      context('alice', 'default'),
      context('ci-bot', 'default'),
    ],
    currentContext: 'kubernetes-admin@kubernetes',
  }
}

/** How kubectl found its way for one command: what the "how did kubectl find the API server?" view shows. */
export interface Resolved {
  context: string
  cluster: KubeconfigCluster
  user: KubeconfigUser
  credential: Credential
  namespace: string
  impersonate?: Impersonation
}

/**
 * clientcmd's resolution: --context (or current-context) picks a context, whose cluster and
 * user are looked up (--cluster/--user override them); -n beats the context's namespace,
 * which beats "default"; --as/--as-group add impersonation headers.
 * Error texts: staging/src/k8s.io/client-go/tools/clientcmd/validation.go (v1.32), captured from kubectl.
 */
export function resolveKubeconfig(
  config: Kubeconfig,
  flags: Record<string, string>,
  asGroups: string[],
): Resolved | string {
  const contextName = flags['context'] ?? config.currentContext
  const context = config.contexts.find((c) => c.name === contextName)
  if (!context && flags['context'] !== undefined)
    return `Error in configuration: context was not found for specified context: ${contextName}`
  if (!context && (flags['user'] === undefined || flags['cluster'] === undefined))
    return 'error: current-context is not set'
  const userName = flags['user'] ?? context?.user ?? ''
  const clusterName = flags['cluster'] ?? context?.cluster ?? ''
  const user = config.users.find((u) => u.name === userName)
  if (!user) return `error: auth info "${userName}" does not exist`
  const cluster = config.clusters.find((c) => c.name === clusterName)
  if (!cluster) return `error: no server found for cluster "${clusterName}"`
  const credential = credentialOf(user)
  const resolved: Resolved = {
    context: contextName,
    cluster: flags['server'] !== undefined ? { ...cluster, server: flags['server'] } : cluster,
    user,
    credential,
    namespace: flags['namespace'] ?? context?.namespace ?? 'default',
  }
  const as = flags['as']
  if (as !== undefined || asGroups.length > 0)
    resolved.impersonate = { user: as ?? '', groups: asGroups }
  return resolved
}

export function credentialOf(user: KubeconfigUser): Credential {
  if (user.token !== undefined) return { type: 'bearer', token: user.token }
  const certificate =
    user.clientCertificateData !== undefined
      ? parseCertificateData(user.clientCertificateData)
      : undefined
  return certificate ? { type: 'x509', certificate } : { type: 'anonymous' }
}
