/**
 * The second describe golden: a batch pod with an init container, resources, probes, env,
 * a subPath mount, restarts with an OOMKilled last state, and no events.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { DAY, ago } from './pod-fixtures'

const REPORT_CONTAINER: Container = {
  name: 'report',
  image: 'example/report:3.2',
  args: ['--input=/work/in.csv', '--verbose'],
  ports: [
    { containerPort: 8080, protocol: 'TCP' },
    { containerPort: 9090, protocol: 'TCP', hostPort: 9090 },
  ],
  resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  livenessProbe: {
    httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
    ...{ initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 10 },
    ...{ successThreshold: 1, failureThreshold: 3 },
  },
  readinessProbe: {
    exec: { command: ['cat', '/tmp/ready'] },
    ...{ timeoutSeconds: 2, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
  },
  env: [
    { name: 'MODE', value: 'full' },
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
  ],
  volumeMounts: [
    { name: 'work', mountPath: '/work' },
    {
      name: 'config',
      mountPath: '/etc/report/report.yaml',
      subPath: 'report.yaml',
      readOnly: true,
    },
  ],
}

const FETCH_CONTAINER: Container = {
  name: 'fetch',
  image: 'busybox:1.36',
  command: ['sh', '-c', 'wget -O /work/in.csv http://data/in.csv'],
  volumeMounts: [{ name: 'work', mountPath: '/work' }],
}

export function makeReportPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...{ name: 'report-28xk7', namespace: 'batch', uid: 'uid-report' },
      creationTimestamp: ago(2 * DAY),
      annotations: {
        'example.com/owner': 'data-team',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
      },
    },
    spec: {
      initContainers: [FETCH_CONTAINER],
      containers: [REPORT_CONTAINER],
      volumes: [
        { name: 'work', emptyDir: {} },
        { name: 'config', configMap: { name: 'report-config' } },
      ],
      nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' },
      restartPolicy: 'OnFailure',
      serviceAccountName: 'default',
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'False' },
        { type: 'PodScheduled', status: 'True' },
      ],
      initContainerStatuses: [
        {
          ...{ name: 'fetch', image: 'busybox:1.36', imageID: '', ready: true, restartCount: 0 },
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: ago(2 * DAY),
              finishedAt: ago(2 * DAY - 5000),
            },
          },
        },
      ],
      containerStatuses: [
        {
          ...{
            name: 'report',
            image: 'example/report:3.2',
            imageID: '',
            ready: false,
            restartCount: 3,
          },
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
          lastState: {
            terminated: {
              exitCode: 137,
              reason: 'OOMKilled',
              startedAt: ago(DAY),
              finishedAt: ago(DAY - 60_000),
            },
          },
        },
      ],
    },
  }
}
