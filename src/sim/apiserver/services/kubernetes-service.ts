/**
 * The `kubernetes` Service in `default`, which every API server keeps: the first address of
 * the service range (10.96.0.1), port 443 named https to the API servers' port 6443, and the
 * Endpoints / EndpointSlice listing the API servers' addresses (the lease endpoint reconciler).
 * Pods reach the API at https://kubernetes.default.svc through it.
 * Source: pkg/controlplane/controller/kubernetesservice/controller.go,
 * pkg/controlplane/reconcilers/lease.go, endpointsadapter.go (v1.32).
 */
import { nextUid } from '../../core/ids'
import { simTimeToRfc3339 } from '../../core/time'
import type { KubeObject } from '../../model/objects'
import type { ActorContext } from '../../runtime/actor'
import { encodeObject } from '../codec'
import { callEtcd } from '../etcd-client'
import type { ApiServerState } from '../state'

/** The control-plane node's address: where kube-apiserver listens (--advertise-address). */
export const CONTROL_PLANE_IP = '10.0.0.10'
export const KUBERNETES_SERVICE_IP = '10.96.0.1'
// --secure-port 6443 (kubeadm's default).
const SECURE_PORT = 6443

function objects(ctx: ActorContext, state: ApiServerState): [string, () => KubeObject][] {
  const meta = (name: string, labels: Record<string, string>) => ({
    name,
    namespace: 'default',
    uid: nextUid(state.rng),
    creationTimestamp: simTimeToRfc3339(ctx.nowMs),
    labels,
  })
  const service = () => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('kubernetes', { component: 'apiserver', provider: 'kubernetes' }),
    spec: {
      clusterIP: KUBERNETES_SERVICE_IP,
      clusterIPs: [KUBERNETES_SERVICE_IP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: SECURE_PORT }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  })
  const endpoints = () => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('kubernetes', { 'endpointslice.kubernetes.io/skip-mirror': 'true' }),
    subsets: [
      {
        addresses: [{ ip: CONTROL_PLANE_IP }],
        ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }],
      },
    ],
  })
  const slice = () => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta('kubernetes', { 'kubernetes.io/service-name': 'kubernetes' }),
    addressType: 'IPv4',
    endpoints: [{ addresses: [CONTROL_PLANE_IP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }],
  })
  return [
    ['/registry/services/specs/default/kubernetes', service],
    ['/registry/services/endpoints/default/kubernetes', endpoints],
    ['/registry/endpointslices/default/kubernetes', slice],
  ]
}

/** Creates the three objects if absent (the controllers' first reconcile after start). */
export function ensureKubernetesService(ctx: ActorContext, state: ApiServerState): void {
  for (const [key, make] of objects(ctx, state)) {
    if (state.cache.objects.has(key)) continue
    const object = make()
    callEtcd(
      ctx,
      state,
      {
        op: 'txn',
        compares: [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
        success: [{ op: 'put', key, value: encodeObject(object) }],
        failure: [],
      },
      { kind: 'bootstrap' },
      { label: `Txn put ${key}` },
    )
  }
}
