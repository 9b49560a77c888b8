import type { ClusterRoleBinding, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1'
import {
  ALL_AUTHENTICATED,
  ALL_SERVICE_ACCOUNTS,
  ALL_UNAUTHENTICATED,
  KUBE_CONTROLLER_MANAGER,
  KUBE_PROXY,
  KUBE_SCHEDULER,
  NODES_GROUP,
  SYSTEM_MASTERS,
} from '../authz/attributes'
import { BOOTSTRAP_ANNOTATIONS, BOOTSTRAP_LABELS, clusterRole } from './bootstrap-cluster-roles'
import { CONTROLLER_NAMES } from './bootstrap-controller-roles'
import { rule } from './policy-rules'

const RBAC_GROUP = 'rbac.authorization.k8s.io'

export const user = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name })
export const group = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name })
export const serviceAccount = (namespace: string, name: string): Subject => ({
  kind: 'ServiceAccount',
  name,
  namespace,
})

function clusterRoleBinding(
  name: string,
  roleName: string,
  subjects: Subject[],
  bootstrap = true,
): ClusterRoleBinding {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: {
      name,
      ...(bootstrap
        ? { labels: { ...BOOTSTRAP_LABELS }, annotations: { ...BOOTSTRAP_ANNOTATIONS } }
        : {}),
    },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName },
    ...(subjects.length > 0 ? { subjects } : {}),
  }
}

function roleBinding(
  namespace: string,
  name: string,
  roleName: string,
  subjects: Subject[],
): RoleBinding {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'RoleBinding',
    metadata: {
      name,
      namespace,
      labels: { ...BOOTSTRAP_LABELS },
      annotations: { ...BOOTSTRAP_ANNOTATIONS },
    },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: roleName },
    subjects,
  }
}

/**
 * The default ClusterRoleBindings. system:node has no subjects since v1.8: nodes are authorized
 * by the Node authorizer (and NodeRestriction admission) instead.
 * Source: bootstrappolicy/policy.go ClusterRoleBindings() and controller_policy.go (v1.32)
 */
export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    clusterRoleBinding('cluster-admin', 'cluster-admin', [group(SYSTEM_MASTERS)]),
    clusterRoleBinding('system:basic-user', 'system:basic-user', [group(ALL_AUTHENTICATED)]),
    clusterRoleBinding('system:discovery', 'system:discovery', [group(ALL_AUTHENTICATED)]),
    clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', [
      group(ALL_AUTHENTICATED),
      group(ALL_UNAUTHENTICATED),
    ]),
    clusterRoleBinding('system:kube-controller-manager', 'system:kube-controller-manager', [
      user(KUBE_CONTROLLER_MANAGER),
    ]),
    clusterRoleBinding('system:kube-dns', 'system:kube-dns', [
      serviceAccount('kube-system', 'kube-dns'),
    ]),
    clusterRoleBinding('system:kube-scheduler', 'system:kube-scheduler', [user(KUBE_SCHEDULER)]),
    clusterRoleBinding('system:monitoring', 'system:monitoring', [group('system:monitoring')]),
    clusterRoleBinding('system:node', 'system:node', []),
    clusterRoleBinding('system:node-proxier', 'system:node-proxier', [user(KUBE_PROXY)]),
    clusterRoleBinding(
      'system:service-account-issuer-discovery',
      'system:service-account-issuer-discovery',
      [group(ALL_SERVICE_ACCOUNTS)],
    ),
    clusterRoleBinding('system:volume-scheduler', 'system:volume-scheduler', [
      user(KUBE_SCHEDULER),
    ]),
    ...CONTROLLER_NAMES.map((name) =>
      clusterRoleBinding(`system:controller:${name}`, `system:controller:${name}`, [
        serviceAccount('kube-system', name),
      ]),
    ),
  ]
}

