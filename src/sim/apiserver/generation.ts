/**
 * The kinds whose registry strategy keeps metadata.generation: set to 1 on create and bumped
 * when the spec changes. Every other kind served here leaves it unset, so `kubectl get secret
 * -o yaml` shows no generation, as on a real v1.32 cluster (Pods only gained one in v1.33).
 * Sources (v1.32): pkg/registry/apps/deployment/strategy.go, replicaset/strategy.go,
 * daemonset/strategy.go and pkg/registry/batch/job/strategy.go (PrepareForCreate:
 * Generation = 1; PrepareForUpdate: Generation++ when the spec changed).
 */
const TRACKS_GENERATION: ReadonlySet<string> = new Set([
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'Job',
])

export const tracksGeneration = (kind: string): boolean => TRACKS_GENERATION.has(kind)
