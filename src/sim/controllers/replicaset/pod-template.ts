import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { KubeObject } from '../../model/objects'

/** The Pod a ReplicaSet creates: its template, named from the ReplicaSet, owned by it. */
export function podFromTemplate(rs: ReplicaSet): KubeObject {
  const template = rs.spec?.template
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata?.name ?? ''}-`,
      namespace: rs.metadata?.namespace ?? 'default',
      labels: { ...template?.metadata?.labels },
      ...(template?.metadata?.annotations
        ? { annotations: { ...template.metadata.annotations } }
        : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rs.metadata?.name ?? '',
          uid: rs.metadata?.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: template?.spec,
  }
}
