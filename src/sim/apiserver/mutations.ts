import type { Container, Pod, PodCondition } from 'kubernetes-types/core/v1'
import { tracksGeneration } from './generation'
import { simTimeToRfc3339 } from '../core/time'
import { deepCopy, writable, type KubeObject } from '../model/objects'
import { type ApiError, type FieldError, badRequest, conflict, invalid } from './status'
import { decodeAndDefault, validateUpdateOf } from './validation/prepare'
import type { Mutation } from './state'
import type { ResourceInfo } from './resources'
import { validateObject } from './validation/validate'
import { defaultObject } from './admission/object-defaults'
import { validateWorkloadUpdate } from './validation/workloads'
import { validateUpdate } from './services/hooks'
import { mergePatch, strategicMergePatch } from '../model/strategic-merge'
import { applyJsonPatch } from './subresources'
import { typedPatchResult } from './decoding/decode-patch'
import { kindOf } from './request-body'
import {
  applyPatch,
  maybeRecordUpdate,
  writerFor,
  type WriteManager,
} from './fieldmanager/apply-patch'
import type { Writer } from './fieldmanager/managed-fields'

export type MutationResult =
  { ok: true; object: KubeObject; deleteNow: boolean } | { ok: false; error: ApiError }

/** Deep equality of JSON values, whatever the key order (decoding does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, i) => sameJson(item, b[i]))
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left).filter((k) => left[k] !== undefined)
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false
  return keys.every((k) => sameJson(left[k], right[k]))
}

/**
 * The fields a Pod update may change. Source: ValidatePodUpdate, pkg/apis/core/validation/validation.go (v1.32).
 * NB: the real message appends a diff of the spec; we keep the sentence, which is what people read.
 */
const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)'

function podSpecChangeErrors(oldPod: Pod, newPod: Pod): FieldError[] {
  const strip = (pod: Pod) => {
    const spec = deepCopy(pod.spec) ?? { containers: [] }
    // A decoded spec may lack containers (a nil slice in Go); images are the part that may change.
    const containers = spec.containers as Container[] | undefined
    spec.containers = (containers ?? []).map((c) => ({ ...c, image: '' }))
    if (spec.initContainers)
      spec.initContainers = spec.initContainers.map((c) => ({ ...c, image: '' }))
    delete spec.activeDeadlineSeconds
    delete spec.tolerations
    delete spec.terminationGracePeriodSeconds
    return spec
  }
  return sameJson(strip(oldPod), strip(newPod))
    ? []
    : [{ type: 'FieldValueForbidden', field: 'spec', detail: POD_UPDATE_FORBIDDEN }]
}

/** Carries server-owned metadata over from the stored object, as rest.BeforeUpdate does. */
function keepServerFields(current: KubeObject, next: KubeObject): KubeObject {
  const metadata = { ...next.metadata }
  const old = current.metadata ?? {}
  for (const field of [
    'uid',
    'creationTimestamp',
    'namespace',
    'name',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'generateName',
  ] as const) {
    if (old[field] !== undefined) (metadata as Record<string, unknown>)[field] = old[field]
  }
  if (tracksGeneration(current.kind ?? '')) {
    // A Deployment's annotations are copied to its ReplicaSets, so changing them bumps the
    // generation too (deploymentStrategy.PrepareForUpdate, pkg/registry/apps/deployment, v1.32).
    const specChanged =
      !sameJson(current['spec'], next['spec']) ||
      (current.kind === 'Deployment' &&
        !sameJson(current.metadata?.annotations, next.metadata?.annotations))
    metadata.generation = (old.generation ?? 1) + (specChanged ? 1 : 0)
  } else delete metadata.generation
  const out: KubeObject = { ...next, metadata }
  if (current.apiVersion !== undefined) out.apiVersion = current.apiVersion
  if (current.kind !== undefined) out.kind = current.kind
  return out
}

/** A kind's update preparation (the Service storage keeps its allocations); an error stops it. */
export type PrepareUpdate = (
  info: ResourceInfo,
  current: KubeObject,
  next: KubeObject,
) => ApiError | undefined

