/**
 * `kubectl describe service NAME`: GET the Service, list its EndpointSlices and its events, as
 * kubectl v1.32 does (ServiceDescriber), then print.
 * Source: staging/src/k8s.io/kubectl/pkg/describe/describe.go ServiceDescriber.Describe (v1.32)
 */
import type { Event, Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { describeService } from '../printers/describe-service'
import type { ActorContext } from '../runtime/actor'
import { callApi } from '../runtime/api-client'
import { print, succeeded } from './commands'
import { clientFor, type KubectlCommand, type KubectlState } from './state'

export const SERVICE_KINDS = ['service', 'services', 'svc']

export function startDescribeService(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  name: string,
): boolean {
  callApi(
    ctx,
    clientFor(state, cmd),
    { method: 'GET', path: `/api/v1/namespaces/${cmd.namespace}/services/${name}`, step: 1 },
    { purpose: 'describe-svc', data: { cmd: cmd.id, name } },
  )
  return true
}

/** The Service arrived: list its EndpointSlices. Returns whether the command goes on. */
export function onDescribeServiceObject(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  if (!succeeded(cmd, code, body)) return false
  cmd.docs = [body as KubectlCommand['docs'][number]]
  const name = (body as Service).metadata?.name ?? ''
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'GET',
      path: `/apis/discovery.k8s.io/v1/namespaces/${cmd.namespace}/endpointslices`,
      query: { labelSelector: `kubernetes.io/service-name=${name}` },
    },
    { purpose: 'describe-svc-endpoints', data: { cmd: cmd.id } },
  )
  return true
}

export function onDescribeServiceEndpoints(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): boolean {
  const svc = cmd.docs[0] as unknown as Service
  if (code === 200) cmd.docs[1] = body as KubectlCommand['docs'][number]
  // kubectl lists the slices by label, then the events.
  const selector = `involvedObject.name=${svc.metadata?.name ?? ''},involvedObject.namespace=${cmd.namespace},involvedObject.kind=Service,involvedObject.uid=${svc.metadata?.uid ?? ''}`
  callApi(
    ctx,
    clientFor(state, cmd),
    {
      method: 'GET',
      path: `/api/v1/namespaces/${cmd.namespace}/events`,
      query: { fieldSelector: selector },
    },
    { purpose: 'describe-svc-events', data: { cmd: cmd.id } },
  )
  return true
}

export function onDescribeServiceEvents(
  ctx: ActorContext,
  cmd: KubectlCommand,
  code: number,
  body: unknown,
): void {
  const svc = cmd.docs[0] as unknown as Service
  const slices = (cmd.docs[1] as { items?: EndpointSlice[] } | undefined)?.items
  const events = code === 200 ? ((body as { items?: Event[] }).items ?? []) : []
  print(cmd, describeService(svc, slices, events, ctx.nowMs))
}
