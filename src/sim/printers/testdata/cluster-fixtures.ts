/**
 * Deployments, Events, Services and Namespaces for the golden tests and capture.mts.
 */
import type { Deployment } from 'kubernetes-types/apps/v1'
import type { Event, Namespace, Service } from 'kubernetes-types/core/v1'
import { simTimeToRfc3339 } from '../../core/time'
import { DAY, HOUR, MINUTE, NOW_SIM_MS, SECOND, ago, container } from './pod-fixtures'

export function makeDeployments(): Deployment[] {
  const deployment = (name: string, replicas: number, createdAgoMs: number): Deployment => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: ago(createdAgoMs),
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container('app')] } },
    },
    status: {
      replicas,
      readyReplicas: replicas,
      updatedReplicas: replicas,
      availableReplicas: replicas,
    },
  })
  const rollingOut = deployment('web', 3, 2 * DAY + 5 * HOUR)
  const api = deployment('api', 2, 25 * MINUTE)
  return [
    {
      ...api,
      spec: {
        replicas: 2,
        selector: {
          matchLabels: { app: 'api' },
          matchExpressions: [{ key: 'tier', operator: 'Exists' }],
        },
        template: {
          spec: {
            containers: [container('api', 'example/api:2.1'), container('proxy', 'envoy:1.31')],
          },
        },
      },
    },
    {
      ...rollingOut,
      status: { replicas: 4, readyReplicas: 2, updatedReplicas: 1, availableReplicas: 2 },
    },
    { ...deployment('idle', 0, 40 * DAY), status: {} },
  ]
}

interface EventInput {
  name: string
  type?: string
  reason: string
  kind: string
  object: string
  message: string
  component?: string
  host?: string
  fieldPath?: string
  firstAgoMs?: number
  lastAgoMs?: number
  count?: number
}

function event(input: EventInput): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: input.name,
      namespace: 'default',
      uid: `uid-${input.name}`,
      creationTimestamp: ago(input.firstAgoMs ?? 0),
    },
    involvedObject: {
      kind: input.kind,
      name: input.object,
      namespace: 'default',
      ...(input.fieldPath ? { fieldPath: input.fieldPath } : {}),
    },
    type: input.type ?? 'Normal',
    reason: input.reason,
    message: input.message,
    source: {
      ...(input.component ? { component: input.component } : {}),
      ...(input.host ? { host: input.host } : {}),
    },
    ...(input.firstAgoMs === undefined ? {} : { firstTimestamp: ago(input.firstAgoMs) }),
    ...(input.lastAgoMs === undefined ? {} : { lastTimestamp: ago(input.lastAgoMs) }),
    ...(input.count === undefined ? {} : { count: input.count }),
  }
}

/** Scheduler, kubelet and controller events, plus events.k8s.io-style ones (eventTime, series). */
export function makeEvents(): Event[] {
  const pod = 'web-7d4b9c8f6d-abcde'
  return [
    event({
      ...{ name: `${pod}.181a1`, reason: 'Scheduled', kind: 'Pod', object: pod },
      ...{
        message: `Successfully assigned default/${pod} to node-1`,
        firstAgoMs: 3 * HOUR + 20 * MINUTE,
      },
      ...{ lastAgoMs: 3 * HOUR + 20 * MINUTE, count: 1 },
    }),
    event({
      ...{
        name: `${pod}.181a2`,
        reason: 'Pulled',
        kind: 'Pod',
        object: pod,
        fieldPath: 'spec.containers{app}',
      },
      ...{
        message: 'Container image "nginx:1.27" already present on machine  ',
        component: 'kubelet',
        host: 'node-1',
      },
      ...{ firstAgoMs: 3 * HOUR + 19 * MINUTE, lastAgoMs: 12 * MINUTE, count: 4 },
    }),
    event({
      ...{
        name: 'crashy.181b0',
        type: 'Warning',
        reason: 'BackOff',
        kind: 'Pod',
        object: 'crashy',
      },
      ...{ message: 'Back-off restarting failed container app in pod crashy_default(uid-crashy)' },
      ...{
        component: 'kubelet',
        host: 'node-1',
        firstAgoMs: 11 * MINUTE,
        lastAgoMs: 30 * SECOND,
        count: 40,
      },
    }),
    event({
      ...{ name: 'web.181c0', reason: 'ScalingReplicaSet', kind: 'Deployment', object: 'web' },
      ...{
        message: 'Scaled up replica set web-7d4b9c8f6d to 3\nfrom 1',
        component: 'deployment-controller',
      },
      ...{ firstAgoMs: 2 * DAY + 5 * HOUR },
    }),
    event({
      name: 'node-3.181d0',
      reason: 'RegisteredNode',
      kind: 'Node',
      object: '',
      message: '',
      firstAgoMs: 70 * SECOND,
    }),
    {
      ...event({
        name: 'pending.181e0',
        type: 'Warning',
        reason: 'FailedScheduling',
        kind: 'Pod',
        object: 'pending',
        message: '0/4 nodes are available: 1 node(s) were unschedulable, 3 Insufficient cpu.',
      }),
      eventTime: simTimeToRfc3339(NOW_SIM_MS - 44 * SECOND - 500).replace('Z', '.500000Z'),
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
      series: {
        count: 3,
        lastObservedTime: simTimeToRfc3339(NOW_SIM_MS - 5 * SECOND).replace('Z', '.000000Z'),
      },
    },
  ]
}

export function makeServices(): Service[] {
  const service = (
    name: string,
    spec: Service['spec'],
    status: Service['status'] = {},
  ): Service => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: ago(DAY + 2 * HOUR),
    },
    ...(spec ? { spec } : {}),
    status,
  })
  return [
    service('kubernetes', {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
    }),
    service('web', {
      type: 'NodePort',
      clusterIPs: ['10.96.14.2'],
      selector: { app: 'web' },
      ports: [
        { port: 80, nodePort: 30080, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
    }),
    service(
      'edge',
      {
        type: 'LoadBalancer',
        clusterIPs: ['10.96.20.9'],
        externalIPs: ['198.51.100.7'],
        selector: { app: 'edge', tier: 'front' },
        ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }],
      },
      {
        loadBalancer: {
          ingress: [{ ip: '203.0.113.10' }, { hostname: 'a1b2c3d4e5f6a7b8c9d0.elb.example.com' }],
        },
      },
    ),
    service('pending-lb', {
      type: 'LoadBalancer',
      clusterIPs: ['10.96.20.10'],
      ports: [{ port: 80, protocol: 'TCP' }],
    }),
    service('db', {
      type: 'ClusterIP',
      clusterIP: 'None',
      clusterIPs: ['None'],
      selector: { app: 'db' },
    }),
    service('ext', { type: 'ExternalName', externalName: 'db.example.com' }),
  ]
}

export function makeNamespaces(): Namespace[] {
  const namespace = (name: string, createdAgoMs: number, phase = 'Active'): Namespace => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: ago(createdAgoMs),
      labels: { 'kubernetes.io/metadata.name': name },
    },
    status: { phase },
  })
  return [
    namespace('default', 10 * DAY),
    namespace('kube-system', 10 * DAY),
    namespace('old-team', 3 * MINUTE, 'Terminating'),
  ]
}
