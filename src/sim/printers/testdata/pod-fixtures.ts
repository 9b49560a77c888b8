/**
 * Objects shared by the golden tests and by capture.mts (which serves them to a real kubectl).
 * Timestamps are virtual times rendered with simTimeToRfc3339, so ages are exact at NOW_SIM_MS.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1'
import { simTimeToRfc3339 } from '../../core/time'

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** The virtual "now" of every golden: 10 days after the sim epoch. */
export const NOW_SIM_MS = 10 * DAY

/** RFC 3339 time `agoMs` before NOW_SIM_MS. */
export const ago = (agoMs: number): string => simTimeToRfc3339(NOW_SIM_MS - agoMs)

export const container = (name: string, image = 'nginx:1.27'): Container => ({ name, image })

const running = (name: string, restartCount = 0, ready = true): ContainerStatus => ({
  name,
  image: 'nginx:1.27',
  imageID: '',
  ready,
  restartCount,
  started: true,
  state: { running: { startedAt: ago(HOUR) } },
})

const waiting = (name: string, reason: string, restartCount = 0): ContainerStatus => ({
  name,
  image: 'nginx:1.27',
  imageID: '',
  ready: false,
  restartCount,
  state: { waiting: { reason } },
})

interface PodInput {
  name: string
  namespace?: string
  createdAgoMs: number
  phase: string
  node?: string
  ip?: string
  containers?: Container[]
  statuses?: ContainerStatus[]
  labels?: Record<string, string>
}

function pod(input: PodInput): Pod {
  const containers = input.containers ?? [container('app')]
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: input.name,
      namespace: input.namespace ?? 'default',
      uid: `uid-${input.name}`,
      creationTimestamp: ago(input.createdAgoMs),
      ...(input.labels ? { labels: input.labels } : {}),
    },
    spec: { containers, ...(input.node ? { nodeName: input.node } : {}) },
    status: {
      phase: input.phase,
      ...(input.ip ? { podIP: input.ip, podIPs: [{ ip: input.ip }] } : {}),
      ...(input.statuses ? { containerStatuses: input.statuses } : {}),
    },
  }
}

export const web = { app: 'web', 'pod-template-hash': '7d4b9c8f6d' }

/** One pod per STATUS branch of printPod. */
export function makePods(): Pod[] {
  const pods = [
    pod({
      ...{ name: 'web-7d4b9c8f6d-abcde', createdAgoMs: 3 * HOUR + 20 * MINUTE, phase: 'Running' },
      ...{ node: 'node-1', ip: '10.244.1.5', labels: web, statuses: [running('app')] },
    }),
    pod({
      ...{ name: 'web-7d4b9c8f6d-fghij', createdAgoMs: 2 * DAY + 5 * HOUR, phase: 'Running' },
      ...{ node: 'node-2', ip: '10.244.2.7', labels: web },
      containers: [container('app'), container('log-shipper', 'busybox:1.36')],
      statuses: [
        {
          ...running('app', 5),
          lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * MINUTE) } },
        },
        running('log-shipper', 0, false),
      ],
    }),
    pod({ name: 'pending', createdAgoMs: 45 * SECOND, phase: 'Pending' }),
    pod({
      ...{ name: 'creating', createdAgoMs: 95 * SECOND, phase: 'Pending', node: 'node-1' },
      statuses: [waiting('app', 'ContainerCreating')],
    }),
    pod({
      ...{ name: 'crashy', createdAgoMs: 12 * MINUTE, phase: 'Running', node: 'node-1' },
      ...{ ip: '10.244.1.9' },
      statuses: [
        {
          ...waiting('app', 'CrashLoopBackOff', 7),
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(30 * SECOND) } },
        },
      ],
    }),
    pod({
      ...{ name: 'bad-image', createdAgoMs: 150 * SECOND, phase: 'Pending', node: 'node-2' },
      statuses: [waiting('app', 'ErrImagePull')],
    }),
    pod({
      ...{ name: 'bad-image-2', createdAgoMs: 8 * MINUTE, phase: 'Pending', node: 'node-2' },
      statuses: [waiting('app', 'ImagePullBackOff')],
    }),
    pod({
      ...{ name: 'done', createdAgoMs: 4 * DAY, phase: 'Succeeded', node: 'node-1' },
      statuses: [
        {
          ...running('app', 0, false),
          state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: ago(DAY) } },
        },
      ],
    }),
    pod({
      ...{ name: 'failed', createdAgoMs: 400 * DAY, phase: 'Failed', node: 'node-1' },
      statuses: [
        {
          ...running('app', 0, false),
          state: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(DAY) } },
        },
      ],
    }),
    pod({
      ...{ name: 'killed', createdAgoMs: 9 * HOUR, phase: 'Running', node: 'node-1' },
      statuses: [{ ...running('app', 0, false), state: { terminated: { exitCode: 137 } } }],
    }),
  ]
  return [...pods, ...makeSpecialPods()]
}

