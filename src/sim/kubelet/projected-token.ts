import { serviceAccountUsername } from '../apiserver/authz/attributes'
import { decodeJwt } from '../apiserver/authn/jwt'
import { SERVICE_ACCOUNT_ISSUER } from '../apiserver/authn/service-account-token'
import { base64UrlEncode, utf8ToBytes } from '../core/bytes'
import { freezeShared } from '../core/share-clone'
import type { KubeletState, PodWorker } from './state'
import { OWN_TOKEN, type MountedVolume, type PodFiles } from './volumes'

/**
 * The kubelet's token manager keeps every Pod's projected ServiceAccount token (and writes it to
 * the Pod's volume): a bound JWT of about a kilobyte, most of which says what the kubelet knows
 * already (issuer, audience, namespace, its own Node, the Pod). So the worker keeps the token as
 * the claims that vary and the signature, the rest referring to strings the kubelet holds
 * anyway, and `tokenText` rebuilds the exact same text when a container reads it. A token of
 * another shape than kube-apiserver v1.32's bound token (pkg/serviceaccount/claims.go Claims(),
 * as apiserver/authn/service-account-token.ts mints it) stays text: kept only when the rebuild
 * gives back every byte. What the node's tokens for one ServiceAccount share (the header, the
 * lifetime, the Node and the ServiceAccount) is one value for all of them while they keep coming
 * alike: the next Pod's token refers to the last one's.
 */
export interface CompactToken {
  /** What the node's tokens for one ServiceAccount have in common: the last token's if equal. */
  issued: TokenIssue
  iat: number
  jti: string
  /** The signature segment (base64url). */
  signature: string
}

