/**
 * The kubelet's `/containerLogs/{namespace}/{pod}/{container}` endpoint (port 10250), which
 * the API server proxies `kubectl logs` to. It picks the container instance as
 * validateContainerLogStatus does (the running one, else the last terminated one; `previous`
 * the one before), or answers 400 with upstream's reason, and streams with `follow`.
 * Source: pkg/kubelet/kubelet_pods.go validateContainerLogStatus, GetKubeletContainerLogs;
 * pkg/kubelet/server/server.go getContainerLogs (v1.32).
 */
import type { ActorContext } from '../runtime/actor'
import type { CriResponse, HttpRequest } from '../runtime/messages'
import type { HttpCancel, LogStreamChunk } from '../runtime/workload-messages'
import { cri } from './pod-worker'
import { generatePodStatus } from './pod-status'
import type { KubeletState, PendingCri, PodWorker } from './state'
import { uidNamed, workerOf } from './settled-pod'

function reply(
  ctx: ActorContext,
  to: string,
  requestId: number,
  code: number,
  body: string,
  streaming = false,
): void {
  ctx.send(
    to,
    { type: 'http-response', requestId, code, body, ...(streaming ? { streaming } : {}) },
    { label: `${code} ${code === 200 ? 'container log' : 'Bad Request'}` },
  )
}

function workerNamed(state: KubeletState, namespace: string, name: string): PodWorker | undefined {
  const uid = uidNamed(state, namespace, name)
  return uid === undefined ? undefined : workerOf(state, uid)
}

/** Which container instance to read, or the error text kubelet answers with. */
function validate(
  state: KubeletState,
  worker: PodWorker,
  container: string,
  previous: boolean,
  nowMs: number,
): string | undefined {
  const status = generatePodStatus(state, worker, nowMs).containerStatuses?.find(
    (s) => s.name === container,
  )
  const pod = worker.name
  if (!status) return `container ${container} is not valid for pod ${pod}`
  const last = status.lastState?.terminated
  if (previous) {
    return last?.containerID
      ? undefined
      : `previous terminated container "${container}" in pod "${pod}" not found`
  }
  if (status.state?.running || status.state?.terminated?.containerID || last?.containerID)
    return undefined
  if (status.state?.terminated) return `container "${container}" in pod "${pod}" is terminated`
  const reason = status.state?.waiting?.reason
  if (reason === 'ErrImagePull')
    return `container "${container}" in pod "${pod}" is waiting to start: image can't be pulled`
  if (reason === 'ImagePullBackOff')
    return `container "${container}" in pod "${pod}" is waiting to start: trying and failing to pull image`
  if (reason !== undefined)
    return `container "${container}" in pod "${pod}" is waiting to start: ${reason}`
  return `container "${container}" in pod "${pod}" is waiting to start - no logs yet`
}

/** GET /containerLogs/… from the API server. */
export function onLogRequest(
  ctx: ActorContext,
  state: KubeletState,
  from: string,
  request: HttpRequest,
): void {
  const [, , namespace = '', name = '', container = ''] = request.path.split('/')
  const worker = workerNamed(state, namespace, name)
  if (!worker) return reply(ctx, from, request.requestId, 404, `pod "${name}" not found`)
  const q = request.query
  const previous = q['previous'] === 'true'
  const error = validate(state, worker, container, previous, ctx.nowMs)
  if (error !== undefined) return reply(ctx, from, request.requestId, 400, error)
  const follow = q['follow'] === 'true' && !previous
  const stream = state.nextCriId
  ;(state.logRequests ??= {})[stream] = { apiserver: from, requestId: request.requestId, follow }
  cri(
    ctx,
    state,
    worker,
    {
      call: 'ReadLogs',
      podUid: worker.uid,
      containerName: container,
      previous,
      timestamps: q['timestamps'] === 'true',
      ...(q['tailLines'] !== undefined ? { tailLines: Number(q['tailLines']) } : {}),
      ...(q['sinceSeconds'] !== undefined ? { sinceMs: Number(q['sinceSeconds']) * 1000 } : {}),
      ...(follow ? { followStream: stream } : {}),
    },
    container,
    { stream },
  )
}

/** The runtime read the log: answer the API server (and keep the stream open with follow). */
export function answerLogRequest(
  ctx: ActorContext,
  state: KubeletState,
  pending: PendingCri,
  response: CriResponse,
): void {
  const id = pending.stream
  const target = id !== undefined ? state.logRequests?.[id] : undefined
  if (!target || id === undefined) return
  reply(ctx, target.apiserver, target.requestId, 200, response.result.text ?? '', target.follow)
  if (!target.follow) delete state.logRequests?.[id]
}

/** More lines of a followed log: pass them on; the end closes the response. */
export function onLogChunk(ctx: ActorContext, state: KubeletState, chunk: LogStreamChunk): void {
  const target = state.logRequests?.[chunk.stream]
  if (!target) return
  ctx.send(
    target.apiserver,
    { type: 'http-chunk', requestId: target.requestId, text: chunk.text, end: chunk.end },
    { label: chunk.end ? 'log stream ends' : 'log lines' },
  )
  if (chunk.end) delete state.logRequests?.[chunk.stream]
}

/** The client went away: stop following. */
export function onLogCancel(
  ctx: ActorContext,
  state: KubeletState,
  from: string,
  cancel: HttpCancel,
): void {
  for (const [stream, target] of Object.entries(state.logRequests ?? {})) {
    if (target.apiserver !== from || target.requestId !== cancel.requestId) continue
    delete state.logRequests?.[Number(stream)]
    ctx.send(
      state.runtime,
      {
        type: 'cri-request',
        requestId: state.nextCriId++,
        request: { call: 'StopFollowing', stream: Number(stream) },
      },
      { label: 'StopFollowing' },
    )
  }
}
