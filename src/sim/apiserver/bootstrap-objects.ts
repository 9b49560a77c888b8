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
import { prepareWorkloadForCreate } from './admission/workload-defaults'
import { etcdKey, findResourceByKind } from './resources'
import type { RngState } from '../core/rng'

/**
 * Objects a fresh cluster has before anyone applies anything:
 * - the two system PriorityClasses kube-apiserver creates itself
 *   (pkg/apis/scheduling/types.go SystemCriticalPriority, the
 *   "scheduling/bootstrap-system-priority-classes" post-start hook, v1.32);
 * - kubeadm's addons, when the cluster is kubeadm-like (system Pods on): the kube-proxy DaemonSet
 *   and the CoreDNS Deployment (cmd/kubeadm/app/phases/addons/proxy and dns manifests, v1.32).
 * NB: the addons run as the default ServiceAccount (kubeadm's kube-proxy and coredns accounts,
 * and their RBAC, are not created here).
 */

// SystemCriticalPriority = 2 × 10^9 (pkg/apis/scheduling/types.go, v1.32).
const SYSTEM_CRITICAL = 2_000_000_000

export const SYSTEM_PRIORITY_CLASSES: KubeObject[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: SYSTEM_CRITICAL + 1000,
    description: 'Used for system critical pods that must not be moved from their current node.',
    preemptionPolicy: 'PreemptLowerPriority',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: SYSTEM_CRITICAL,
    description:
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    preemptionPolicy: 'PreemptLowerPriority',
  },
]

// kubeadm v1.32's addon images (constants.go: CoreDNS v1.11.3).
const KUBE_PROXY_IMAGE = 'registry.k8s.io/kube-proxy:v1.32.0'
const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3'

function kubeProxyDaemonSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          priorityClassName: 'system-node-critical',
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          containers: [
            {
              name: 'kube-proxy',
              image: KUBE_PROXY_IMAGE,
              command: [
                '/usr/local/bin/kube-proxy',
                '--config=/var/lib/kube-proxy/config.conf',
                '--hostname-override=$(NODE_NAME)',
              ],
              securityContext: { privileged: true },
            },
          ],
        },
      },
    },
  }
}

function coreDnsDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: {
                      matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }],
                    },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
          containers: [
            {
              name: 'coredns',
              image: COREDNS_IMAGE,
              args: ['-conf', '/etc/coredns/Corefile'],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  }
}

/** kubeadm's addons, defaulted as the API server would default them on create. */
export function kubeadmAddons(newUid: () => string): KubeObject[] {
  const addons = [kubeProxyDaemonSet(), coreDnsDeployment()]
  for (const addon of addons) prepareWorkloadForCreate(addon, newUid)
  return addons
}

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
