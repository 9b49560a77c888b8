import type {
  ContainerState,
  ContainerStatus,
  PodCondition,
  PodStatus,
} from 'kubernetes-types/core/v1'
import { hashString } from '../core/rng'
import { simTimeToRfc3339 } from '../core/time'
import type { ProbeType } from '../runtime/workload-messages'
import type { ContainerProgress, KubeletState, PodWorker, TerminatedInfo } from './state'

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

// A container that never started (StartError) reports the zero time (Unix epoch).
const EPOCH = '1970-01-01T00:00:00Z'

function terminatedState(t: TerminatedInfo): ContainerState {
  return {
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      ...(t.message !== undefined ? { message: t.message } : {}),
      startedAt: t.startedAtMs === undefined ? EPOCH : simTimeToRfc3339(t.startedAtMs),
      finishedAt: simTimeToRfc3339(t.finishedAtMs),
      containerID: `containerd://${t.containerId}`,
    },
  }
}

/**
 * A probe's result for the container instance running now. The kubelet keeps results per
 * container ID (pkg/kubelet/prober/results), so a new instance has none until its own probe
 * crosses a threshold: not started, not ready (readiness' and startup's initial values).
 */
function currentResult(c: ContainerProgress, type: ProbeType): boolean | undefined {
  const p = c.probes?.[type]
  return p?.containerId !== undefined && p.containerId === c.id ? p.result : undefined
}

/** Started: the startup probe has succeeded for this instance, or there is none. */
export function hasStarted(c: ContainerProgress): boolean {
  return !c.probes?.Startup || currentResult(c, 'Startup') === true
}

/** Ready: running, started and, with a readiness probe, passing it (this instance). */
export function containerReady(c: ContainerProgress): boolean {
  const readinessOk = !c.probes?.Readiness || currentResult(c, 'Readiness') === true
  return c.state === 'running' && hasStarted(c) && readinessOk
}

/**
 * State / Last State of one container, as convertToAPIContainerStatuses derives them: a
 * container the kubelet will restart shows the last sync's reason (CrashLoopBackOff,
 * ImagePullBackOff…) as Waiting, with its termination moved to Last State.
 */
function states(c: ContainerProgress): Pick<ContainerStatus, 'state' | 'lastState'> {
  const last = c.lastTerminated ? terminatedState(c.lastTerminated) : {}
  if (c.state === 'running' && c.startedAtMs !== undefined)
    return { state: { running: { startedAt: simTimeToRfc3339(c.startedAtMs) } }, lastState: last }
  if (c.waiting) {
    const waiting = {
      waiting: {
        reason: c.waiting.reason,
        ...(c.waiting.message !== undefined ? { message: c.waiting.message } : {}),
      },
    }
    return { state: waiting, lastState: c.terminated ? terminatedState(c.terminated) : last }
  }
  if (c.state === 'terminated' && c.terminated)
    return { state: terminatedState(c.terminated), lastState: last }
  return { state: { waiting: { reason: 'ContainerCreating' } }, lastState: last }
}

function containerStatus(c: ContainerProgress): ContainerStatus {
  const running = c.state === 'running' && c.startedAtMs !== undefined
  const image = normalizeImage(c.image)
  const ready = containerReady(c)
  return {
    name: c.name,
    image,
    imageID:
      c.imagePulled === true ? `${image.replace(/:[^:/]*$/, '')}@sha256:${imageDigest(image)}` : '',
    ...(c.id !== undefined && (running || c.terminated)
      ? { containerID: `containerd://${c.id}` }
      : {}),
    ready,
    restartCount: c.restartCount ?? 0,
    started: running && hasStarted(c),
    ...states(c),
  }
}

/** getPhase (pkg/kubelet/kubelet_pods.go, v1.32) for regular containers. */
export function podPhase(
  policy: string,
  statuses: readonly ContainerStatus[],
): NonNullable<PodStatus['phase']> {
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  for (const s of statuses) {
    if (s.state?.running) running++
    else if (s.state?.terminated) {
      stopped++
      if (s.state.terminated.exitCode === 0) succeeded++
    } else if (s.lastState?.terminated) stopped++
    else waiting++
  }
  if (waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped === 0) return 'Pending'
  if (policy === 'Always') return 'Running'
  if (stopped === succeeded) return 'Succeeded'
  if (policy === 'Never') return 'Failed'
  return 'Running'
}

function condition(
  worker: PodWorker,
  type: string,
  ok: boolean,
  nowMs: number,
  extra: Partial<PodCondition> = {},
): PodCondition {
  const status = ok ? 'True' : 'False'
  // The status manager keeps a condition's lastTransitionTime until its status changes.
  const previous = (worker.reportedStatus as PodStatus | undefined)?.conditions?.find(
    (c) => c.type === type,
  )
  return {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime:
      previous?.status === status && previous.lastTransitionTime
        ? previous.lastTransitionTime
        : simTimeToRfc3339(nowMs),
    ...extra,
  }
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
  const statuses = worker.containers.map(containerStatus)
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name)
  const allReady = unready.length === 0
  const notReady = {
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${unready.join(' ')}]`,
  }
  const phase = podPhase(worker.pod.spec?.restartPolicy ?? 'Always', statuses)
  // A Pod whose containers all ended is PodCompleted rather than ContainersNotReady.
  const completed = phase === 'Succeeded' || phase === 'Failed'
  const readyExtra = allReady ? {} : completed ? { reason: 'PodCompleted' } : notReady
  return {
    phase,
    conditions: [
      condition(worker, 'PodReadyToStartContainers', worker.podIp !== undefined, nowMs),
      condition(worker, 'Initialized', true, nowMs),
      condition(worker, 'Ready', allReady, nowMs, readyExtra),
      condition(worker, 'ContainersReady', allReady, nowMs, readyExtra),
    ],
    hostIP: state.internalIp,
    hostIPs: [{ ip: state.internalIp }],
    ...(worker.podIp !== undefined ? { podIP: worker.podIp, podIPs: [{ ip: worker.podIp }] } : {}),
    startTime: simTimeToRfc3339(worker.startTimeMs),
    containerStatuses: statuses,
    ...(worker.pod.status?.qosClass !== undefined ? { qosClass: worker.pod.status.qosClass } : {}),
  }
}
