/**
 * The data path of a Service request, on the client's node: the packet to the ClusterIP meets
 * the rules kube-proxy last wrote into this node's kernel. In iptables mode the KUBE-SVC chain
 * picks an endpoint at random with probabilities 1/n, 1/(n−1), …, 1 (each endpoint 1/n
 * overall); in IPVS mode the virtual server's rr scheduler takes the next destination in turn.
 * The DNATed packet then travels to the endpoint's node, where the container answers — or
 * nobody does (refused, or silence until the client gives up when the node is down). A
 * ClusterIP with no rules on this node leaves by the default route and is never answered;
 * a Service with no endpoints is REJECTed at once.
 * Source: iptables xt_statistic (random mode), IPVS ip_vs_rr.c; pkg/proxy/iptables/proxier.go (v1.32).
 */
import { nextUint32 } from '../core/rng'
import type { ActorContext, TimerBody } from '../runtime/actor'
import type { PodResponse } from '../runtime/workload-messages'
import type { ContainerRuntimeState, TrafficRequest } from '../kubelet/runtime-state'
import { IPVS_TIME_WAIT_MS, virtualServerKey } from './ipvsadm'
import { savedProbability } from './iptables-save'
import {
  portForVip,
  usableEndpoints,
  type NodeNetfilter,
  type ProgrammedEndpoint,
  type ProgrammedPort,
} from './netfilter'

/** The client is `curl -s -m 2 http://<service>:<port>/`: it gives up after 2 s. */
export const CLIENT_TIMEOUT_MS = 2_000

export interface TrafficRun {
  runId: string
  clientIp: string
  vip: string
  port: number
  path: string
  count: number
  intervalMs: number
}

/** Connects a node's runtime (the data path) to the rules its kube-proxy writes. */
export function linkNodeNetfilter(runtime: unknown, proxy: unknown): void {
  const r = runtime as ContainerRuntimeState | undefined
  const p = proxy as { netfilter?: NodeNetfilter } | undefined
  if (r && p?.netfilter) r.netfilter = p.netfilter
}

/** xt_statistic random: matches when a 31-bit random number is below the stored probability. */
export function iptablesPick(
  state: ContainerRuntimeState,
  endpoints: readonly ProgrammedEndpoint[],
): ProgrammedEndpoint | undefined {
  for (let i = 0; i < endpoints.length - 1; i++) {
    const probability = Math.round(Number(savedProbability(endpoints.length - i)) * 0x80000000)
    if ((nextUint32(state.rng) & 0x7fffffff) < probability) return endpoints[i]
  }
  return endpoints[endpoints.length - 1]
}

/** ip_vs_rr: the destination after the last one chosen, in the server's list order. */
function ipvsPick(
  nf: NodeNetfilter,
  port: ProgrammedPort,
  endpoints: readonly ProgrammedEndpoint[],
): ProgrammedEndpoint | undefined {
  const key = virtualServerKey(port.protocol, port.clusterIP, port.port)
  const next = ((nf.rr[key] ?? -1) + 1) % Math.max(1, endpoints.length)
  nf.rr[key] = next
  return endpoints[next]
}

/** The node an endpoint IP lives on: its nodeName, else the Pod CIDR's node (10.244.N.x). */
function nodeOf(e: ProgrammedEndpoint): string {
  return e.nodeName ?? `node-${e.ip.split('.')[2] ?? ''}`
}

function finish(
  ctx: ActorContext,
  runId: string,
  index: number,
  outcome: 'ok' | 'refused' | 'timeout' | 'no-endpoints' | 'no-service' | 'reset',
  extra: {
    endpoint?: string
    pod?: string | undefined
    node?: string | undefined
    status?: number | undefined
    latencyMs?: number
  } = {},
): void {
  ctx.emit({
    type: 'TrafficRequestFinished',
    runId,
    index,
    endpoint: extra.endpoint ?? '',
    ...(extra.pod !== undefined ? { pod: extra.pod } : {}),
    ...(extra.node !== undefined ? { node: extra.node } : {}),
    outcome,
    ...(extra.status !== undefined ? { status: extra.status } : {}),
    latencyMs: extra.latencyMs ?? 0,
  })
}