/** Leader-election Roles in kube-system (NamespaceRoles() in policy.go, v1.32). */
export function bootstrapNamespaceRoles(): { roles: Role[]; roleBindings: RoleBinding[] } {
  const role = (name: string, rules: NonNullable<Role['rules']>): Role => ({
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'Role',
    metadata: {
      name,
      namespace: 'kube-system',
      labels: { ...BOOTSTRAP_LABELS },
      annotations: { ...BOOTSTRAP_ANNOTATIONS },
    },
    rules,
  })
  return {
    roles: [
      role('extension-apiserver-authentication-reader', [
        rule(
          ['get', 'list', 'watch'],
          [''],
          ['configmaps'],
          ['extension-apiserver-authentication'],
        ),
      ]),
      role('system::leader-locking-kube-controller-manager', [
        rule(['watch'], [''], ['configmaps']),
        rule(['get', 'update'], [''], ['configmaps'], ['kube-controller-manager']),
      ]),
      role('system::leader-locking-kube-scheduler', [
        rule(['watch'], [''], ['configmaps']),
        rule(['get', 'update'], [''], ['configmaps'], ['kube-scheduler']),
      ]),
    ],
    roleBindings: [
      roleBinding(
        'kube-system',
        'system::extension-apiserver-authentication-reader',
        'extension-apiserver-authentication-reader',
        [user(KUBE_CONTROLLER_MANAGER), user(KUBE_SCHEDULER)],
      ),
      roleBinding(
        'kube-system',
        'system::leader-locking-kube-controller-manager',
        'system::leader-locking-kube-controller-manager',
        [user(KUBE_CONTROLLER_MANAGER), serviceAccount('kube-system', 'kube-controller-manager')],
      ),
      roleBinding(
        'kube-system',
        'system::leader-locking-kube-scheduler',
        'system::leader-locking-kube-scheduler',
        [user(KUBE_SCHEDULER), serviceAccount('kube-system', 'kube-scheduler')],
      ),
    ],
  }
}

// The bootstrap-token group kubeadm's join flow authenticates nodes with.
const BOOTSTRAPPERS = 'system:bootstrappers:kubeadm:default-node-token'

/**
 * What `kubeadm init` adds once the control plane is up: admin.conf's group
 * kubeadm:cluster-admins bound to cluster-admin (v1.29+: admin.conf is no longer system:masters),
 * the TLS bootstrap bindings, and kube-proxy's. kubeadm writes these with super-admin.conf; the
 * sim writes them with the bootstrap policy so the cluster starts as kubeadm leaves it.
 * Source: cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go EnsureAdminClusterRoleBinding,
 * phases/bootstraptoken/node/tlsbootstrap.go, phases/addons/proxy/proxy.go (v1.32)
 */
export function kubeadmRbacObjects(): {
  clusterRoles: ReturnType<typeof clusterRole>[]
  clusterRoleBindings: ClusterRoleBinding[]
} {
  const getNodes = clusterRole('kubeadm:get-nodes', [rule(['get'], [''], ['nodes'])])
  delete getNodes.metadata?.labels
  delete getNodes.metadata?.annotations
  return {
    clusterRoles: [getNodes],
    clusterRoleBindings: [
      clusterRoleBinding(
        'kubeadm:cluster-admins',
        'cluster-admin',
        [group('kubeadm:cluster-admins')],
        false,
      ),
      clusterRoleBinding('kubeadm:get-nodes', 'kubeadm:get-nodes', [group(BOOTSTRAPPERS)], false),
      clusterRoleBinding(
        'kubeadm:kubelet-bootstrap',
        'system:node-bootstrapper',
        [group(BOOTSTRAPPERS)],
        false,
      ),
      clusterRoleBinding(
        'kubeadm:node-autoapprove-bootstrap',
        'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
        [group(BOOTSTRAPPERS)],
        false,
      ),
      clusterRoleBinding(
        'kubeadm:node-autoapprove-certificate-rotation',
        'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
        [group(NODES_GROUP)],
        false,
      ),
      clusterRoleBinding(
        'kubeadm:node-proxier',
        'system:node-proxier',
        [serviceAccount('kube-system', 'kube-proxy')],
        false,
      ),
    ],
  }
}
