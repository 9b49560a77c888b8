/**
 * Starting one container, as kuberuntime's startContainer does: make sure the image is there
 * (EnsureImageExists: already present, pull, or back off), create the container with its
 * config, start it. A first start moves the Pod's start sequence on; a restart bumps the
 * restart count and keeps the last termination for `Last State`.
 * Event texts: pkg/kubelet/images/image_manager.go, kuberuntime_container.go (v1.32).
 */
import type { Container } from 'kubernetes-types/core/v1'
import { boundedIntern } from '../core/bounded-intern'
import { freezeShared } from '../core/share-clone'
import { formatGoDuration } from '../runtime/events-recorder'
import type { ActorContext } from '../runtime/actor'
import type { CriResponse } from '../runtime/messages'
import type { ContainerConfig } from '../runtime/workload-messages'
import { onContainerEnded } from './container-restart'
import { answerLogRequest } from './container-logs'
import { onPullFailed, inImagePullBackOff } from './image-pull'
import { containerNamed, podEvent } from './kubelet-events'
import { cri, patchStatus, startNextContainer } from './pod-worker'
import { onProbeResult } from './prober'
import type { ContainerProgress, KubeletState, PendingCri, PodWorker } from './state'

// The env and ports of a container without any: one frozen value for all (the runtime keeps a
// config per container; nothing changes one once sent).
const NO_ENV: Record<string, string> = Object.freeze({})
const NO_PORTS: readonly number[] = Object.freeze([])

// Equal configs (every container of a Deployment's Pods on nodes of one size) are one frozen
// value: the runtime keeps each container's config as long as the container exists, and nothing
// changes it. A memo of identity only, outside the sim state (core/bounded-intern.ts).
const sharedConfig = boundedIntern<ContainerConfig>(1024, 'kubelet/container-start.ts sharedConfig')

/** The CRI ContainerConfig for a container: what it runs, from the Pod spec. */
export function configFor(state: KubeletState, worker: PodWorker, name: string): ContainerConfig {
  const spec: Container | undefined = worker.pod.spec?.containers.find((c) => c.name === name)
  const env: Record<string, string> = {}
  for (const e of spec?.env ?? []) if (e.value !== undefined) env[e.name] = e.value
  const ports = spec?.ports ?? []
  const config: ContainerConfig = {
    ...(spec?.command !== undefined ? { command: spec.command } : {}),
    ...(spec?.args !== undefined ? { args: spec.args } : {}),
    env: Object.keys(env).length > 0 ? env : NO_ENV,
    ports: ports.length > 0 ? ports.map((p) => p.containerPort) : (NO_PORTS as number[]),
    cpus: Math.max(1, Math.floor(Number(state.resources.cpu) || 1)),
  }
  // The key says every value (JSON keeps the fields in the order just written).
  const held = sharedConfig(JSON.stringify(config), config)
  return held === config ? freezeShared(config) : held
}

/** ImageStatus → (pull) → CreateContainer → StartContainer for one container. */
export function startContainerAttempt(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
): void {
  c.starting = true
  cri(ctx, state, worker, { call: 'ImageStatus', image: c.image }, c.name)
}

/** The first start of a container is done (started or failed): start the next one. */
function continueSequence(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
): void {
  if (worker.stage !== 'containers' || worker.containers[worker.containerIndex] !== c) return
  worker.containerIndex++
  startNextContainer(ctx, state, worker)
}

function create(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
): void {
  c.imagePulled = true
  const config = configFor(state, worker, c.name)
  cri(
    ctx,
    state,
    worker,
    { call: 'CreateContainer', podUid: worker.uid, containerName: c.name, image: c.image, config },
    c.name,
  )
}

