import type { Namespace, Pod } from 'kubernetes-types/core/v1'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import { writable, type KubeObject } from '../../model/objects'
import { defaultPod, defaultPodSpec } from './defaults'

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
    case 'Namespace':
      return defaultNamespace(object as Namespace)
  }
}

/** What each registry strategy's PrepareForCreate resets or adds on a new object. */
export function prepareForCreate(kind: string, object: KubeObject): void {
  if (kind === 'ReplicaSet') writable(object as ReplicaSet).status = { replicas: 0 }
  if (kind === 'Deployment') writable(object as Deployment).status = {}
  if (kind === 'Namespace') prepareNamespace(object as Namespace)
}

/** SetDefaults_ReplicaSet: replicas 1; the template gets pod-spec defaults (apps/v1/defaults.go). */
function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = rs.spec
  if (!spec) return
  spec.replicas ??= 1
  const templateSpec = spec.template?.spec
  if (templateSpec) defaultPodSpec(templateSpec)
}

// SetDefaults_Deployment (apps/v1/defaults.go, v1.32): 25% surge and unavailability, 10 old
// ReplicaSets kept, 600 s to make progress, 1 replica.
const DEFAULT_MAX_SURGE = '25%'
const DEFAULT_MAX_UNAVAILABLE = '25%'
const DEFAULT_REVISION_HISTORY_LIMIT = 10
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600

function defaultDeployment(deployment: Deployment): void {
  const spec = deployment.spec
  if (!spec) return
  spec.replicas ??= 1
  const strategy = (spec.strategy ??= {})
  strategy.type =
    strategy.type === undefined || strategy.type === '' ? 'RollingUpdate' : strategy.type
  if (strategy.type === 'RollingUpdate') {
    const rolling = (strategy.rollingUpdate ??= {})
    rolling.maxUnavailable ??= DEFAULT_MAX_UNAVAILABLE
    rolling.maxSurge ??= DEFAULT_MAX_SURGE
  }
  spec.revisionHistoryLimit ??= DEFAULT_REVISION_HISTORY_LIMIT
  spec.progressDeadlineSeconds ??= DEFAULT_PROGRESS_DEADLINE_SECONDS
  const templateSpec = spec.template.spec
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
