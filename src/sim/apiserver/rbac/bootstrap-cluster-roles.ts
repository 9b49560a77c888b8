import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1'
import { EVENTS_RULE, READ, READ_WRITE, WRITE, rule, urlRule } from './policy-rules'

/**
 * The default ClusterRoles kube-apiserver's rbac/bootstrap-roles post-start hook creates, as of
 * v1.32: the user-facing roles (cluster-admin, and admin/edit/view aggregated from the
 * system:aggregate-to-* roles), discovery, and the component roles. Roles for APIs the sim does
 * not serve (certificates approvers, CSI, DRA ...) are left out; their rules would never match.
 * Source: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go ClusterRoles() and
 * testdata/cluster-roles.yaml (v1.32)
 */

// The label and annotation every bootstrap object carries (policy.go Label, Annotation).
export const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' }
export const BOOTSTRAP_ANNOTATIONS = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' }

export const AGGREGATE_TO = (role: 'admin' | 'edit' | 'view'): string =>
  `rbac.authorization.k8s.io/aggregate-to-${role}`

export function clusterRole(
  name: string,
  rules: PolicyRule[],
  extra: { labels?: Record<string, string>; aggregateFrom?: string } = {},
): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: { ...BOOTSTRAP_LABELS, ...extra.labels },
      annotations: { ...BOOTSTRAP_ANNOTATIONS },
    },
    ...(extra.aggregateFrom !== undefined
      ? {
          aggregationRule: {
            clusterRoleSelectors: [{ matchLabels: { [extra.aggregateFrom]: 'true' } }],
          },
        }
      : {}),
    rules,
  }
}

const CORE = ['']
const AGGREGATE_TO_VIEW: PolicyRule[] = [
  rule(READ, CORE, [
    'configmaps',
    'endpoints',
    'persistentvolumeclaims',
    'persistentvolumeclaims/status',
    'pods',
    'replicationcontrollers',
    'replicationcontrollers/scale',
    'serviceaccounts',
    'services',
    'services/status',
  ]),
  rule(READ, CORE, [
    'bindings',
    'events',
    'limitranges',
    'namespaces/status',
    'pods/log',
    'pods/status',
    'replicationcontrollers/status',
    'resourcequotas',
    'resourcequotas/status',
  ]),
  rule(READ, CORE, ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(
    READ,
    ['apps'],
    [
      'controllerrevisions',
      'daemonsets',
      'daemonsets/status',
      'deployments',
      'deployments/scale',
      'deployments/status',
      'replicasets',
      'replicasets/scale',
      'replicasets/status',
      'statefulsets',
      'statefulsets/scale',
      'statefulsets/status',
    ],
  ),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
]

const POD_ACCESS = ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']
const AGGREGATE_TO_EDIT: PolicyRule[] = [
  rule(READ, CORE, [...POD_ACCESS, 'secrets', 'services/proxy']),
  rule(['impersonate'], CORE, ['serviceaccounts']),
  rule(WRITE, CORE, ['pods', ...POD_ACCESS]),
  rule(['create'], CORE, ['pods/eviction']),
  rule(WRITE, CORE, [
    'configmaps',
    'events',
    'persistentvolumeclaims',
    'replicationcontrollers',
    'replicationcontrollers/scale',
    'secrets',
    'serviceaccounts',
    'services',
    'services/proxy',
  ]),
  rule(['create'], CORE, ['serviceaccounts/token']),
  rule(
    WRITE,
    ['apps'],
    [
      'daemonsets',
      'deployments',
      'deployments/rollback',
      'deployments/scale',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
      'statefulsets/scale',
    ],
  ),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(READ_WRITE, ['coordination.k8s.io'], ['leases']),
]

const AGGREGATE_TO_ADMIN: PolicyRule[] = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule(READ_WRITE, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']),
]

const TOKEN_AND_ACCESS_REVIEWS: PolicyRule[] = [
  rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
  rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
]

const KUBE_SCHEDULER: PolicyRule[] = [
  EVENTS_RULE,
  rule(['create'], ['coordination.k8s.io'], ['leases']),
  rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-scheduler']),
  rule(READ, CORE, ['nodes']),
  rule(['delete', ...READ], CORE, ['pods']),
  rule(['create'], CORE, ['bindings', 'pods/binding']),
  rule(['patch', 'update'], CORE, ['pods/status']),
  rule(READ, CORE, ['replicationcontrollers', 'services']),
  rule(READ, ['apps', 'extensions'], ['replicasets']),
  rule(READ, ['apps'], ['statefulsets']),
  rule(READ, ['policy'], ['poddisruptionbudgets']),
  rule(READ, CORE, ['persistentvolumeclaims', 'persistentvolumes']),
  ...TOKEN_AND_ACCESS_REVIEWS,
  rule(READ, ['storage.k8s.io'], ['csinodes']),
  rule(READ, CORE, ['namespaces']),
  rule(READ, ['storage.k8s.io'], ['csidrivers']),
  rule(READ, ['storage.k8s.io'], ['csistoragecapacities']),
]

const KUBE_CONTROLLER_MANAGER: PolicyRule[] = [
  EVENTS_RULE,
  rule(['create'], ['coordination.k8s.io'], ['leases']),
  rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-controller-manager']),
  rule(['create'], CORE, ['secrets', 'serviceaccounts']),
  rule(['delete'], CORE, ['secrets']),
  rule(['get'], CORE, ['configmaps', 'namespaces', 'secrets', 'serviceaccounts']),
  rule(['update'], CORE, ['secrets', 'serviceaccounts']),
  ...TOKEN_AND_ACCESS_REVIEWS,
  rule(['list', 'watch'], ['*'], ['*']),
  rule(['create'], CORE, ['serviceaccounts/token']),
]

/** system:node's rules; the Node authorizer also uses them as its static rules (NodeRules()). */
export const NODE_RULES: PolicyRule[] = [
  rule(['create'], ['authentication.k8s.io'], ['tokenreviews']),
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews']),
  rule(READ, CORE, ['services']),
  rule(['create', 'get', 'list', 'watch'], CORE, ['nodes']),
  rule(['update', 'patch'], CORE, ['nodes/status']),
  rule(['update', 'patch'], CORE, ['nodes']),
  rule(['create', 'update', 'patch'], CORE, ['events']),
  rule(READ, CORE, ['pods']),
  rule(['create', 'delete'], CORE, ['pods']),
  rule(['update', 'patch'], CORE, ['pods/status']),
  rule(['create'], CORE, ['pods/eviction']),
  rule(READ, CORE, ['configmaps', 'secrets']),
  rule(['get'], CORE, ['persistentvolumeclaims', 'persistentvolumes']),
  rule(['get'], CORE, ['endpoints']),
  rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
  rule(['get', 'create', 'update', 'patch', 'delete'], ['coordination.k8s.io'], ['leases']),
  rule(['get'], ['storage.k8s.io'], ['volumeattachments']),
  rule(['create'], CORE, ['serviceaccounts/token']),
  rule(['get', 'update', 'patch'], CORE, ['persistentvolumeclaims/status']),
  rule(READ, ['storage.k8s.io'], ['csidrivers']),
  rule(['get', 'create', 'update', 'patch', 'delete'], ['storage.k8s.io'], ['csinodes']),
  rule(READ, ['node.k8s.io'], ['runtimeclasses']),
]

const DISCOVERY_URLS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/healthz',
  '/livez',
  '/openapi',
  '/openapi/*',
  '/readyz',
  '/version',
  '/version/',
]

