/**
 * Pods and events for the `kubectl describe pod` goldens. capture.mts serves the pod and the
 * events (with event times shifted to the real clock, since kubectl takes event ages from
 * time.Now) and writes `<id>.txt`; describe-pod.test.ts renders the same at NOW_SIM_MS.
 * Event ages are whole minutes ≥ 10m or hours, so a sub-second capture delay cannot show.
 */
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { simTimeToRfc3339 } from '../../core/time'
import { HOUR, MINUTE, NOW_SIM_MS, ago } from './pod-fixtures'
import { makeMiscPod } from './describe-misc-pod'
import { makeReportPod } from './describe-report-pod'

export interface DescribeCase {
  id: string
  pod: Pod
  events: Event[]
}

const micro = (agoMs: number): string =>
  simTimeToRfc3339(NOW_SIM_MS - agoMs).replace('Z', '.000000Z')

const KUBE_API_ACCESS = {
  name: 'kube-api-access-7xk2p',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      {
        downwardAPI: {
          items: [
            { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
          ],
        },
      },
    ],
  },
}

const DEFAULT_TOLERATIONS = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  },
]

const CONDITIONS = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
]

export function webPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-7d4b9c8f6d-abcde',
      generateName: 'web-7d4b9c8f6d-',
      namespace: 'default',
      uid: 'uid-web',
      creationTimestamp: ago(3 * HOUR + 20 * MINUTE),
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7d4b9c8f6d',
          uid: 'uid-rs',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          volumeMounts: [
            {
              name: KUBE_API_ACCESS.name,
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
        },
      ],
      volumes: [KUBE_API_ACCESS],
      nodeName: 'node-1',
      serviceAccountName: 'default',
      priority: 0,
      tolerations: DEFAULT_TOLERATIONS,
    },
    status: {
      phase: 'Running',
      conditions: CONDITIONS.map((type) => ({
        type,
        status: 'True',
        lastTransitionTime: ago(3 * HOUR),
      })),
      hostIP: '172.18.0.3',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: ago(3 * HOUR + 20 * MINUTE),
      qosClass: 'BestEffort',
      containerStatuses: [
        {
          name: 'nginx',
          image: 'docker.io/library/nginx:1.27',
          imageID:
            'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
          containerID:
            'containerd://5c1d0bd5e0b1c4c5a1e4a3c2b1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: ago(3 * HOUR + 19 * MINUTE) } },
        },
      ],
    },
  }
}

function webEvents(): Event[] {
  const base = (name: string, reason: string, message: string, component: string): Event => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    involvedObject: {
      kind: 'Pod',
      namespace: 'default',
      name: 'web-7d4b9c8f6d-abcde',
      uid: 'uid-web',
    },
    reason,
    message,
    type: 'Normal',
    source: { component },
  })
  return [
    {
      ...base('e3', 'Pulled', 'Container image "nginx:1.27" already present on machine', 'kubelet'),
      firstTimestamp: ago(3 * HOUR + 19 * MINUTE),
      lastTimestamp: ago(20 * MINUTE),
      count: 4,
    },
    {
      ...base(
        'e1',
        'Scheduled',
        'Successfully assigned default/web-7d4b9c8f6d-abcde to node-1',
        '',
      ),
      source: {},
      reportingComponent: 'default-scheduler',
      eventTime: micro(3 * HOUR + 20 * MINUTE),
    },
    {
      ...base('e4', 'Started', 'Started container nginx', 'kubelet'),
      firstTimestamp: ago(3 * HOUR + 19 * MINUTE),
      lastTimestamp: ago(3 * HOUR + 19 * MINUTE),
      count: 1,
    },
    {
      ...base(
        'e5',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 503',
        'kubelet',
      ),
      type: 'Warning',
      eventTime: micro(2 * HOUR),
      series: { count: 12, lastObservedTime: micro(15 * MINUTE) },
      lastTimestamp: ago(15 * MINUTE),
    },
  ]
}

/** Control characters in a message: does describe escape them like the table printer? */
function oddEvent(): Event {
  return {
    metadata: { name: 'odd', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'worker-0', uid: 'uid-worker' },
    type: 'Warning',
    reason: 'Odd',
    message: 'ansi \u001b[31mred\u001b[0m\tcr\rhere\nnext line',
    source: { component: 'kubelet' },
    firstTimestamp: ago(30 * MINUTE),
    lastTimestamp: ago(30 * MINUTE),
    count: 1,
  }
}

/** The classic teaching case: unschedulable, no container statuses, FailedScheduling. */
function pendingPod(): { pod: Pod; events: Event[] } {
  const web = webPod()
  const pod: Pod = {
    ...web,
    metadata: {
      name: 'big',
      namespace: 'default',
      uid: 'uid-big',
      creationTimestamp: ago(20 * MINUTE),
    },
    spec: {
      ...web.spec,
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          resources: {
            requests: { cpu: '8', memory: '16Gi' },
            limits: { cpu: '8', memory: '16Gi' },
          },
        },
      ],
      nodeName: '',
    },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      qosClass: 'Guaranteed',
    },
  }
  const event: Event = {
    metadata: { name: 'big.1', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'big', uid: 'uid-big' },
    type: 'Warning',
    reason: 'FailedScheduling',
    message:
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    reportingComponent: 'default-scheduler',
    eventTime: micro(20 * MINUTE),
    series: { count: 4, lastObservedTime: micro(10 * MINUTE) },
    source: {},
  }
  return { pod, events: [event] }
}

export function makeDescribeCases(): DescribeCase[] {
  return [
    { id: 'describe-pod-web', pod: webPod(), events: webEvents() },
    { id: 'describe-pod-report', pod: makeReportPod(), events: [] },
    { id: 'describe-pod-misc', pod: makeMiscPod(), events: [oddEvent()] },
    { id: 'describe-pod-pending', ...pendingPod() },
  ]
}
