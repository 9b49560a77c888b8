/**
 * Subresources and patch types kubectl's workload commands use:
 * - /scale (autoscaling/v1 Scale) on Deployments and ReplicaSets: `kubectl scale` PATCHes it;
 * - /eviction (policy/v1 Eviction) on Pods: `kubectl drain` POSTs one per pod, which deletes the
 *   pod gracefully (no PodDisruptionBudget exists here, so nothing is refused);
 * - JSON patch (RFC 6902 add / replace / remove), which `kubectl rollout undo` sends.
 * Sources (v1.32): pkg/registry/apps/deployment/storage/storage.go (ScaleREST),
 * pkg/registry/core/pod/storage/eviction.go, staging/src/k8s.io/apiserver/pkg/endpoints/
 * handlers/patch.go (jsonPatcher).
 */
import type { KubeObject } from '../model/objects'
import { badRequest, type ApiError } from './status'

export interface JsonPatchOp {
  op: string
  path: string
  value?: unknown
}

/** The autoscaling/v1 Scale a /scale request answers with. */
export function scaleOf(object: KubeObject): KubeObject {
  const spec = object['spec'] as
    { replicas?: number; selector?: { matchLabels?: Record<string, string> } } | undefined
  const status = object['status'] as { replicas?: number } | undefined
  const selector = Object.entries(spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: Object.fromEntries(
      (['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp'] as const).flatMap(
        (k) => (object.metadata?.[k] !== undefined ? [[k, object.metadata[k]]] : []),
      ),
    ),
    spec: { replicas: spec?.replicas ?? 1 },
    status: { replicas: status?.replicas ?? 0, selector },
  }
}

/** The main-object patch a /scale patch stands for: only spec.replicas may change. */
export function scalePatch(body: KubeObject): KubeObject {
  const replicas = (body['spec'] as { replicas?: number } | undefined)?.replicas
  return replicas === undefined ? {} : { spec: { replicas } }
}

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~')

/** Applies RFC 6902 add / replace / remove operations. Pure. */
export function applyJsonPatch(
  target: KubeObject,
  ops: readonly JsonPatchOp[],
): KubeObject | ApiError {
  const root = JSON.parse(JSON.stringify(target)) as Record<string, unknown>
  for (const op of ops) {
    const tokens = op.path.split('/').slice(1).map(unescape)
    const last = tokens.pop()
    let parent: unknown = root
    for (const token of tokens)
      parent =
        parent !== null && typeof parent === 'object'
          ? (parent as Record<string, unknown>)[token]
          : undefined
    if (last === undefined || parent === null || typeof parent !== 'object')
      return badRequest(`the server rejected our request due to an error in our request`)
    const container = parent as Record<string, unknown>
    if (op.op === 'remove') delete container[last]
    else if (op.op === 'add' || op.op === 'replace') container[last] = op.value
    else return badRequest(`Unexpected kind: ${op.op}`)
  }
  return root
}
