import { hashString } from '../core/rng'
import type { ActorContext, Behaviour } from '../runtime/actor'
import type { CriCall, CriResponse } from '../runtime/messages'
import { imageSize, lookupImage } from './programs/images'
import { answerPodRequest, runProbe } from './runtime-probes'
import { onTrafficResponse, onTrafficTimer } from '../kube-proxy/traffic'
import {
  notifyFollowers,
  onFollowTimer,
  readLogs,
  startFollowing,
  stopFollowing,
} from './runtime-logs'
import {
  CRASH_AFTER_MS,
  CRASH_EXIT_CODE,
  CRASH_LINE,
  faultOf,
  notFoundError,
  pullRefused,
  type ContainerFault,
} from './container-faults'
import {
  appendLine,
  containersOf,
  createContainerRuntimeState,
  hostnameOf,
  programOf,
  type ContainerRecord,
  type ContainerRuntimeState,
  type Sandbox,
} from './runtime-state'

export { createContainerRuntimeState, type ContainerRuntimeState, type ContainerRecord }

// A registry pull over a 50 MB/s link, plus about 300 ms for auth, manifest and layer lookups.
const PULL_BYTES_PER_MS = 50_000
const PULL_OVERHEAD_MS = 300
const SANDBOX_MS = 400 // pause container + CNI ADD
const CREATE_MS = 60
const START_MS = 120
// exitCode 128 + SIGKILL(9): what a container killed at the end of its grace period reports.
const SIGKILL_EXIT = 137

/** A 64-hex container id, stable for a given runtime and sequence number (as containerd's are unique). */
function containerIdFor(runtime: string, n: number): string {
  let hex = ''
  for (let i = 0; hex.length < 64; i++)
    hex += hashString(`${runtime}#${n}#${i}`).toString(16).padStart(8, '0')
  return hex.slice(0, 64)
}

export function imageSizeBytes(image: string): number {
  return imageSize(image)
}

interface Performed {
  delayMs: number
  response: Omit<CriResponse, 'type' | 'requestId'>
}
const ok = (delayMs: number, result: CriResponse['result'] = {}): Performed => ({
  delayMs,
  response: { ok: true, result },
})
const failed = (delayMs: number, error: string): Performed => ({
  delayMs,
  response: { ok: false, result: {}, error },
})

const kubeletOf = (state: ContainerRuntimeState): string => `kubelet/${state.host}`

/** The process ended: record it and tell the kubelet (CRI container event). */
export function containerStopped(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  id: string,
  record: ContainerRecord,
  exitCode: number,
  finishedAtMs: number,
): void {
  record.state = 'exited'
  record.exitCode = exitCode
  record.finishedAtMs = finishedAtMs
  ctx.send(
    kubeletOf(state),
    {
      type: 'cri-container-stopped',
      podUid: record.podUid,
      containerId: id,
      containerName: record.name,
      exitCode,
      // containerd reports "Completed" for exit 0 and "Error" otherwise (toKubeContainerState).
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAtMs: record.startedAtMs ?? finishedAtMs,
      finishedAtMs,
    },
    {
      label: `container ${record.name} exited (${exitCode})`,
      about: { kind: 'Pod', name: hostnameOf(state, record.podUid) ?? '' },
      extraDelayMs: Math.max(0, finishedAtMs - ctx.nowMs),
    },
  )
}

/** Keeps one exited container per Pod container (the kubelet's GC: MaxPerPodContainer = 1). */
function collectExited(state: ContainerRuntimeState, podUid: string, name: string): void {
  const exited = containersOf(state, podUid, name).filter(([, c]) => c.state === 'exited')
  for (const [id] of exited.slice(1)) delete state.containers[id]
}

/** The exit of a start: the program's own, or sooner with a crash-loop fault injected. */
function crashLoopExit(
  own: { atMs: number; code: number } | undefined,
  fault: ContainerFault | undefined,
): { atMs: number; code: number } | undefined {
  if (!fault?.crashLoop || (own && own.atMs <= CRASH_AFTER_MS)) return own
  return { atMs: CRASH_AFTER_MS, code: CRASH_EXIT_CODE }
}

function startContainer(ctx: ActorContext, state: ContainerRuntimeState, id: string): Performed {
  const record = state.containers[id]
  if (!record) return failed(0, `container "${id}" not found`)
  const program = programOf(state, record)
  if (program.startError !== undefined) {
    record.state = 'exited'
    record.exitCode = 128
    record.finishedAtMs = ctx.nowMs + START_MS
    return failed(START_MS, program.startError)
  }
  record.state = 'running'
  record.startedAtMs = ctx.nowMs + START_MS
  const exit = crashLoopExit(program.exit, faultOf(state, record.podUid, record.name))
  if (exit)
    ctx.setTimer(START_MS + exit.atMs, {
      name: 'container-exit',
      data: { id, startedAtMs: record.startedAtMs, injected: exit !== program.exit },
    })
  return ok(START_MS, { containerId: id })
}

