import type { Container, Pod, Volume, VolumeMount } from 'kubernetes-types/core/v1'
import { generateName } from '../../core/ids'
import type { RngState } from '../../core/rng'
import type { KubeObject } from '../../model/objects'

// Source: plugin/pkg/admission/serviceaccount/admission.go (v1.32) and
// pkg/serviceaccount/util.go: the volume name prefix, mount path and the token's lifetime.
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
const VOLUME_PREFIX = 'kube-api-access-'
// WarnOnlyBoundTokenExpirationSeconds: 1 h + 7 s, so the API server can tell kubelet-projected
// tokens apart and extend them (pkg/serviceaccount/claims.go, v1.32).
export const PROJECTED_TOKEN_SECONDS = 3607
// corev1.ProjectedVolumeSourceDefaultMode = 0644.
const DEFAULT_MODE = 0o644

/** The projected volume the plugin adds: token, the cluster CA, and the namespace. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: DEFAULT_MODE,
      sources: [
        { serviceAccountToken: { expirationSeconds: PROJECTED_TOKEN_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [
              {
                path: 'namespace',
                fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
              },
            ],
          },
        },
      ],
    },
  }
}

/**
 * The ServiceAccount admission plugin for a new Pod: default the ServiceAccount to "default",
 * refuse the Pod if that account does not exist, and — unless the account or the Pod opts out
 * with automountServiceAccountToken: false — add the projected kube-api-access-<random> volume,
 * mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every container.
 * A mirror Pod (a kubelet's static Pod) is left as it is ("Don't modify the spec of mirror pods").
 * Returns the reason to forbid the Pod, or undefined.
 */
export function admitServiceAccount(
  pod: Pod,
  namespace: string,
  lookup: (namespace: string, name: string) => KubeObject | undefined,
  rng: RngState,
): string | undefined {
  const spec = pod.spec
  if (!spec) return undefined
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return undefined
  spec.serviceAccountName ||= 'default'
  spec.serviceAccount = spec.serviceAccountName
  const sa = lookup(namespace, spec.serviceAccountName)
  if (!sa)
    return `error looking up service account ${namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`
  const saAutomount = (sa as { automountServiceAccountToken?: boolean })
    .automountServiceAccountToken
  const automount = spec.automountServiceAccountToken ?? saAutomount ?? true
  if (!automount) return undefined
  mountToken(spec, rng)
  return undefined
}

/**
 * mountServiceAccountToken (admission.go, v1.32): every container (init containers first) that
 * has nothing mounted at the token path gets the read-only mount; the volume is added once, if
 * any container needed it, named after an existing kube-api-access-* volume if there is one.
 */
function mountToken(spec: NonNullable<Pod['spec']>, rng: RngState): void {
  const volumes = spec.volumes ?? []
  const existing = volumes.find((v) => v.name.startsWith(VOLUME_PREFIX))
  const volumeName = existing?.name ?? generateName(rng, VOLUME_PREFIX)
  const mount: VolumeMount = {
    name: volumeName,
    readOnly: true,
    mountPath: SERVICE_ACCOUNT_MOUNT_PATH,
  }
  let needed = false
  // A decoded spec may lack containers (nil in Go): validation reports it after admission.
  const containers = (spec.containers as Container[] | undefined) ?? []
  for (const container of [...(spec.initContainers ?? []), ...containers]) {
    const mounts = container.volumeMounts ?? []
    if (mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue
    container.volumeMounts = [...mounts, { ...mount }]
    needed = true
  }
  if (!existing && needed) spec.volumes = [...volumes, tokenVolume(volumeName)]
}