/** The parts of a bound token that are the same for every Pod of a ServiceAccount on a node. */
export interface TokenIssue {
  /** The JOSE header segment (one key, so one string for all of a kubelet's tokens). */
  readonly header: string
  /** exp - iat. */
  readonly lifetime: number
  readonly nodeName: string
  readonly nodeUid: string
  readonly serviceAccount: string
  readonly serviceAccountUid: string
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
  const issued = kept.issued
  const claims = {
    aud: [SERVICE_ACCOUNT_ISSUER],
    exp: kept.iat + issued.lifetime,
    iat: kept.iat,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: kept.jti,
    'kubernetes.io': {
      namespace: worker.namespace,
      node: { name: issued.nodeName, uid: issued.nodeUid },
      pod: { name: worker.name, uid: worker.uid },
      serviceaccount: { name: issued.serviceAccount, uid: issued.serviceAccountUid },
    },
    nbf: kept.iat,
    sub: serviceAccountUsername(worker.namespace, issued.serviceAccount),
  }
  return `${issued.header}.${encodeSegment(claims)}.${kept.signature}`
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/**
 * Keeps `token` (the TokenRequest's answer for `worker`'s Pod) compact when it rebuilds exactly,
 * with the strings of `last` (the kubelet's last kept token) where they are equal.
 */
export function keepToken(
  state: KubeletState,
  worker: PodWorker,
  token: string,
  last: CompactToken | undefined,
): KeptToken {
  const decoded = decodeJwt(token)
  if (!decoded.ok) return token
  const claims = decoded.claims
  const priv = (claims['kubernetes.io'] ?? {}) as Record<string, Record<string, unknown>>
  const sa = priv['serviceaccount'] ?? {}
  const node = priv['node'] ?? {}
  const header = token.slice(0, token.indexOf('.'))
  // Strings the kubelet holds already (or its last token does) instead of new copies.
  const same = (value: string, held: string | undefined) => (value === held ? held : flat(value))
  const nodeUid = text(node['uid'])
  const saName = text(sa['name'])
  const prior = last?.issued
  const issued: TokenIssue = {
    header: same(header, prior?.header),
    lifetime: Number(claims['exp']) - Number(claims['iat']),
    nodeName: same(text(node['name']), state.nodeName),
    nodeUid: same(nodeUid, nodeUid === state.nodeUid ? state.nodeUid : prior?.nodeUid),
    serviceAccount: same(saName, worker.pod.spec?.serviceAccountName ?? prior?.serviceAccount),
    serviceAccountUid: same(text(sa['uid']), prior?.serviceAccountUid),
  }
  const compact: CompactToken = {
    issued: prior !== undefined && sameIssue(prior, issued) ? prior : issued,
    iat: Number(claims['iat']),
    jti: text(claims['jti']),
    signature: flat(token.slice(token.lastIndexOf('.') + 1)),
  }
  return tokenText(worker, compact) === token ? compact : token
}

const sameIssue = (a: TokenIssue, b: TokenIssue): boolean =>
  a.header === b.header &&
  a.lifetime === b.lifetime &&
  a.nodeName === b.nodeName &&
  a.nodeUid === b.nodeUid &&
  a.serviceAccount === b.serviceAccount &&
  a.serviceAccountUid === b.serviceAccountUid

/**
 * The Pod's mounted files as the kubelet keeps them: the projected token compact (for API calls,
 * and OWN_TOKEN in its volume), and a file equal to the same file of the last Pod mounted on this
 * node (every Pod's kube-root-ca.crt) as that Pod's string: the kubelet's ConfigMap and Secret
 * managers cache each object once per node (pkg/kubelet/configmap, WatchBasedManager, v1.32).
 * Volumes equal to the last Pod's (a Pod of the same template) are that Pod's frozen list.
 */
export function keepMountedFiles(
  state: KubeletState,
  worker: PodWorker,
  files: PodFiles,
): PodFiles {
  const last = state.lastMounted
  const raw = files.token
  const lastToken = typeof last?.token === 'object' ? last.token : undefined
  const kept = typeof raw === 'string' ? keepToken(state, worker, raw, lastToken) : raw
  for (const [, volume] of files.volumes)
    for (const [name, content] of Object.entries(volume)) {
      if (raw !== undefined && content === raw) volume[name] = OWN_TOKEN
      else if (typeof content === 'string' && last !== undefined)
        volume[name] = sameFile(last, name, content) ?? content
    }
  if (kept !== undefined) files.token = kept
  if (last !== undefined && sameVolumes(last.volumes, files.volumes)) files.volumes = last.volumes
  // Mounted files never change: frozen, checkpoints share them (the next Pod's files refer here).
  state.lastMounted = freezeShared(files)
  return files
}

/** The string of a file `name` of `files` whose content equals `content`, if one does. */
function sameFile(files: PodFiles, name: string, content: string): string | undefined {
  for (const [, volume] of files.volumes) {
    const other = volume[name]
    if (other === content) return other
  }
  return undefined
}

/** Whether two Pods' mounted volumes list the same files (the same strings, tokens, order). */
function sameVolumes(a: readonly MountedVolume[], b: readonly MountedVolume[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const [indexA, filesA] = a[i] as MountedVolume
    const [indexB, filesB] = b[i] as MountedVolume
    if (indexA !== indexB) return false
    const keysA = Object.keys(filesA)
    const keysB = Object.keys(filesB)
    if (keysA.length !== keysB.length) return false
    for (let k = 0; k < keysA.length; k++)
      if (keysA[k] !== keysB[k] || filesA[keysA[k] as string] !== filesB[keysB[k] as string])
        return false
  }
  return true
}

/** One volume's files (by the Pod's volume name) as a container reads them (tokens as text). */
export function volumeFiles(
  worker: Pick<PodWorker, 'name' | 'uid' | 'namespace' | 'pod' | 'files'>,
  volume: string,
): [string, string][] {
  const index = worker.pod.spec?.volumes?.findIndex((v) => v.name === volume) ?? -1
  const mounted = worker.files?.volumes.find(([i]) => i === index)?.[1]
  const own = worker.files?.token
  return Object.entries(mounted ?? {}).map(([name, content]) => [
    name,
    content !== OWN_TOKEN
      ? tokenText(worker, content)
      : own === undefined
        ? ''
        : tokenText(worker, own),
  ])
}
