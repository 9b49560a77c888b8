import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { KubeObject } from '../model/objects'

interface Owner {
  metadata?: { name?: string; namespace?: string; uid?: string }
}

/** metav1.NewControllerRef: the owner reference a controller puts on what it creates. */
export function newControllerRef(owner: Owner, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  }
}

/**
 * The Pod a controller creates from its template (controller_utils.go GetPodFromTemplate, v1.32):
 * the template's labels, annotations and spec, named `<owner>-<random>`, owned by the controller.
 */
export function podFromTemplate(
  owner: Owner,
  template: PodTemplateSpec | undefined,
  ref: OwnerReference,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata?.name ?? ''}-`,
      namespace: owner.metadata?.namespace ?? 'default',
      labels: { ...template?.metadata?.labels },
      ...(template?.metadata?.annotations
        ? { annotations: { ...template.metadata.annotations } }
        : {}),
      ownerReferences: [ref],
    },
    spec: template?.spec,
  }
}
