/**
 * The Deployment controller's arithmetic, as pure functions over Deployments and ReplicaSets.
 * Source: pkg/controller/deployment/util/deployment_util.go and
 * staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go (v1.32).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { rfc3339ToSimTime } from '../../core/time'

// Annotation keys: pkg/controller/deployment/util/deployment_util.go (v1.32)
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history'
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas'
// DefaultDeploymentUniqueLabelKey: k8s.io/api apps/v1 types.go (v1.32)
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash'
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause'
// Annotations the controller never copies from a Deployment to its ReplicaSets.
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
])

export type IntOrPercent = number | string

/** GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. */
export function scaledValue(
  value: IntOrPercent | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  const percent = Number(value.replace(/%$/, ''))
  if (!Number.isFinite(percent)) return 0
  const scaled = (percent * total) / 100
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled)
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and if both come to 0
 * maxUnavailable becomes 1 so a rollout can always move.
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent | undefined,
  maxUnavailable: IntOrPercent | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true)
  const unavailable = scaledValue(maxUnavailable, desired, false)
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable }
}

export const replicasOf = (d: { spec?: { replicas?: number } }): number => d.spec?.replicas ?? 1
export const isRollingUpdate = (d: Deployment): boolean =>
  (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate'

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0
  const rolling = d.spec?.strategy?.rollingUpdate
  return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, replicasOf(d)).surge
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0
  const rolling = d.spec?.strategy?.rollingUpdate
  const { unavailable } = resolveFenceposts(
    rolling?.maxSurge,
    rolling?.maxUnavailable,
    replicasOf(d),
  )
  return Math.min(unavailable, replicasOf(d))
}

const sum = (rss: readonly (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number): number =>
  rss.reduce((n, rs) => n + (rs ? f(rs) : 0), 0)

/** GetReplicaCountForReplicaSets: the replicas the ReplicaSets want (spec). */
export const specReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  sum(rss, (rs) => rs.spec?.replicas ?? 1)
/** GetActualReplicaCountForReplicaSets: the pods they have (status.replicas). */
export const actualReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  sum(rss, (rs) => rs.status?.replicas ?? 0)
export const readyReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  sum(rss, (rs) => rs.status?.readyReplicas ?? 0)
export const availableReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  sum(rss, (rs) => rs.status?.availableReplicas ?? 0)

export const createdMs = (o: { metadata?: { creationTimestamp?: string } }): number =>
  rfc3339ToSimTime(o.metadata?.creationTimestamp ?? '') ?? 0

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return (
    createdMs(a) - createdMs(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '')
  )
}

export function revisionOf(rs: { metadata?: { annotations?: Record<string, string> } }): number {
  const text = rs.metadata?.annotations?.[REVISION_ANNOTATION]
  const n = text === undefined ? 0 : Number.parseInt(text, 10)
  return Number.isFinite(n) ? n : 0
}

export const maxRevision = (rss: readonly ReplicaSet[]): number =>
  rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0)

function withoutHash(template: PodTemplateSpec | undefined): string {
  const labels = { ...template?.metadata?.labels }
  delete labels[POD_TEMPLATE_HASH_LABEL]
  // Key order is no part of a Go struct's value (apiequality.Semantic.DeepEqual).
  return JSON.stringify(canonical({ ...template, metadata: { ...template?.metadata, labels } }))
}

/** EqualIgnoreHash: the same pod template, ignoring the pod-template-hash label. */
export const equalIgnoreHash = (a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined) =>
  withoutHash(a) === withoutHash(b)

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(
  d: Deployment,
  rss: readonly ReplicaSet[],
): ReplicaSet | undefined {
  return [...rss]
    .sort(byCreation)
    .find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template))
}

/** FilterActiveReplicaSets: those that still want pods. */
export const activeReplicaSets = (rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] =>
  rss.filter((rs): rs is ReplicaSet => rs !== undefined && (rs.spec?.replicas ?? 1) > 0)

/**
 * ComputeHash: FNV-32a over the pod template (plus the collision count), then
 * rand.SafeEncodeString of its decimal form, so the suffix uses only "bcdfghjklmnpqrstvwxz2456789".
 * NB: upstream hashes the Go struct as spew prints it; the sim hashes its JSON, so the same
 * template gets a different (but as stable) suffix than a real cluster would give.
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount = 0): string {
  let hash = 0x811c9dc5
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i) & 0xff
      hash = Math.imul(hash, 0x01000193)
    }
  }
  feed(JSON.stringify(canonical(template)))
  if (collisionCount > 0) feed(`#${collisionCount}`)
  return safeEncodeString(String(hash >>> 0))
}

// rand.SafeEncodeString's alphabet: no vowels, no confusable characters (apimachinery util/rand).
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
function safeEncodeString(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET.charAt(text.charCodeAt(i) % 27)
  return out
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    )
  return value
}

/** The Deployment's annotations a ReplicaSet should carry (copyDeploymentAnnotationsToReplicaSet). */
export function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const target = (rs.metadata ??= {})
  const annotations = (target.annotations ??= {})
  let changed = false
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || annotations[k] === v) continue
    annotations[k] = v
    changed = true
  }
  return changed
}

/** SetReplicasAnnotations: desired-replicas and max-replicas on a ReplicaSet. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const target = (rs.metadata ??= {})
  const annotations = (target.annotations ??= {})
  if (
    annotations[DESIRED_REPLICAS_ANNOTATION] === String(desired) &&
    annotations[MAX_REPLICAS_ANNOTATION] === String(max)
  )
    return false
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired)
  annotations[MAX_REPLICAS_ANNOTATION] = String(max)
  return true
}

/** SetNewReplicaSetAnnotations: copy annotations, raise the revision, keep a revision history. */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
): boolean {
  let changed = copyAnnotations(d, rs)
  const annotations = rs.metadata?.annotations ?? {}
  const oldText = annotations[REVISION_ANNOTATION]
  const oldRevision = oldText === undefined ? 0 : Number.parseInt(oldText, 10)
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision)
    changed = true
    if (oldText !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION]
      annotations[REVISION_HISTORY_ANNOTATION] = history ? `${history},${oldText}` : oldText
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d)))
    changed = true
  return changed
}
