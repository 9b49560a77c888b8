import { base64Decode, base64Encode, bytesToUtf8, utf8ToBytes } from '../../core/bytes'

/**
 * What a client presents to kube-apiserver: a client certificate (mutual TLS), a bearer token
 * in the Authorization header, or nothing at all (anonymous).
 */
export type Credential =
  | { type: 'x509'; certificate: ClientCertificate }
  | { type: 'bearer'; token: string }
  | { type: 'anonymous' }

/**
 * A client certificate as the x509 authenticator reads it: the subject's CN becomes the
 * username and each O a group, once the chain verifies against --client-ca-file.
 * NB: the sim's certificates are stand-ins that carry subject, issuer and validity, with no DER
 * encoding or key pair; "verifies" means the issuer is the cluster CA and it has not expired.
 * Source: staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go CommonNameUserConversion (v1.32)
 */
export interface ClientCertificate {
  commonName: string
  organizations: string[]
  /** The CA that signed it: "kubernetes" for the cluster CA kubeadm creates. */
  issuer: string
  serial: string
  notBeforeMs: number
  notAfterMs: number
}

/** Impersonation headers (Impersonate-User, Impersonate-Group), as kubectl --as/--as-group send. */
export interface Impersonation {
  user: string
  groups: string[]
}

// kubeadm's CA: CN=kubernetes, valid 10 years; leaf certificates 1 year (kubeadm constants.go CertificateValidity, v1.32).
export const CLUSTER_CA_NAME = 'kubernetes'
export const LEAF_VALIDITY_MS = 365 * 24 * 3600_000

export function clientCertificate(
  commonName: string,
  organizations: string[],
  serial: string,
  issuer = CLUSTER_CA_NAME,
): ClientCertificate {
  return { commonName, organizations, issuer, serial, notBeforeMs: 0, notAfterMs: LEAF_VALIDITY_MS }
}

export function x509(certificate: ClientCertificate): Credential {
  return { type: 'x509', certificate }
}

/** "CN=bob,O=developers" as openssl prints a subject. */
export function subjectText(certificate: ClientCertificate): string {
  return [`CN=${certificate.commonName}`, ...certificate.organizations.map((o) => `O=${o}`)].join(
    ', ',
  )
}

const PEM_HEAD = '-----BEGIN CERTIFICATE-----'
const PEM_TAIL = '-----END CERTIFICATE-----'

/** kubeconfig's client-certificate-data: base64 of a PEM block (the sim's body is JSON). */
export function certificateData(certificate: ClientCertificate): string {
  const body = base64Encode(utf8ToBytes(JSON.stringify(certificate)))
  const lines = body.match(/.{1,64}/g) ?? []
  return base64Encode(utf8ToBytes(`${PEM_HEAD}\n${lines.join('\n')}\n${PEM_TAIL}\n`))
}

/** Reads client-certificate-data back, or undefined when it is not a certificate. */
export function parseCertificateData(data: string): ClientCertificate | undefined {
  const pem = base64Decode(data)
  if (!pem.ok) return undefined
  const text = bytesToUtf8(pem.bytes)
  if (!text.startsWith(PEM_HEAD)) return undefined
  const body = base64Decode(text.slice(PEM_HEAD.length, text.indexOf(PEM_TAIL)).replace(/\s/g, ''))
  if (!body.ok) return undefined
  try {
    const parsed = JSON.parse(bytesToUtf8(body.bytes)) as ClientCertificate
    return typeof parsed.commonName === 'string' ? parsed : undefined
  } catch {
    return undefined
  }
}

/** A serial number derived from the subject, so certificates need no random draw. */
function serialFor(commonName: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < commonName.length; i++)
    hash = Math.imul(hash ^ commonName.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/**
 * A control-plane component's kubeconfig credential, as kubeadm issues them: a client
 * certificate signed by the cluster CA with CN = the component's user (scheduler.conf,
 * controller-manager.conf, kubelet.conf with O=system:nodes).
 * Source: cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go getKubeConfigSpecs (v1.32)
 */
export function componentCredential(commonName: string, organizations: string[] = []): Credential {
  return x509(clientCertificate(commonName, organizations, serialFor(commonName)))
}