/** Sends request `seq` of a run through this node's rules. */
function sendOne(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  run: TrafficRun,
  seq: number,
): void {
  const nf = state.netfilter
  const port = nf ? portForVip(nf, run.vip, run.port) : undefined
  const endpoints = port ? usableEndpoints(port) : []
  if (port && endpoints.length === 0) return finish(ctx, run.runId, seq, 'no-endpoints')
  const chosen =
    port && nf
      ? nf.mode === 'ipvs'
        ? ipvsPick(nf, port, endpoints)
        : iptablesPick(state, endpoints)
      : undefined
  const requestId = (state.nextTrafficId = (state.nextTrafficId ?? 0) + 1)
  const request: TrafficRequest = {
    runId: run.runId,
    seq,
    endpoint: chosen ? `${chosen.ip}:${chosen.port}` : '',
    sentAtMs: ctx.nowMs,
  }
  if (chosen) request.node = nodeOf(chosen)
  ;(state.traffic ??= {})[requestId] = request
  ctx.setTimer(CLIENT_TIMEOUT_MS, { name: 'traffic-timeout', data: requestId })
  // No rule for this ClusterIP here: the packet leaves by the default route and is never answered.
  if (!chosen || !port || !nf) return
  if (nf.mode === 'ipvs') {
    const seen = ((nf.connections ??= {})[
      virtualServerKey(port.protocol, port.clusterIP, port.port)
    ] ??= {})
    const list = (seen[request.endpoint] ??= [])
    list.push(ctx.nowMs)
    while (list.length > 0 && ctx.nowMs - (list[0] ?? 0) >= IPVS_TIME_WAIT_MS) list.shift()
  }
  ctx.send(
    `container-runtime/${nodeOf(chosen)}`,
    {
      type: 'pod-request',
      requestId,
      fromIp: run.clientIp,
      toIp: chosen.ip,
      port: chosen.port,
      path: run.path,
    },
    { label: `GET ${run.path} → ${chosen.ip}:${chosen.port} (${run.vip}:${run.port}, ${nf.mode})` },
  )
}

export function startTraffic(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  run: TrafficRun,
): void {
  ctx.setTimer(0, { name: 'traffic-send', data: { run, seq: 0 } })
}

/** A traffic run for a Service name nobody could resolve: every request fails at once. */
export function unresolved(ctx: ActorContext, runId: string, count: number): void {
  for (let seq = 0; seq < count; seq++) finish(ctx, runId, seq, 'no-service')
}

export function onTrafficResponse(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  response: PodResponse,
): void {
  const request = state.traffic?.[response.requestId]
  if (!request) return
  delete state.traffic?.[response.requestId]
  const outcome =
    response.outcome === 'ok' ? 'ok' : response.outcome === 'reset' ? 'reset' : 'refused'
  finish(ctx, request.runId, request.seq, outcome, {
    endpoint: request.endpoint,
    pod: response.pod,
    node: request.node,
    status: response.status,
    latencyMs: ctx.nowMs - request.sentAtMs,
  })
}

/** The runtime's traffic timers; returns whether the timer was one of them. */
export function onTrafficTimer(
  ctx: ActorContext,
  state: ContainerRuntimeState,
  timer: TimerBody,
): boolean {
  if (timer.name === 'traffic-send') {
    const { run, seq } = timer.data as { run: TrafficRun; seq: number }
    sendOne(ctx, state, run, seq)
    if (seq + 1 < run.count)
      ctx.setTimer(run.intervalMs, { name: 'traffic-send', data: { run, seq: seq + 1 } })
    return true
  }
  if (timer.name === 'traffic-timeout') {
    const id = Number(timer.data)
    const request = state.traffic?.[id]
    if (!request) return true
    delete state.traffic?.[id]
    finish(ctx, request.runId, request.seq, 'timeout', {
      endpoint: request.endpoint,
      node: request.node,
      latencyMs: CLIENT_TIMEOUT_MS,
    })
    return true
  }
  return false
}