/** Init containers, sidecars, deletion, gates: the less common printPod branches. */
function makeSpecialPods(): Pod[] {
  let init = pod({
    name: 'init-wait',
    createdAgoMs: 20 * SECOND,
    phase: 'Pending',
    node: 'node-1',
  })
  init.spec = {
    ...init.spec,
    containers: [container('app')],
    initContainers: [container('a'), container('b')],
  }
  init = {
    ...init,
    status: {
      phase: 'Pending',
      initContainerStatuses: [
        { ...running('a', 0, false), state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        running('b', 0, false),
      ],
      containerStatuses: [waiting('app', 'PodInitializing')],
    },
  }
  let sidecar = pod({
    name: 'with-sidecar',
    createdAgoMs: 7 * DAY,
    phase: 'Running',
    node: 'node-2',
  })
  sidecar.spec = {
    containers: [container('app')],
    initContainers: [{ ...container('proxy', 'envoy:1.31'), restartPolicy: 'Always' }],
    readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }],
    nodeName: 'node-2',
  }
  sidecar = {
    ...sidecar,
    status: {
      phase: 'Running',
      podIPs: [{ ip: '10.244.2.11' }],
      nominatedNodeName: 'node-3',
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'False' },
        { type: 'example.com/lb', status: 'True' },
      ],
      initContainerStatuses: [
        {
          ...running('proxy', 2),
          lastState: { terminated: { exitCode: 2, finishedAt: ago(3 * HOUR) } },
        },
      ],
      containerStatuses: [running('app')],
    },
  }
  let deleting = pod({ name: 'deleting', createdAgoMs: HOUR, phase: 'Running', node: 'node-1' })
  deleting.metadata = { ...deleting.metadata, deletionTimestamp: ago(0) }
  deleting = { ...deleting, status: { ...deleting.status, containerStatuses: [running('app')] } }
  let lost = pod({ name: 'lost', createdAgoMs: HOUR, phase: 'Running', node: 'node-2' })
  lost.metadata = { ...lost.metadata, deletionTimestamp: ago(0) }
  lost = {
    ...lost,
    status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('app')] },
  }
  let gated = pod({ name: 'gated', createdAgoMs: 3 * MINUTE, phase: 'Pending' })
  gated = {
    ...gated,
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    },
  }
  return [init, sidecar, deleting, lost, gated]
}

/** Pods in two namespaces, for `-A`. */
export function makeAllNamespacePods(): Pod[] {
  return [
    pod({
      ...{ name: 'coredns-6f6b679f8f-2xk9p', namespace: 'kube-system', createdAgoMs: 10 * DAY },
      ...{
        phase: 'Running',
        node: 'control-plane',
        ip: '10.244.0.2',
        statuses: [running('coredns')],
      },
    }),
    ...makePods().slice(0, 3),
  ]
}
