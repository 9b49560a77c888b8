import type { Container, Pod, Volume, VolumeMount } from 'kubernetes-types/core/v1'

/**
 * The ServiceAccount admission plugin on a new Pod (plugin/pkg/admission/serviceaccount/
 * admission.go, v1.32): the "default" service account, and, unless automountServiceAccountToken
 * is false, a projected token volume `kube-api-access-xxxxx` mounted read-only at the API token
 * path in every container that has nothing mounted there. The volume is TokenVolumeSource():
 * a bound token (3607 s, WarnOnlyBoundTokenExpirationSeconds), the cluster CA from the
 * kube-root-ca.crt ConfigMap, and the namespace from the downward API. The plugin's check that
 * the service account exists is not modelled (the simulation serves no ServiceAccounts).
 */

// ServiceAccountVolumeName and DefaultAPITokenMountPath (admission.go, v1.32).
const VOLUME_PREFIX = 'kube-api-access-'
const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
// corev1.ProjectedVolumeSourceDefaultMode = 0644; serviceaccount.WarnOnlyBoundTokenExpirationSeconds.
const PROJECTED_DEFAULT_MODE = 0o644
const TOKEN_EXPIRATION_SECONDS = 3607

function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: PROJECTED_DEFAULT_MODE,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
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

/** Adds the service account and its token volume; `generateName` makes the xxxxx suffix. */
export function admitServiceAccount(pod: Pod, generateName: (base: string) => string): void {
  const spec = pod.spec
  if (!spec) return
  spec.serviceAccountName ??= 'default'
  spec.serviceAccount ??= spec.serviceAccountName
  if (spec.automountServiceAccountToken === false) return
  const volumes = spec.volumes ?? []
  const existing = volumes.find((v) => v.name.startsWith(VOLUME_PREFIX))
  const volumeName = existing?.name ?? generateName(VOLUME_PREFIX)
  const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH }
  let needed = false
  // A decoded spec may lack containers (nil in Go): validation reports it after admission.
  const containers = (spec.containers as Container[] | undefined) ?? []
  for (const container of [...(spec.initContainers ?? []), ...containers]) {
    const mounts = container.volumeMounts ?? []
    if (mounts.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue
    container.volumeMounts = [...mounts, { ...mount }]
    needed = true
  }
  if (!existing && needed) spec.volumes = [...volumes, tokenVolume(volumeName)]
}