/** The user-facing roles and the ones every authenticated user is bound to. */
function userRoles(): ClusterRole[] {
  return [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])]),
    clusterRole('admin', [], { aggregateFrom: AGGREGATE_TO('admin') }),
    clusterRole('edit', [], {
      aggregateFrom: AGGREGATE_TO('edit'),
      labels: { [AGGREGATE_TO('admin')]: 'true' },
    }),
    clusterRole('view', [], {
      aggregateFrom: AGGREGATE_TO('view'),
      labels: { [AGGREGATE_TO('edit')]: 'true' },
    }),
    clusterRole('system:aggregate-to-admin', AGGREGATE_TO_ADMIN, {
      labels: { [AGGREGATE_TO('admin')]: 'true' },
    }),
    clusterRole('system:aggregate-to-edit', AGGREGATE_TO_EDIT, {
      labels: { [AGGREGATE_TO('edit')]: 'true' },
    }),
    clusterRole('system:aggregate-to-view', AGGREGATE_TO_VIEW, {
      labels: { [AGGREGATE_TO('view')]: 'true' },
    }),
    clusterRole('system:auth-delegator', TOKEN_AND_ACCESS_REVIEWS),
    clusterRole('system:basic-user', [
      rule(
        ['create'],
        ['authorization.k8s.io'],
        ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      ),
      rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
    ]),
    clusterRole('system:discovery', [urlRule(['get'], DISCOVERY_URLS)]),
    clusterRole('system:public-info-viewer', [
      urlRule(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/']),
    ]),
  ]
}

/** Monitoring, discovery of the issuer, and the control-plane components' roles. */
function componentRoles(): ClusterRole[] {
  return [
    clusterRole('system:monitoring', [
      urlRule(
        ['get'],
        [
          '/healthz',
          '/healthz/*',
          '/livez',
          '/livez/*',
          '/metrics',
          '/metrics/slis',
          '/readyz',
          '/readyz/*',
        ],
      ),
    ]),
    clusterRole('system:service-account-issuer-discovery', [
      urlRule(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks']),
    ]),
    clusterRole('system:kube-controller-manager', KUBE_CONTROLLER_MANAGER),
    clusterRole('system:kube-scheduler', KUBE_SCHEDULER),
    clusterRole('system:volume-scheduler', [
      rule(['get', 'list', 'patch', 'update', 'watch'], CORE, ['persistentvolumes']),
      rule(READ, ['storage.k8s.io'], ['storageclasses']),
      rule(['get', 'list', 'patch', 'update', 'watch'], CORE, ['persistentvolumeclaims']),
    ]),
    clusterRole('system:kube-dns', [rule(['list', 'watch'], CORE, ['endpoints', 'services'])]),
    clusterRole('system:node', NODE_RULES),
    clusterRole('system:node-bootstrapper', [
      rule(
        ['create', 'get', 'list', 'watch'],
        ['certificates.k8s.io'],
        ['certificatesigningrequests'],
      ),
    ]),
    clusterRole('system:node-proxier', [
      rule(['list', 'watch'], CORE, ['endpoints', 'services']),
      rule(READ, CORE, ['nodes']),
      EVENTS_RULE,
      rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [
      rule(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/nodeclient']),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [
      rule(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient']),
    ]),
  ]
}

export function bootstrapClusterRoles(): ClusterRole[] {
  return [...userRoles(), ...componentRoles()]
}
