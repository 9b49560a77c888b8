import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1'
import { clusterRole } from './bootstrap-cluster-roles'
import { EVENTS_RULE, READ, rule } from './policy-rules'

/**
 * The roles of kube-controller-manager's controllers. With --use-service-account-credentials
 * (kubeadm's default) each controller calls the API as its own ServiceAccount in kube-system,
 * bound to system:controller:<name>. Only the controllers this simulation runs or is about to
 * run are listed.
 * Source: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/controller_policy.go and
 * testdata/controller-roles.yaml (v1.32)
 */
const CORE = ['']
const APPS = ['apps', 'extensions']

const CONTROLLER_RULES: Record<string, PolicyRule[]> = {
  'clusterrole-aggregation-controller': [
    rule(
      ['escalate', 'get', 'list', 'patch', 'update', 'watch'],
      ['rbac.authorization.k8s.io'],
      ['clusterroles'],
    ),
  ],
  'daemon-set-controller': [
    rule(['get', 'list', 'watch'], APPS, ['daemonsets']),
    rule(['update'], APPS, ['daemonsets/status']),
    rule(['update'], APPS, ['daemonsets/finalizers']),
    rule(['list', 'watch'], CORE, ['nodes']),
    rule(['list', 'watch', 'create', 'delete', 'patch'], CORE, ['pods']),
    rule(['create'], CORE, ['pods/binding']),
    rule(
      ['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'],
      ['apps'],
      ['controllerrevisions'],
    ),
    EVENTS_RULE,
  ],
  'deployment-controller': [
    rule(['get', 'list', 'update', 'watch'], APPS, ['deployments']),
    rule(['update'], APPS, ['deployments/status']),
    rule(['update'], APPS, ['deployments/finalizers']),
    rule(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], APPS, ['replicasets']),
    rule(['get', 'list', 'update', 'watch'], CORE, ['pods']),
    EVENTS_RULE,
  ],
  'endpoint-controller': [
    rule(READ, CORE, ['pods', 'services']),
    rule(['create', 'delete', 'get', 'list', 'update', 'watch'], CORE, ['endpoints']),
    rule(['create'], CORE, ['endpoints/restricted']),
    EVENTS_RULE,
  ],
  'endpointslice-controller': [
    rule(READ, CORE, ['nodes', 'pods', 'services']),
    rule(['update'], CORE, ['services/finalizers']),
    rule(
      ['create', 'delete', 'get', 'list', 'update', 'watch'],
      ['discovery.k8s.io'],
      ['endpointslices'],
    ),
    EVENTS_RULE,
  ],
  'generic-garbage-collector': [
    rule(['delete', 'get', 'list', 'patch', 'update', 'watch'], ['*'], ['*']),
    EVENTS_RULE,
  ],
  'job-controller': [
    rule(['get', 'list', 'patch', 'update', 'watch'], ['batch'], ['jobs']),
    rule(['update'], ['batch'], ['jobs/status']),
    rule(['update'], ['batch'], ['jobs/finalizers']),
    rule(['create', 'delete', 'list', 'patch', 'watch'], CORE, ['pods']),
    EVENTS_RULE,
  ],
  'namespace-controller': [
    rule(['delete', 'get', 'list', 'watch'], CORE, ['namespaces']),
    rule(['update'], CORE, ['namespaces/finalize', 'namespaces/status']),
    rule(['delete', 'deletecollection', 'get', 'list', 'watch'], ['*'], ['*']),
  ],
  'node-controller': [
    rule(['delete', 'get', 'list', 'patch', 'update', 'watch'], CORE, ['nodes']),
    rule(['patch', 'update'], CORE, ['nodes/status']),
    rule(['patch', 'update'], CORE, ['pods/status']),
    rule(['delete', 'get', 'list', 'watch'], CORE, ['pods']),
    EVENTS_RULE,
  ],
  'pod-garbage-collector': [
    rule(['delete', 'list', 'watch'], CORE, ['pods']),
    rule(READ, CORE, ['nodes']),
    rule(['patch'], CORE, ['pods/status']),
  ],
  'replicaset-controller': [
    rule(['get', 'list', 'update', 'watch'], APPS, ['replicasets']),
    rule(['update'], APPS, ['replicasets/status']),
    rule(['update'], APPS, ['replicasets/finalizers']),
    rule(['create', 'delete', 'list', 'patch', 'watch'], CORE, ['pods']),
    EVENTS_RULE,
  ],
  'root-ca-cert-publisher': [rule(['create', 'update'], CORE, ['configmaps']), EVENTS_RULE],
  'service-account-controller': [rule(['create'], CORE, ['serviceaccounts']), EVENTS_RULE],
  'taint-eviction-controller': [
    rule(['get', 'list', 'watch'], CORE, ['pods']),
    rule(['delete'], CORE, ['pods']),
    rule(['patch', 'update'], CORE, ['pods/status']),
    EVENTS_RULE,
  ],
  'ttl-after-finished-controller': [
    rule(['delete', 'get', 'list', 'watch'], ['batch'], ['jobs']),
    EVENTS_RULE,
  ],
}

/** The controllers that have a bootstrap role: their ServiceAccount names in kube-system. */
export const CONTROLLER_NAMES: readonly string[] = Object.keys(CONTROLLER_RULES)

export function bootstrapControllerRoles(): ClusterRole[] {
  return CONTROLLER_NAMES.map((name) =>
    clusterRole(`system:controller:${name}`, CONTROLLER_RULES[name] ?? []),
  )
}
