import { writeFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { ADMIN_USER, type Pki } from './pki'

const b64 = (pem: string): string => Buffer.from(pem).toString('base64')

/**
 * A kubeconfig for the served API server, shaped as kubeadm's admin.conf (cluster "kubernetes",
 * context "kubernetes-admin@kubernetes", the CA and the admin's client certificate inline).
 */
export function kubeconfigYaml(server: string, pki: Pki): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'kubernetes',
        cluster: { 'certificate-authority-data': b64(pki.caCert), server },
      },
    ],
    contexts: [
      {
        name: `${ADMIN_USER}@kubernetes`,
        context: { cluster: 'kubernetes', user: ADMIN_USER },
      },
    ],
    'current-context': `${ADMIN_USER}@kubernetes`,
    preferences: {},
    users: [
      {
        name: ADMIN_USER,
        user: {
          'client-certificate-data': b64(pki.clientCert),
          'client-key-data': b64(pki.clientKey),
        },
      },
    ],
  })
}

/** Writes the kubeconfig readable by its owner only (it holds a private key). */
export function writeKubeconfig(path: string, server: string, pki: Pki): void {
  writeFileSync(path, kubeconfigYaml(server, pki), { mode: 0o600 })
}
