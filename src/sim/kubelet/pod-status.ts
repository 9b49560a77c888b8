import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1'
import { hashString } from '../core/rng'
import { simTimeToRfc3339 } from '../core/time'
import type { KubeletState, PodWorker } from './state'

/** "nginx:1.27" → "docker.io/library/nginx:1.27", as containerd reports image references. */
export function normalizeImage(image: string): string {
  const first = image.split('/')[0] ?? ''
  const hasRegistry =
    image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
  if (hasRegistry) return image
  const withTag = /[:@]/.test(image.split('/').pop() ?? '') ? image : `${image}:latest`
  return image.includes('/') ? `docker.io/${withTag}` : `docker.io/library/${withTag}`
}

function imageDigest(image: string): string {
  let hex = ''
  for (let i = 0; hex.length < 64; i++)
    hex += hashString(`${image}#${i}`).toString(16).padStart(8, '0')
  return hex.slice(0, 64)
}

function containerStatus(worker: PodWorker, index: number, nowMs: number): ContainerStatus {
  const c = worker.containers[index]
  if (!c) throw new Error('container index out of range')
  const running = c.state === 'running' && c.startedAtMs !== undefined
  const image = normalizeImage(c.image)
  return {
    name: c.name,
    image,
    imageID: running ? `${image.replace(/:[^:/]*$/, '')}@sha256:${imageDigest(image)}` : '',
    ...(c.id !== undefined && running ? { containerID: `containerd://${c.id}` } : {}),
    ready: running,
    restartCount: 0,
    started: running,
    state: running
      ? { running: { startedAt: simTimeToRfc3339(c.startedAtMs ?? nowMs) } }
      : {
          waiting: {
            reason: c.waitingReason ?? 'ContainerCreating',
            ...(c.waitingMessage !== undefined ? { message: c.waitingMessage } : {}),
          },
        },
    lastState: {},
  }
}

function condition(type: string, ok: boolean, nowMs: number, unreadyNames: string[]): PodCondition {
  const base: PodCondition = {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null as unknown as string,
    lastTransitionTime: simTimeToRfc3339(nowMs),
  }
  if (!ok && (type === 'Ready' || type === 'ContainersReady')) {
    return {
      ...base,
      reason: 'ContainersNotReady',
      message: `containers with unready status: [${unreadyNames.join(' ')}]`,
    }
  }
  return base
}

/**
 * The status the kubelet reports: phase, conditions and container statuses from what the
 * runtime has done so far. Source: generateAPIPodStatus / getPhase, pkg/kubelet/kubelet_pods.go (v1.32)
 */
export function generatePodStatus(
  state: KubeletState,
  worker: PodWorker,
  nowMs: number,
): PodStatus {
  const statuses = worker.containers.map((_, i) => containerStatus(worker, i, nowMs))
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name)
  const allRunning = unready.length === 0
  const sandboxReady = worker.podIp !== undefined
  return {
    phase: allRunning ? 'Running' : 'Pending',
    conditions: [
      condition('PodReadyToStartContainers', sandboxReady, nowMs, unready),
      condition('Initialized', true, nowMs, unready),
      condition('Ready', allRunning, nowMs, unready),
      condition('ContainersReady', allRunning, nowMs, unready),
    ],
    hostIP: state.internalIp,
    hostIPs: [{ ip: state.internalIp }],
    ...(worker.podIp !== undefined ? { podIP: worker.podIp, podIPs: [{ ip: worker.podIp }] } : {}),
    startTime: simTimeToRfc3339(worker.startTimeMs),
    containerStatuses: statuses,
    ...(worker.pod.status?.qosClass !== undefined ? { qosClass: worker.pod.status.qosClass } : {}),
  }
}
