import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1'
import type { KubeObject } from '../../model/objects'

/**
 * The RBAC objects the authorizer reads, indexed the way its listers are (roles by namespace and
 * name, bindings by namespace). kube-apiserver's RBAC authorizer reads them from shared informers
 * over its own loopback client; the sim keeps this index beside the watch cache, fed by the same
 * etcd watch, so authorizing never scans every stored object.
 * Source: plugin/pkg/auth/authorizer/rbac/rbac.go RoleGetter/RoleBindingLister... (v1.32)
 */
export interface PolicyIndex {
  roles: Map<string, Role>
  roleBindings: Map<string, Map<string, RoleBinding>>
  clusterRoles: Map<string, ClusterRole>
  clusterRoleBindings: Map<string, ClusterRoleBinding>
}

export function createPolicyIndex(): PolicyIndex {
  return {
    roles: new Map(),
    roleBindings: new Map(),
    clusterRoles: new Map(),
    clusterRoleBindings: new Map(),
  }
}

const RBAC_PREFIX = /^\/registry\/(roles|rolebindings|clusterroles|clusterrolebindings)\//

/** Whether an etcd key holds an RBAC object (cheap prefix test for the hot path). */
export function isPolicyKey(key: string): boolean {
  return key.startsWith('/registry/') && RBAC_PREFIX.test(key)
}

/** Applies one stored change (object, or undefined for a delete) to the index. */
export function indexPolicyChange(
  index: PolicyIndex,
  key: string,
  object: KubeObject | undefined,
): void {
  const match = RBAC_PREFIX.exec(key)
  if (!match) return
  const rest = key.slice(match[0].length).split('/')
  const resource = match[1]
  if (resource === 'clusterroles' || resource === 'clusterrolebindings') {
    const name = rest[0] ?? ''
    const map: Map<string, unknown> =
      resource === 'clusterroles' ? index.clusterRoles : index.clusterRoleBindings
    if (object) map.set(name, object)
    else map.delete(name)
    return
  }
  const [namespace = '', name = ''] = rest
  if (resource === 'roles') {
    if (object) index.roles.set(`${namespace}/${name}`, object as unknown as Role)
    else index.roles.delete(`${namespace}/${name}`)
    return
  }
  let inNamespace = index.roleBindings.get(namespace)
  if (object) {
    if (!inNamespace)
      index.roleBindings.set(namespace, (inNamespace = new Map<string, RoleBinding>()))
    inNamespace.set(name, object as unknown as RoleBinding)
  } else {
    inNamespace?.delete(name)
  }
}

/** An index from plain lists, for tests and for the headless "what if" explainer. */
export function policyIndexOf(objects: {
  roles?: Role[]
  roleBindings?: RoleBinding[]
  clusterRoles?: ClusterRole[]
  clusterRoleBindings?: ClusterRoleBinding[]
}): PolicyIndex {
  const index = createPolicyIndex()
  for (const r of objects.roles ?? [])
    index.roles.set(`${r.metadata?.namespace ?? ''}/${r.metadata?.name ?? ''}`, r)
  for (const b of objects.roleBindings ?? []) {
    const namespace = b.metadata?.namespace ?? ''
    let map = index.roleBindings.get(namespace)
    if (!map) index.roleBindings.set(namespace, (map = new Map<string, RoleBinding>()))
    map.set(b.metadata?.name ?? '', b)
  }
  for (const r of objects.clusterRoles ?? []) index.clusterRoles.set(r.metadata?.name ?? '', r)
  for (const b of objects.clusterRoleBindings ?? [])
    index.clusterRoleBindings.set(b.metadata?.name ?? '', b)
  return index
}
