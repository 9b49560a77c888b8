import type { Pod } from 'kubernetes-types/core/v1'
import type { ActorContext } from '../runtime/actor'
import type { ExecResponse } from '../runtime/messages'
import { reply, replyError } from './respond'
import { findResource, type ResourceInfo } from './resources'
import type { ApiServerState, IncomingRequest } from './state'
import { badRequest, notFound } from './status'

/**
 * pods/exec: kube-apiserver proxies the stream to the kubelet of the Pod's node, which runs the
 * command in the container. (The real one upgrades to WebSocket/SPDY; the sim sends one request
 * and one answer.) RBAC checks `create` on pods/exec before this runs.
 * Source: pkg/registry/core/pod/rest/subresources.go ExecREST (v1.32)
 */
export function handleExec(
  ctx: ActorContext,
  state: ApiServerState,
  incoming: IncomingRequest,
): void {
  const { request, path, from, step } = incoming
  const namespace = path.namespace ?? 'default'
  const name = path.name ?? ''
  const pod = state.cache.objects.get(`/registry/pods/${namespace}/${name}`) as Pod | undefined
  if (!pod)
    return replyError(
      ctx,
      from,
      request.requestId,
      notFound(findResource('', 'pods') as ResourceInfo, name),
      { step },
    )
  const node = pod.spec?.nodeName
  if (!node)
    return replyError(
      ctx,
      from,
      request.requestId,
      badRequest(`pod ${name} does not have a host assigned`),
      { step },
    )
  const options = incoming.decoded.object as { command?: unknown } | undefined
  const command = (Array.isArray(options?.command) ? (options.command as unknown[]) : [])
    .map(String)
    .filter((c) => c !== '')
  const container = request.query['container']
  const execId = state.nextExecId++
  state.execs[execId] = {
    client: from,
    requestId: request.requestId,
    ...(step !== undefined ? { step } : {}),
  }
  ctx.send(
    `kubelet/${node}`,
    {
      type: 'exec-request',
      execId,
      namespace,
      pod: name,
      ...(container !== undefined ? { container } : {}),
      command,
    },
    { label: `exec ${name}: ${command.join(' ')}`, about: { kind: 'Pod', name, namespace } },
  )
}

/** The kubelet's answer goes back to whoever asked. */
export function onExecResponse(
  ctx: ActorContext,
  state: ApiServerState,
  response: ExecResponse,
): void {
  const pending = state.execs[response.execId]
  delete state.execs[response.execId]
  if (!pending) return
  reply(
    ctx,
    pending.client,
    pending.requestId,
    200,
    { stdout: response.stdout, exitCode: response.exitCode },
    { step: pending.step },
  )
}