function updateMain(
  info: ResourceInfo,
  current: KubeObject,
  candidate: KubeObject,
  prepare?: PrepareUpdate,
): MutationResult {
  const next = keepServerFields(current, candidate)
  // The body (or the patched object) is decoded, so defaulted, like a create's.
  defaultObject(info.kind, next)
  // Strategies reset status on main-resource updates: status is written through /status only.
  if (current['status'] !== undefined) next['status'] = current['status']
  const decodeError = decodeAndDefault(info, next)
  if (decodeError !== undefined)
    return {
      ok: false,
      error: badRequest(
        `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${decodeError}`,
      ),
    }
  const prepared = prepare?.(info, current, next)
  if (prepared) return { ok: false, error: prepared }
  const errors = [
    ...validateUpdate(info, current, next),
    ...validateObject(info, next),
    ...validateUpdateOf(info, current, next),
  ]
  if (info.kind === 'Pod') errors.push(...podSpecChangeErrors(current as Pod, next as Pod))
  errors.push(...validateWorkloadUpdate(info.kind, current, next))
  if (errors.length > 0)
    return { ok: false, error: invalid(info, current.metadata?.name ?? '', errors) }
  return { ok: true, object: next, deleteNow: false }
}

function updateStatus(current: KubeObject, candidate: KubeObject): MutationResult {
  const next = deepCopy(current)
  next['status'] = candidate['status']
  // The Deployment status strategy keeps spec and labels but not annotations, which is how the
  // controller records the revision (deploymentStatusStrategy.PrepareForUpdate, v1.32).
  if (current.kind === 'Deployment' && candidate.metadata?.annotations !== undefined)
    next.metadata = { ...next.metadata, annotations: candidate.metadata.annotations }
  return { ok: true, object: next, deleteNow: false }
}

/** A 409 Conflict with assignPod's own message instead of the generic one. */
function bindConflict(info: ResourceInfo, name: string, message: string): MutationResult {
  const error = conflict(info, name)
  return { ok: false, error: { ...error, status: { ...error.status, message } } }
}

function bindPod(
  info: ResourceInfo,
  current: KubeObject,
  nodeName: string,
  nowMs: number,
): MutationResult {
  const pod = deepCopy(current) as Pod
  const name = pod.metadata?.name ?? ''
  // Source: assignPod / setPodHostAndAnnotations, pkg/registry/core/pod/storage/storage.go (v1.32)
  if (pod.metadata?.deletionTimestamp) {
    return bindConflict(info, name, `pod ${name} is being deleted, cannot be assigned to a host`)
  }
  if (pod.spec?.nodeName) {
    return bindConflict(
      info,
      name,
      `pod ${name} is already assigned to node "${pod.spec.nodeName}"`,
    )
  }
  if (pod.spec) pod.spec.nodeName = nodeName
  const scheduled: PodCondition = {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: simTimeToRfc3339(nowMs),
  }
  const status = writable(pod).status ?? {}
  status.conditions = [
    ...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
    scheduled,
  ]
  writable(pod).status = status
  return { ok: true, object: pod as KubeObject, deleteNow: false }
}

function gracefulDelete(
  current: KubeObject,
  requestedGrace: number | undefined,
  nowMs: number,
): MutationResult {
  const pod = deepCopy(current) as Pod
  const specGrace = pod.spec?.terminationGracePeriodSeconds ?? 30
  // An unscheduled pod has no kubelet to stop it, and a finished one has nothing left to stop:
  // delete at once (podStrategy.CheckGracefulDelete, pkg/registry/core/pod/strategy.go, v1.32).
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
  const grace = !pod.spec?.nodeName || finished ? 0 : (requestedGrace ?? specGrace)
  if (grace === 0) return { ok: true, object: current, deleteNow: true }
  const existing = pod.metadata?.deletionGracePeriodSeconds
  const metadata = writable(pod.metadata ?? {})
  if (existing === undefined || grace < existing) {
    metadata.deletionGracePeriodSeconds = grace
    metadata.deletionTimestamp = simTimeToRfc3339(nowMs + grace * 1000)
  }
  pod.metadata = metadata
  return { ok: true, object: pod as KubeObject, deleteNow: false }
}

/** Who writes, for managedFields: the request's manager and the subresource it wrote through. */
export interface Recording {
  manager: WriteManager
  subresource?: string | undefined
}

