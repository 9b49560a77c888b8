import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'

/**
 * The served API server's certificates, as kubeadm lays them out: a cluster CA ("kubernetes"),
 * the API server's serving certificate for the loopback names, and the admin's client
 * certificate (kubeadm's admin.conf user). Kept in a directory, like /etc/kubernetes/pki, so a
 * restarted server keeps the kubeconfig users already hold.
 * Source: cmd/kubeadm/app/phases/certs/certlist.go and constants.go (v1.32): CA CommonName
 * "kubernetes", API server CommonName "kube-apiserver", admin "kubernetes-admin" in the
 * "kubeadm:cluster-admins" group; CA valid 10 years, leaf certificates 1 year.
 */
export interface Pki {
  caCert: string
  serverCert: string
  serverKey: string
  clientCert: string
  clientKey: string
}

export const ADMIN_USER = 'kubernetes-admin'
export const ADMIN_GROUP = 'kubeadm:cluster-admins'
const CA_YEARS = 10
const LEAF_YEARS = 1
const FILES: Record<keyof Pki, string> = {
  caCert: 'ca.crt',
  serverCert: 'apiserver.crt',
  serverKey: 'apiserver.key',
  clientCert: 'admin.crt',
  clientKey: 'admin.key',
}

interface KeyPair {
  privateKey: forge.pki.rsa.PrivateKey
  publicKey: forge.pki.rsa.PublicKey
  pem: string
}

// RSA keys come from Node's native generator (milliseconds); forge only builds and signs.
function newKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
  return {
    privateKey: forge.pki.privateKeyFromPem(pem),
    publicKey: forge.pki.publicKeyFromPem(
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ),
    pem,
  }
}

function certificate(
  subject: forge.pki.CertificateField[],
  keys: KeyPair,
  years: number,
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  // A positive serial (the high bit clear), as RFC 5280 asks.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`
  const now = new Date()
  cert.validity.notBefore = new Date(now.getTime() - 5 * 60_000)
  cert.validity.notAfter = new Date(now.getTime() + years * 365 * 24 * 3600_000)
  cert.setSubject(subject)
  cert.setExtensions(extensions)
  return cert
}

function generate(): Pki {
  const caKeys = newKeyPair()
  const caName = [{ name: 'commonName', value: 'kubernetes' }]
  const ca = certificate(caName, caKeys, CA_YEARS, [
    { name: 'basicConstraints', cA: true, critical: true },
    {
      name: 'keyUsage',
      keyCertSign: true,
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'subjectKeyIdentifier' },
  ])
  ca.setIssuer(caName)
  ca.sign(caKeys.privateKey, forge.md.sha256.create())
  const leaf = (subject: forge.pki.CertificateField[], usage: object, extra: object[] = []) => {
    const keys = newKeyPair()
    const cert = certificate(subject, keys, LEAF_YEARS, [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', ...usage },
      ...extra,
    ])
    cert.setIssuer(caName)
    cert.sign(caKeys.privateKey, forge.md.sha256.create())
    return { cert: forge.pki.certificateToPem(cert), key: keys.pem }
  }
  const server = leaf([{ name: 'commonName', value: 'kube-apiserver' }], { serverAuth: true }, [
    {
      name: 'subjectAltName',
      altNames: [
        ...['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'].map(
          (value) => ({ type: 2, value }),
        ),
        { type: 2, value: 'kubernetes.default.svc.cluster.local' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
  ])
  const client = leaf(
    [
      { name: 'organizationName', value: ADMIN_GROUP },
      { name: 'commonName', value: ADMIN_USER },
    ],
    { clientAuth: true },
  )
  return {
    caCert: forge.pki.certificateToPem(ca),
    serverCert: server.cert,
    serverKey: server.key,
    clientCert: client.cert,
    clientKey: client.key,
  }
}

/** Whether the stored certificates can still be used: all present, the leaves not expiring within a day. */
function usable(pki: Partial<Pki>): pki is Pki {
  if (Object.keys(FILES).some((k) => pki[k as keyof Pki] === undefined)) return false
  const dayAhead = Date.now() + 24 * 3600_000
  return [pki.caCert, pki.serverCert, pki.clientCert].every(
    (pem) => new Date(new X509Certificate(pem as string).validTo).getTime() > dayAhead,
  )
}

/** Loads the certificates from `dir`, or makes new ones there (0600 keys) when missing or expiring. */
export function ensurePki(dir: string): Pki {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stored: Partial<Pki> = {}
  for (const [field, file] of Object.entries(FILES)) {
    const path = join(dir, file)
    if (existsSync(path)) stored[field as keyof Pki] = readFileSync(path, 'utf8')
  }
  try {
    if (usable(stored)) return stored
  } catch {
    // An unreadable certificate is replaced like a missing one.
  }
  const pki = generate()
  for (const [field, file] of Object.entries(FILES))
    writeFileSync(join(dir, file), pki[field as keyof Pki], { mode: 0o600 })
  return pki
}
