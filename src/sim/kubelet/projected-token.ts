import { serviceAccountUsername } from '../apiserver/authz/attributes'
import { decodeJwt } from '../apiserver/authn/jwt'
import { SERVICE_ACCOUNT_ISSUER } from '../apiserver/authn/service-account-token'
import { base64Decode, base64UrlEncode, utf8ToBytes } from '../core/bytes'
import type { KubeletState, PodWorker } from './state'
import type { PodFiles } from './volumes'

/**
 * The kubelet's token manager keeps every Pod's projected ServiceAccount token (and writes it to
 * the Pod's volume): a bound JWT of about a kilobyte, most of which says what the kubelet knows
 * already (issuer, audience, namespace, its own Node, the Pod). So the worker keeps the token as
 * the claims that vary and the signature, the rest referring to strings the kubelet holds
 * anyway, and `tokenText` rebuilds the exact same text when a container reads it. A token of
 * another shape than kube-apiserver v1.32's bound token (pkg/serviceaccount/claims.go Claims(),
 * as apiserver/authn/service-account-token.ts mints it) stays text: kept only when the rebuild
 * gives back every byte.
 */
export interface CompactToken {
  /** The JOSE header segment (one key, so one string for all of a kubelet's tokens). */
  header: string
  iat: number
  /** exp - iat. */
  lifetime: number
  jti: string
  nodeName: string
  nodeUid: string
  serviceAccount: string
  serviceAccountUid: string
  /** The signature segment (base64url). */
  signature: string
}

export type KeptToken = string | CompactToken

/**
 * A flat copy (JSON.parse makes a new sequential string): neither a slice that keeps the whole
 * token text alive nor a rope of the small pieces base64 was built from (~3 KB for 86 chars).
 */
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string

const encodeSegment = (value: unknown): string =>
  base64UrlEncode(utf8ToBytes(JSON.stringify(value)))

/** The token's text: `kept` itself, or the JWT rebuilt from its parts for `worker`'s Pod. */
export function tokenText(
  worker: Pick<PodWorker, 'name' | 'uid' | 'namespace'>,
  kept: KeptToken,
): string {
  if (typeof kept === 'string') return kept
  const claims = {
    aud: [SERVICE_ACCOUNT_ISSUER],
    exp: kept.iat + kept.lifetime,
    iat: kept.iat,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: kept.jti,
    'kubernetes.io': {
      namespace: worker.namespace,
      node: { name: kept.nodeName, uid: kept.nodeUid },
      pod: { name: worker.name, uid: worker.uid },
      serviceaccount: { name: kept.serviceAccount, uid: kept.serviceAccountUid },
    },
    nbf: kept.iat,
    sub: serviceAccountUsername(worker.namespace, kept.serviceAccount),
  }
  return `${kept.header}.${encodeSegment(claims)}.${kept.signature}`
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/** Keeps `token` (the TokenRequest's answer for `worker`'s Pod) compact when it rebuilds exactly. */
export function keepToken(state: KubeletState, worker: PodWorker, token: string): KeptToken {
  const decoded = decodeJwt(token)
  if (!decoded.ok) return token
  const claims = decoded.claims
  const priv = (claims['kubernetes.io'] ?? {}) as Record<string, Record<string, unknown>>
  const sa = priv['serviceaccount'] ?? {}
  const node = priv['node'] ?? {}
  const last = state.lastToken
  const signature = base64Decode(token.slice(token.lastIndexOf('.') + 1), 'url')
  if (!signature.ok) return token
  const header = encodeSegment(decoded.header)
  // Strings the kubelet holds already (or its last token does) instead of new copies.
  const same = (value: string, held: string | undefined) => (value === held ? held : flat(value))
  const nodeUid = text(node['uid'])
  const saName = text(sa['name'])
  const compact: CompactToken = {
    header: same(header, last?.header),
    iat: Number(claims['iat']),
    lifetime: Number(claims['exp']) - Number(claims['iat']),
    jti: text(claims['jti']),
    nodeName: same(text(node['name']), state.nodeName),
    nodeUid: same(nodeUid, nodeUid === state.nodeUid ? state.nodeUid : last?.nodeUid),
    serviceAccount: same(saName, worker.pod.spec?.serviceAccountName ?? last?.serviceAccount),
    serviceAccountUid: same(text(sa['uid']), last?.serviceAccountUid),
    signature: flat(base64UrlEncode(signature.bytes)),
  }
  if (tokenText(worker, compact) !== token) return token
  state.lastToken = compact
  return compact
}

/** The Pod's mounted files with its projected token kept compact (in its volume and for API calls). */
export function keepTokens(state: KubeletState, worker: PodWorker, files: PodFiles): PodFiles {
  const raw = files.token
  if (typeof raw !== 'string') return files
  const kept = keepToken(state, worker, raw)
  if (kept === raw) return files
  for (const volume of Object.values(files.volumes))
    if (volume['token'] === raw) volume['token'] = kept
  files.token = kept
  return files
}

/** One volume's files as a container reads them (the token as text). */
export function volumeFiles(worker: PodWorker, volume: string): [string, string][] {
  return Object.entries(worker.files?.volumes[volume] ?? {}).map(([name, content]) => [
    name,
    tokenText(worker, content),
  ])
}
