import { nextUid } from '../core/ids'
import { simTimeToRfc3339 } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ClusterPki } from './authn/pki'
import {
  bootstrapClusterRoleBindings,
  bootstrapNamespaceRoles,
  kubeadmRbacObjects,
} from './rbac/bootstrap-bindings'
import { bootstrapClusterRoles } from './rbac/bootstrap-cluster-roles'
import { bootstrapControllerRoles } from './rbac/bootstrap-controller-roles'
import { etcdKey, findResourceByKind } from './resources'
import type { RngState } from '../core/rng'

/**
 * Everything a fresh kubeadm cluster holds besides namespaces before any user acts: the RBAC
 * bootstrap policy (kube-apiserver's rbac/bootstrap-roles post-start hook), kubeadm's bindings,
 * and the lab's ServiceAccount "ci-bot" whose token is in the student's kubeconfig.
 * Source: pkg/registry/rbac/rest/storage_rbac.go PostStartHook (v1.32)
 */
export function bootstrapObjects(pki: ClusterPki | undefined): KubeObject[] {
  const kubeadm = kubeadmRbacObjects()
  const namespaced = bootstrapNamespaceRoles()
  const objects: KubeObject[] = [
    ...bootstrapClusterRoles(),
    ...bootstrapControllerRoles(),
    ...kubeadm.clusterRoles,
    ...bootstrapClusterRoleBindings(),
    ...kubeadm.clusterRoleBindings,
    ...namespaced.roles,
    ...namespaced.roleBindings,
  ] as unknown as KubeObject[]
  if (pki) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: pki.lab.name, namespace: pki.lab.namespace, uid: pki.lab.uid },
    })
  }
  return objects
}

/** The objects not yet stored, stamped as the registry would stamp a create. */
export function missingBootstrapObjects(
  pki: ClusterPki | undefined,
  has: (key: string) => boolean,
  rng: RngState,
  nowMs: number,
): { key: string; object: KubeObject }[] {
  const out: { key: string; object: KubeObject }[] = []
  for (const object of bootstrapObjects(pki)) {
    const info = findResourceByKind(object.apiVersion ?? '', object.kind ?? '')
    if (!info) continue
    const key = etcdKey(info, object.metadata?.namespace, object.metadata?.name ?? '')
    if (has(key)) continue
    object.metadata = {
      ...object.metadata,
      uid: object.metadata?.uid ?? nextUid(rng),
      creationTimestamp: simTimeToRfc3339(nowMs),
    }
    out.push({ key, object })
  }
  return out
}