/**
 * Applies one mutation to the current stored object, and records the writer in managedFields
 * (an Update; server-side apply records its own Apply entry). Pure except for reading `nowMs`.
 */
export function applyMutation(
  info: ResourceInfo,
  current: KubeObject,
  mutation: Mutation,
  nowMs: number,
  prepare?: PrepareUpdate,
  recording?: Recording,
): MutationResult {
  const result = mutate(info, current, mutation, nowMs, prepare, recording)
  const recordsUpdate =
    mutation.type !== 'apply' && mutation.type !== 'bind' && mutation.type !== 'graceful-delete'
  if (!result.ok || !recordsUpdate || !recording) return result
  const writer = writerFor(info, recording.manager, recording.subresource, nowMs)
  const object = maybeRecordUpdate(current, result.object, writer, recording.manager.named)
  return { ...result, object }
}

function mutate(
  info: ResourceInfo,
  current: KubeObject,
  mutation: Mutation,
  nowMs: number,
  prepare: PrepareUpdate | undefined,
  recording: Recording | undefined,
): MutationResult {
  const name = current.metadata?.name ?? ''
  switch (mutation.type) {
    case 'replace':
    case 'replace-status':
      if (
        mutation.expectedRv !== undefined &&
        mutation.expectedRv !== '' &&
        mutation.expectedRv !== current.metadata?.resourceVersion
      ) {
        return { ok: false, error: conflict(info, name) }
      }
      return mutation.type === 'replace'
        ? updateMain(info, current, mutation.object, prepare)
        : updateStatus(current, mutation.object)
    case 'merge-patch':
    case 'merge-patch-status': {
      const patch = mutation.patch
      // A patch that names a resourceVersion is a precondition: stale means 409 (patch.go).
      const rv = patch.patch.metadata?.resourceVersion
      if (rv !== undefined && rv !== '' && rv !== current.metadata?.resourceVersion)
        return { ok: false, error: conflict(info, name) }
      const patched =
        patch.type === 'json'
          ? applyJsonPatch(current, patch.ops ?? [])
          : patchWith(current, patch.patch, patch.type === 'strategic')
      if (isStatusError(patched)) return { ok: false, error: patched }
      // The patched map goes back through the kind's Go type: nothing mistyped is stored.
      const kind = kindOf(info)
      const typed = kind
        ? typedPatchResult(kind, patched, patch)
        : { ok: true as const, object: patched }
      if (!typed.ok) return { ok: false, error: typed.error }
      return mutation.type === 'merge-patch'
        ? updateMain(info, current, typed.object, prepare)
        : updateStatus(current, typed.object)
    }
    case 'apply': {
      const manager = recording?.manager ?? { manager: '', named: true }
      const writer = writerFor(info, manager, undefined, nowMs)
      return applyToCurrent(info, current, mutation, writer, prepare)
    }
    case 'bind':
      return bindPod(info, current, mutation.nodeName, nowMs)
    case 'graceful-delete':
      return gracefulDelete(current, mutation.gracePeriodSeconds, nowMs)
  }
}

/** Server-side apply onto the stored object, then the same update path as any other write. */
function applyToCurrent(
  info: ResourceInfo,
  current: KubeObject,
  mutation: Extract<Mutation, { type: 'apply' }>,
  writer: Writer,
  prepare: PrepareUpdate | undefined,
): MutationResult {
  const kind = kindOf(info)
  if (!kind) return { ok: false, error: badRequest(`${info.kind} does not support apply`) }
  const target = { name: current.metadata?.name ?? '', namespace: current.metadata?.namespace }
  const applied = applyPatch(kind, target, current, mutation.patch, writer, mutation.force)
  if (!applied.ok) return applied
  const typed = typedPatchResult(kind, applied.object, { ...mutation.patch, validation: 'Ignore' })
  if (!typed.ok) return { ok: false, error: typed.error }
  return updateMain(info, current, typed.object, prepare)
}

const isStatusError = (value: KubeObject | ApiError): value is ApiError =>
  'code' in value && 'status' in value && typeof value.code === 'number'

function patchWith(current: KubeObject, patch: KubeObject, strategic: boolean): KubeObject {
  return (
    strategic ? strategicMergePatch(current, patch) : mergePatch(current, patch)
  ) as KubeObject
}

export { mergePatch }
