/**
 * JSON merge patch (RFC 7386) and the strategic-merge-patch subset kubectl and kubelets use:
 * lists of named things (containers, conditions ...) merge by their patchMergeKey instead of
 * being replaced. Source: patchMergeKey tags in k8s.io/api core/v1/types.go and
 * apimachinery/pkg/util/strategicpatch/patch.go (v1.32).
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  ports: 'containerPort',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  conditions: 'type',
  containerStatuses: 'name',
  initContainerStatuses: 'name',
}

const isObject = (v: unknown): v is Record<string, Json> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** RFC 7386: objects merge recursively, null deletes a key, anything else replaces. Pure. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else result[key] = mergePatch(result[key], value)
  }
  return result
}

function mergeList(target: unknown, patch: Json[], mergeKey: string): unknown[] {
  const result: unknown[] = Array.isArray(target) ? [...(target as unknown[])] : []
  for (const item of patch) {
    if (!isObject(item) || item[mergeKey] === undefined) {
      result.push(item)
      continue
    }
    const index = result.findIndex(
      (existing) => isObject(existing) && existing[mergeKey] === item[mergeKey],
    )
    if (index >= 0) result[index] = strategicMergePatch(result[index], item)
    else result.push(item)
  }
  return result
}

/** Strategic merge patch for the list keys above; otherwise the same as mergePatch. Pure. */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    const mergeKey = MERGE_KEYS[key]
    if (value === null) delete result[key]
    else if (mergeKey !== undefined && Array.isArray(value))
      result[key] = mergeList(result[key], value, mergeKey)
    else result[key] = strategicMergePatch(result[key], value)
  }
  return result
}
