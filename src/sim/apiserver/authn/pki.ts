import { nextUid } from '../../core/ids'
import type { RngState } from '../../core/rng'
import { CLUSTER_CA_NAME } from './credentials'
import { generateSigningKey, type SigningKey } from './jwt'
import { mintServiceAccountToken, SERVICE_ACCOUNT_ISSUER } from './service-account-token'

/**
 * What `kubeadm init` generates before anything runs: the cluster CA (here only its name), the
 * service-account signing key, and — for this lab — a ServiceAccount "ci-bot" in "default"
 * whose long-lived token sits in the student's kubeconfig. All drawn from the seeded rng.
 */
export interface ClusterPki {
  clientCaName: string
  serviceAccountKey: SigningKey
  lab: { namespace: string; name: string; uid: string; token: string }
}

// The lab token lives a year, like a token from `kubectl create token --duration=8760h`.
const LAB_TOKEN_SECONDS = 365 * 24 * 3600

export function createClusterPki(rng: RngState): ClusterPki {
  const serviceAccountKey = generateSigningKey(rng)
  const uid = nextUid(rng)
  const token = mintServiceAccountToken(serviceAccountKey, {
    namespace: 'default',
    serviceAccount: { name: 'ci-bot', uid },
    nowMs: 0,
    expirationSeconds: LAB_TOKEN_SECONDS,
    audiences: [SERVICE_ACCOUNT_ISSUER],
    jti: nextUid(rng),
  })
  return {
    clientCaName: CLUSTER_CA_NAME,
    serviceAccountKey,
    lab: { namespace: 'default', name: 'ci-bot', uid, token },
  }
}
