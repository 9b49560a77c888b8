/**
 * GET /api/v1/namespaces/{ns}/pods/{name}/log: the API server finds the Pod's node and
 * proxies the request to that node's kubelet (`https://<InternalIP>:10250/containerLogs/…`),
 * then streams the answer back; `follow` keeps the response open. The container must be named
 * when the Pod has several; a Pod not yet on a node has no log yet. An unreachable kubelet
 * fails after --kubelet-timeout.
 * Source: pkg/registry/core/pod/strategy.go LogLocation/validateContainer;
 * pkg/registry/core/pod/rest/log.go; staging/src/k8s.io/apiserver/pkg/registry/generic/rest/streamer.go (v1.32).
 */
import { componentCredential } from './authn/credentials'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { ActorContext } from '../runtime/actor'
import type { HttpResponse } from '../runtime/messages'
import type { HttpCancel, HttpChunk } from '../runtime/workload-messages'
import { reply, replyError } from './respond'
import { etcdKey, findResource } from './resources'
import type { ApiServerState, IncomingRequest } from './state'
import { badRequest, notFound, storageError } from './status'

// --kubelet-timeout = 5 s: pkg/kubeapiserver/options/kubelet.go (v1.32).
const KUBELET_TIMEOUT_MS = 5_000
const KUBELET_PORT = 10250

export interface KubeletCall {
  client: string
  clientRequestId: number
  kubelet: string
  url: string
  host: string
  answered: boolean
}

function calls(state: ApiServerState): Record<number, KubeletCall> {
  return (state.kubeletCalls ??= {})
}

/** validateContainer: which container, or the BadRequest text. */
function containerFor(pod: Pod, requested: string | undefined): string | { error: string } {
  const names = (pod.spec?.containers ?? []).map((c) => c.name)
  const podName = pod.metadata?.name ?? ''
  if (requested === undefined || requested === '') {
    if (names.length === 1) return names[0] ?? ''
    if (names.length === 0)
      return { error: `a container name must be specified for pod ${podName}` }
    const all = [...(pod.spec?.initContainers ?? []).map((c) => c.name), ...names]
    return {
      error: `a container name must be specified for pod ${podName}, choose one of: [${all.join(' ')}]`,
    }
  }
  const known = [...names, ...(pod.spec?.initContainers ?? []).map((c) => c.name)]
  return known.includes(requested)
    ? requested
    : { error: `container ${requested} is not valid for pod ${podName}` }
}

function nodeAddress(state: ApiServerState, nodeName: string): string {
  const info = findResource('', 'nodes')
  const node = info
    ? (state.cache.objects.get(etcdKey(info, undefined, nodeName)) as Node | undefined)
    : undefined
  return node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName
}

export function handlePodLog(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
): void {
  const { from, request, path, step } = incoming
  const name = path.name ?? ''
  const pod = state.cache.objects.get(etcdKey(path.info, path.namespace, name)) as Pod | undefined
  if (!pod) return replyError(ctx, from, request.requestId, notFound(path.info, name), { step })
  const container = containerFor(pod, request.query['container'])
  if (typeof container !== 'string')
    return replyError(ctx, from, request.requestId, badRequest(container.error), { step })
  const nodeName = pod.spec?.nodeName
  // LogLocation: no node yet, no location; the response is empty.
  if (!nodeName) return reply(ctx, from, request.requestId, 200, '', { step })
  const host = nodeAddress(state, nodeName)
  const kubeletPath = `/containerLogs/${path.namespace ?? 'default'}/${name}/${container}`
  const id = (state.nextKubeletCallId = (state.nextKubeletCallId ?? 0) + 1)
  const query: Record<string, string> = {}
  for (const key of ['follow', 'previous', 'timestamps', 'tailLines', 'sinceSeconds'])
    if (request.query[key] !== undefined) query[key] = request.query[key] ?? ''
  calls(state)[id] = {
    client: from,
    clientRequestId: request.requestId,
    kubelet: `kubelet/${nodeName}`,
    url: `https://${host}:${KUBELET_PORT}${kubeletPath}`,
    host,
    answered: false,
  }
  ctx.send(
    `kubelet/${nodeName}`,
    {
      type: 'http-request',
      requestId: id,
      method: 'GET',
      path: kubeletPath,
      query,
      credential: componentCredential('kube-apiserver-kubelet-client', ['kubeadm:cluster-admins']),
    },
    {
      label: `GET :${KUBELET_PORT}${kubeletPath}`,
      about: { kind: 'Pod', name, namespace: path.namespace ?? 'default' },
    },
  )
  ctx.setTimer(KUBELET_TIMEOUT_MS, { name: 'kubelet-timeout', data: id })
}

/** The kubelet answered (the whole log, or the start of a followed one). */
export function onKubeletResponse(
  ctx: ActorContext,
  state: ApiServerState,
  response: HttpResponse,
): boolean {
  const call = state.kubeletCalls?.[response.requestId]
  if (!call) return false
  call.answered = true
  if (response.code !== 200) {
    delete state.kubeletCalls?.[response.requestId]
    replyError(ctx, call.client, call.clientRequestId, badRequest(String(response.body)))
    return true
  }
  ctx.send(
    call.client,
    {
      type: 'http-response',
      requestId: call.clientRequestId,
      code: 200,
      body: response.body,
      ...(response.streaming === true ? { streaming: true } : {}),
    },
    { label: '200 OK (log)' },
  )
  if (response.streaming !== true) delete state.kubeletCalls?.[response.requestId]
  return true
}

export function onKubeletChunk(ctx: ActorContext, state: ApiServerState, chunk: HttpChunk): void {
  const call = state.kubeletCalls?.[chunk.requestId]
  if (!call) return
  ctx.send(
    call.client,
    { ...chunk, requestId: call.clientRequestId },
    { label: chunk.end ? 'log stream ends' : 'log lines' },
  )
  if (chunk.end) delete state.kubeletCalls?.[chunk.requestId]
}

/** The client hung up a followed log: hang up on the kubelet too. */
export function onClientCancel(
  ctx: ActorContext,
  state: ApiServerState,
  from: string,
  cancel: HttpCancel,
): void {
  for (const [id, call] of Object.entries(state.kubeletCalls ?? {})) {
    if (call.client !== from || call.clientRequestId !== cancel.requestId) continue
    delete state.kubeletCalls?.[Number(id)]
    ctx.send(
      call.kubelet,
      { type: 'http-cancel', requestId: Number(id) },
      { label: 'cancel log stream' },
    )
  }
}

/** No answer within --kubelet-timeout: the dial failed. */
export function onKubeletTimeout(ctx: ActorContext, state: ApiServerState, id: number): void {
  const call = state.kubeletCalls?.[id]
  if (!call || call.answered) return
  delete state.kubeletCalls?.[id]
  const error = storageError(
    `Get "${call.url}": dial tcp ${call.host}:${KUBELET_PORT}: i/o timeout`,
  )
  replyError(ctx, call.client, call.clientRequestId, error)
}
