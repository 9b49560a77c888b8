import type { ClusterRole } from 'kubernetes-types/rbac/v1'
import { aggregatedRules, sameRules } from '../apiserver/rbac/aggregation'
import { base64Encode, utf8ToBytes } from '../core/bytes'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi, type ApiClientState } from '../runtime/api-client'
import { createInformer, type InformerState } from '../runtime/informer'
import { asController, type ControllerIdentities } from './controller-identities'

/**
 * Three small kube-controller-manager controllers that make the auth model work:
 * - serviceaccount-controller: a "default" ServiceAccount in every namespace;
 * - root-ca-cert-publisher: the cluster CA as ConfigMap "kube-root-ca.crt" in every namespace
 *   (the projected kube-api-access volume mounts it as ca.crt);
 * - clusterrole-aggregation-controller: fills admin/edit/view from the aggregate-to-* roles.
 * Sources: pkg/controller/serviceaccount/serviceaccounts_controller.go,
 * pkg/controller/certificates/rootcacertpublisher/publisher.go,
 * pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go (v1.32)
 */
export const AUTH_CONTROLLERS = [
  'service-account-controller',
  'root-ca-cert-publisher',
  'clusterrole-aggregation-controller',
] as const

export function authInformers(): Record<string, InformerState> {
  return {
    namespaces: createInformer('namespaces', '/api/v1/namespaces'),
    serviceaccounts: createInformer('serviceaccounts', '/api/v1/serviceaccounts'),
    configmaps: createInformer('configmaps', '/api/v1/configmaps'),
    clusterroles: createInformer('clusterroles', '/apis/rbac.authorization.k8s.io/v1/clusterroles'),
  }
}

/** Writes sent and not yet answered, so a burst of events sends each write once. */
export interface AuthControllersState {
  inFlight: Record<string, true>
}

// RootCACertConfigMapName and its description annotation (publisher.go, v1.32).
const ROOT_CA = 'kube-root-ca.crt'
const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'
const CA_PEM = `-----BEGIN CERTIFICATE-----\n${base64Encode(utf8ToBytes('(the cluster CA "kubernetes")'))}\n-----END CERTIFICATE-----\n`

interface Host {
  client: ApiClientState
  informers: Record<string, InformerState>
  identities: ControllerIdentities
  authControllers: AuthControllersState
}

function write(
  ctx: ActorContext,
  host: Host,
  controller: string,
  key: string,
  options: Parameters<typeof callApi>[2],
): void {
  if (host.authControllers.inFlight[key]) return
  const sent = asController(host.client, host.identities, controller, () => {
    callApi(ctx, host.client, options, { purpose: 'auth-controller-write', data: key })
  })
  if (sent) host.authControllers.inFlight[key] = true
}

const synced = (host: Host, ...names: string[]) =>
  names.every((n) => host.informers[n]?.synced === true)

/** Brings every namespace's default ServiceAccount and root CA ConfigMap, and the aggregated roles, up to date. */
export function reconcileAuthObjects(ctx: ActorContext, host: Host): void {
  const informers = host.informers
  if (synced(host, 'namespaces', 'serviceaccounts', 'configmaps')) {
    for (const ns of informers['namespaces']?.items.values() ?? []) {
      const name = ns.metadata?.name ?? ''
      if (ns.metadata?.deletionTimestamp) continue
      if (!informers['serviceaccounts']?.items.has(`${name}/default`)) {
        write(ctx, host, 'service-account-controller', `sa/${name}`, {
          method: 'POST',
          path: `/api/v1/namespaces/${name}/serviceaccounts`,
          body: {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'default', namespace: name },
          },
          label: `POST serviceaccounts default (${name})`,
        })
      }
      if (!informers['configmaps']?.items.has(`${name}/${ROOT_CA}`)) {
        write(ctx, host, 'root-ca-cert-publisher', `ca/${name}`, {
          method: 'POST',
          path: `/api/v1/namespaces/${name}/configmaps`,
          body: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: {
              name: ROOT_CA,
              namespace: name,
              annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION },
            },
            data: { 'ca.crt': CA_PEM },
          },
          label: `POST configmaps ${ROOT_CA} (${name})`,
        })
      }
    }
  }
  if (synced(host, 'clusterroles')) aggregate(ctx, host)
}

function aggregate(ctx: ActorContext, host: Host): void {
  const roles = [
    ...(host.informers['clusterroles']?.items.values() ?? []),
  ] as unknown as ClusterRole[]
  for (const role of roles) {
    const rules = aggregatedRules(role, roles)
    if (rules === undefined || sameRules(rules, role.rules ?? [])) continue
    const name = role.metadata?.name ?? ''
    write(
      ctx,
      host,
      'clusterrole-aggregation-controller',
      `cr/${name}/${role.metadata?.resourceVersion ?? ''}`,
      {
        method: 'PUT',
        path: `/apis/rbac.authorization.k8s.io/v1/clusterroles/${name}`,
        body: { ...(role as unknown as KubeObject), rules },
        label: `PUT clusterroles/${name} (aggregate)`,
      },
    )
  }
}

/** A write answered: forget it, so a failure is retried on the next change. */
export function onAuthControllerResponse(host: Host, purpose: string, data: unknown): boolean {
  if (purpose !== 'auth-controller-write') return false
  delete host.authControllers.inFlight[String(data)]
  return true
}
