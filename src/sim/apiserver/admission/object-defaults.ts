import type { Namespace, Pod } from 'kubernetes-types/core/v1'
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import { writable, type KubeObject } from '../../model/objects'
import { defaultPod, defaultPodSpec } from './defaults'
import { defaultDaemonSet, defaultDeployment, prepareWorkloadForCreate } from './workload-defaults'

/**
 * The defaults the API server fills in when it decodes a request body, for create and update
 * alike (the scheme's defaulting functions), by kind.
 * Sources (v1.32): pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go.
 */
export function defaultObject(kind: string, object: KubeObject): void {
  switch (kind) {
    case 'Pod':
      return defaultPod(object as Pod)
    case 'ReplicaSet':
      return defaultReplicaSet(object as ReplicaSet)
    case 'Deployment':
      return defaultDeployment(object as Deployment)
    case 'DaemonSet':
      return defaultDaemonSet(object as DaemonSet)
    case 'Namespace':
      return defaultNamespace(object as Namespace)
  }
}

/**
 * What each registry strategy's PrepareForCreate resets or adds on a new object (Deployments,
 * DaemonSets and Jobs: workload-defaults.ts). `newUid` is the uid a new Job will get.
 */
export function prepareForCreate(kind: string, object: KubeObject, newUid: () => string): void {
  if (kind === 'ReplicaSet') writable(object as ReplicaSet).status = { replicas: 0 }
  if (kind === 'Namespace') prepareNamespace(object as Namespace)
  prepareWorkloadForCreate(object, newUid)
}

/** SetDefaults_ReplicaSet: replicas 1; the template gets pod-spec defaults (apps/v1/defaults.go). */
function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = rs.spec
  if (!spec) return
  spec.replicas ??= 1
  const templateSpec = spec.template?.spec
  if (templateSpec) defaultPodSpec(templateSpec)
}

/**
 * SetDefaults_Namespace: the kubernetes.io/metadata.name label is the name (kept in step on
 * every write); SetDefaults_NamespaceStatus: phase Active.
 */
function defaultNamespace(namespace: Namespace): void {
  const metadata = namespace.metadata
  if (metadata?.name)
    metadata.labels = { ...metadata.labels, 'kubernetes.io/metadata.name': metadata.name }
  const status = writable(namespace).status
  if (status && !status.phase) status.phase = 'Active'
}

/**
 * namespaceStrategy.PrepareForCreate (pkg/registry/core/namespace/strategy.go): a new namespace
 * is Active and carries the "kubernetes" finalizer the namespace controller removes on delete.
 */
function prepareNamespace(namespace: Namespace): void {
  writable(namespace).status = { phase: 'Active' }
  const finalizers = namespace.spec?.finalizers ?? []
  if (!finalizers.includes('kubernetes'))
    namespace.spec = { ...namespace.spec, finalizers: [...finalizers, 'kubernetes'] }
}
