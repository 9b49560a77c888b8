import { clientFor } from './state'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { describePod } from '../printers/describe-pod'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { startDescribeWorkload } from './describe-workloads'
import { fail, print } from './commands'
import { formatApiError } from './output'
import type { KubectlCommand, KubectlState } from './state'
import { SERVICE_KINDS, startDescribeService } from './describe-service'

/** describe pod NAME: GET the pod, then its events by field selector, as kubectl describe does. */
export function startDescribe(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
): boolean {
  const [type = '', second] = cmd.positional
  const [kind, slashName] = type.split('/', 2)
  const name = slashName ?? second
  if (name !== undefined && startDescribeWorkload(ctx, state, cmd, kind ?? '', name)) return true
  if (SERVICE_KINDS.includes(kind ?? '') && name !== undefined)
    return startDescribeService(ctx, state, cmd, name)
  if (!['pod', 'pods', 'po'].includes(kind ?? '') || name === undefined) {
    fail(
      cmd,
      kind === ''
        ? 'error: You must specify the type of resource to describe.'
        : `error: describe supports pods, deployments, replicasets, jobs, nodes and services here`,
    )
    return false
  }
  callApi(
    ctx,
    clientFor(state, cmd),
    { method: 'GET', path: `/api/v1/namespaces/${cmd.namespace}/pods/${name}`, step: 1 },
    { purpose: 'describe-pod', data: { cmd: cmd.id, name } },
  )
  return true
}

export function onDescribePod(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (code !== 200) {
    fail(cmd, formatApiError(body, '', { verb: 'get', resource: 'pods', group: '' }))
    return false
  }
  const pod = body as Pod
  cmd.docs = [body as KubectlCommand['docs'][number]]
  const selector = `involvedObject.name=${pod.metadata?.name ?? ''},involvedObject.namespace=${cmd.namespace},involvedObject.uid=${pod.metadata?.uid ?? ''}`
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'GET',
      path: `/api/v1/namespaces/${cmd.namespace}/events`,
      query: { fieldSelector: selector },
    },
    { purpose: 'describe-events', data: { cmd: cmd.id } },
  )
  return true
}

export function onDescribeEvents(
  ctx: ActorContext,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): void {
  const pod = cmd.docs[0] as unknown as Pod
  const events = code === 200 ? ((body as { items?: Event[] }).items ?? []) : []
  print(cmd, describePod(pod, events, ctx.nowMs))
}