function onImageStatus(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
  response: CriResponse,
): void {
  const present = response.result.present === true
  if (c.pullPolicy === 'Never' && !present) {
    const message = `Container image "${c.image}" is not present with pull policy of Never`
    podEvent(ctx, state, worker, 'Warning', 'ErrImageNeverPull', message, c)
    c.waiting = { reason: 'ErrImageNeverPull', message }
    c.starting = false
    patchStatus(ctx, state, worker)
    return continueSequence(ctx, state, worker, c)
  }
  if (present && c.pullPolicy !== 'Always') {
    podEvent(
      ctx,
      state,
      worker,
      'Normal',
      'Pulled',
      `Container image "${c.image}" already present on machine`,
      c,
    )
    return create(ctx, state, worker, c)
  }
  if (inImagePullBackOff(ctx, state, worker, c)) return continueSequence(ctx, state, worker, c)
  c.pullStartedMs = ctx.nowMs
  podEvent(ctx, state, worker, 'Normal', 'Pulling', `Pulling image "${c.image}"`, c)
  cri(ctx, state, worker, { call: 'PullImage', image: c.image, podUid: worker.uid }, c.name)
}

function onStarted(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
): void {
  c.starting = false
  if (c.restarting) {
    c.restartCount = (c.restartCount ?? 0) + 1
    if (c.terminated) c.lastTerminated = c.terminated
  }
  delete c.terminated
  delete c.waiting
  c.restarting = false
  c.state = 'running'
  c.startedAtMs = ctx.nowMs
  podEvent(ctx, state, worker, 'Normal', 'Started', `Started container ${c.name}`, c)
  if (worker.stage === 'containers' && worker.containers[worker.containerIndex] === c)
    return continueSequence(ctx, state, worker, c)
  patchStatus(ctx, state, worker)
}

/** StartContainer failed (the entrypoint is not in the image): the container ends as StartError. */
function onStartFailed(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  c: ContainerProgress,
  error: string,
): void {
  c.starting = false
  podEvent(ctx, state, worker, 'Warning', 'Failed', `Error: ${error}`, c)
  if (c.restarting && c.terminated) c.lastTerminated = c.terminated
  if (c.restarting) c.restartCount = (c.restartCount ?? 0) + 1
  c.restarting = false
  c.state = 'terminated'
  c.terminated = {
    exitCode: 128,
    reason: 'StartError',
    message: error,
    startedAtMs: undefined,
    finishedAtMs: ctx.nowMs,
    containerId: c.id ?? '',
  }
  continueSequence(ctx, state, worker, c)
  onContainerEnded(ctx, state, worker, c)
}

/** The container-level CRI answers: image, create, start, logs and probes. */
export function onContainerCriResponse(
  ctx: ActorContext,
  state: KubeletState,
  worker: PodWorker,
  pending: PendingCri,
  response: CriResponse,
): void {
  if (pending.call === 'ReadLogs') return answerLogRequest(ctx, state, pending, response)
  const c = containerNamed(worker, pending.container)
  if (!c) return
  switch (pending.call) {
    case 'ImageStatus':
      return onImageStatus(ctx, state, worker, c, response)
    case 'PullImage': {
      if (!response.ok) {
        onPullFailed(ctx, state, worker, c, response.error ?? '')
        return continueSequence(ctx, state, worker, c)
      }
      const took = formatGoDuration(ctx.nowMs - (c.pullStartedMs ?? ctx.nowMs))
      podEvent(
        ctx,
        state,
        worker,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${response.result.imageSizeBytes ?? 0} bytes.`,
        c,
      )
      return create(ctx, state, worker, c)
    }
    case 'CreateContainer':
      if (response.result.containerId === undefined) return
      c.id = response.result.containerId
      podEvent(ctx, state, worker, 'Normal', 'Created', `Created container: ${c.name}`, c)
      return cri(ctx, state, worker, { call: 'StartContainer', containerId: c.id }, c.name)
    case 'StartContainer':
      return response.ok
        ? onStarted(ctx, state, worker, c)
        : onStartFailed(ctx, state, worker, c, response.error ?? '')
    case 'Probe':
      if (pending.probeType) onProbeResult(ctx, state, worker, c, pending.probeType, response)
      return
    default:
      return
  }
}