function stopContainer(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  id: string,
  timeoutSeconds: number,
): Performed {
  const record = state.containers[id]
  if (record?.state !== 'running') return ok(50, { containerId: id })
  const sigterm = programOf(state, record).onSigterm
  const graceMs = Math.max(0, timeoutSeconds) * 1000
  const [exitCode, afterMs] =
    sigterm === 'ignore' || sigterm.afterMs > graceMs
      ? [SIGKILL_EXIT, graceMs + 50]
      : [sigterm.exitCode, sigterm.afterMs]
  containerStopped(ctx, state, id, record, exitCode, ctx.nowMs + afterMs)
  return ok(afterMs, { containerId: id })
}

function perform(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  call: CriCall,
  from: string,
): Performed {
  switch (call.call) {
    case 'RunPodSandbox': {
      const ip = `10.244.${state.podCidrOctet}.${state.nextIpSuffix++}`
      const sandbox: Sandbox = { ip, name: call.podName, namespace: call.namespace }
      if (call.hostname !== undefined) sandbox.hostname = call.hostname
      state.sandboxes[call.podUid] = sandbox
      return ok(SANDBOX_MS, { podIp: ip })
    }
    case 'ImageStatus': {
      const size = state.images[call.image]
      return ok(
        1,
        size === undefined ? { present: false } : { present: true, imageSizeBytes: size },
      )
    }
    case 'PullImage': {
      if (pullRefused(state, call.podUid, call.image))
        return failed(PULL_OVERHEAD_MS, notFoundError(call.image))
      const found = lookupImage(call.image)
      if (!found.ok) return failed(PULL_OVERHEAD_MS, found.error)
      const size = found.image.sizeBytes
      state.images[call.image] = size
      const delayMs = PULL_OVERHEAD_MS + Math.round(size / PULL_BYTES_PER_MS)
      return ok(delayMs, { imageSizeBytes: size, present: true })
    }
    case 'CreateContainer': {
      collectExited(state, call.podUid, call.containerName)
      const seq = state.nextContainer++
      const containerId = containerIdFor(state.id, seq)
      const record: ContainerRecord = {
        seq,
        podUid: call.podUid,
        name: call.containerName,
        image: call.image,
        state: 'created',
      }
      if (call.config) record.config = call.config
      state.containers[containerId] = record
      return ok(CREATE_MS, { containerId })
    }
    case 'StartContainer':
      return startContainer(ctx, state, call.containerId)
    case 'StopContainer':
      return stopContainer(ctx, state, call.containerId, call.timeoutSeconds)
    case 'StopPodSandbox':
      delete state.sandboxes[call.podUid]
      for (const [id, c] of Object.entries(state.containers))
        if (c.podUid === call.podUid) {
          delete state.containers[id]
          notifyFollowers(ctx, state, id)
        }
      return ok(50)
    case 'ReadLogs':
      return ok(2, { text: readLogs(state, call, ctx.nowMs) })
    case 'StopFollowing':
      stopFollowing(state, call.stream)
      return ok(1)
    case 'Probe': {
      const result = runProbe(state, call, ctx.nowMs)
      return ok(2, { success: result.success, text: result.output })
    }
  }
  return failed(0, `unknown CRI call from ${from}`)
}

function onContainerExitTimer(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  data: unknown,
): void {
  const { id, startedAtMs, injected } = data as {
    id: string
    startedAtMs: number
    injected?: boolean
  }
  const record = state.containers[id]
  if (record?.state !== 'running' || record.startedAtMs !== startedAtMs) return
  if (injected === true) appendLine(record, { atMs: ctx.nowMs, stream: 'stderr', text: CRASH_LINE })
  const code = injected === true ? CRASH_EXIT_CODE : (programOf(state, record).exit?.code ?? 0)
  containerStopped(ctx, state, id, record, code, ctx.nowMs)
  notifyFollowers(ctx, state, id)
}

export const containerRuntime: Behaviour<ContainerRuntimeState> = {
  start() {
    // containerd restores its state from disk; nothing to do on start.
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'pod-response') {
      onTrafficResponse(ctx, state, body)
      return
    }
    if (body.type === 'pod-request') {
      const answer = answerPodRequest(state, body, ctx.nowMs)
      if (answer)
        ctx.send(
          envelope.from,
          { type: 'pod-response', requestId: body.requestId, ...answer },
          {
            label:
              answer.outcome === 'ok'
                ? `HTTP ${answer.status ?? 200} from ${answer.pod ?? ''}`
                : `connection ${answer.outcome}`,
          },
        )
      return
    }
    if (body.type !== 'cri-request') return
    const { delayMs, response } = perform(ctx, state, body.request, envelope.from)
    ctx.send(
      envelope.from,
      { type: 'cri-response', requestId: body.requestId, ...response },
      {
        label: `${body.request.call} ${response.ok ? 'done' : 'failed'}`,
        step: envelope.step,
        about: envelope.about,
        extraDelayMs: delayMs,
      },
    )
    const request = body.request
    if (request.call === 'ReadLogs' && request.followStream !== undefined)
      startFollowing(ctx, state, request, envelope.from)
  },
  onTimer(ctx, state, timer) {
    if (onTrafficTimer(ctx, state, timer)) return
    if (timer.name === 'container-exit') onContainerExitTimer(ctx, state, timer.data)
    else if (timer.name === 'log-follow') onFollowTimer(ctx, state, Number(timer.data))
  },
}
