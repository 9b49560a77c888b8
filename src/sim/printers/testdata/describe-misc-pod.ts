/**
 * The third describe golden: a terminating pod exercising the rarer describePod branches
 * (priority class, runtime class, long and multi-line annotations, readiness gates, dual-stack
 * IPs, signals, envFrom, tolerations variants, volume types, topology spread constraints).
 */
import type { Container, Pod, PodSpec, Volume } from 'kubernetes-types/core/v1'
import { DAY, HOUR, MINUTE, ago } from './pod-fixtures'

const WORKER: Container = {
  name: 'worker',
  image: 'example/worker:1.0',
  command: ['/bin/worker', '--mode\nfast'],
  // Served as a real server would, with defaults: timeout 1s, success 1.
  startupProbe: {
    tcpSocket: { port: 'grpc' },
    failureThreshold: 30,
    periodSeconds: 2,
    timeoutSeconds: 1,
    successThreshold: 1,
  },
  // Left undefaulted on purpose: kubectl prints the zero values it is given.
  livenessProbe: { grpc: { port: 9000, service: 'health' } },
  env: [
    { name: 'BANNER', value: 'line one\nline two' },
    {
      name: 'LEVEL',
      valueFrom: { configMapKeyRef: { name: 'settings', key: 'level', optional: true } },
    },
    { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    {
      name: 'TEAM',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['team']" } },
    },
  ],
  envFrom: [
    { configMapRef: { name: 'common' } },
    { prefix: 'DB_', secretRef: { name: 'db', optional: true } },
  ],
  volumeMounts: [
    { name: 'data', mountPath: '/data' },
    { name: 'host', mountPath: '/host/logs', readOnly: true },
    { name: 'creds', mountPath: '/creds', readOnly: true },
  ],
}

const LONG_ANNOTATION = `checksum/config=${'0123456789abcdef'.repeat(9)}`

const SCHEDULING: Pick<PodSpec, 'tolerations' | 'topologySpreadConstraints'> = {
  tolerations: [
    { operator: 'Exists' },
    { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
    { key: 'spot', operator: 'Exists' },
  ],
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: 'zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { app: 'worker' } },
    },
    { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
  ],
}

const VOLUMES: Volume[] = [
  { name: 'data', persistentVolumeClaim: { claimName: 'data-worker-0' } },
  { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
  { name: 'creds', secret: { secretName: 'creds', optional: true } },
  { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
  {
    name: 'podinfo',
    downwardAPI: {
      items: [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'cpu', resourceFieldRef: { resource: 'limits.cpu', containerName: 'worker' } },
      ],
    },
  },
  { name: 'mystery' },
]

export function makeMiscPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...{ name: 'worker-0', namespace: 'default', uid: 'uid-worker' },
      creationTimestamp: ago(3 * DAY),
      deletionTimestamp: ago(12 * MINUTE),
      deletionGracePeriodSeconds: 30,
      labels: { app: 'worker', team: 'infra' },
      annotations: {
        'example.com/short': 'yes',
        'example.com/long': LONG_ANNOTATION,
        'example.com/multi': 'first line\nsecond line\n',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          name: 'worker',
          uid: 'uid-sts',
          controller: true,
        },
      ],
    },
    spec: {
      containers: [WORKER],
      ephemeralContainers: [{ name: 'debugger', image: 'busybox:1.36', stdin: true, tty: true }],
      nodeName: 'node-2',
      priority: 1000,
      priorityClassName: 'high',
      runtimeClassName: 'gvisor',
      readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }],
      ...SCHEDULING,
      volumes: VOLUMES,
    },
    status: {
      phase: 'Running',
      reason: 'Evicting',
      message: 'The node was low on resource: memory.',
      nominatedNodeName: 'node-3',
      hostIP: '172.18.0.4',
      podIP: '10.244.2.20',
      podIPs: [{ ip: '10.244.2.20' }, { ip: 'fd00:10:244:2::14' }],
      startTime: ago(3 * DAY - 2000),
      conditions: [
        { type: 'example.com/lb', status: 'True' },
        { type: 'Ready', status: 'False' },
      ],
      containerStatuses: [
        {
          ...{
            name: 'worker',
            image: 'example/worker:1.0',
            imageID: '',
            ready: false,
            restartCount: 1,
          },
          state: {
            terminated: {
              ...{ exitCode: 143, signal: 15, message: 'received SIGTERM' },
              ...{ startedAt: ago(HOUR), finishedAt: ago(11 * MINUTE) },
            },
          },
          lastState: {
            terminated: { exitCode: 0, startedAt: ago(2 * DAY), finishedAt: ago(HOUR) },
          },
        },
      ],
    },
  }
}
