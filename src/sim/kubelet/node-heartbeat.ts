/**
 * The kubelet's two heartbeats, as v1.32 sends them:
 * - the node Lease kube-node-lease/<node>, renewed every 10 s (40 s × 0.25) with a PUT;
 * - the Node's status, computed every 10 s but posted only when it changed or every 5 minutes.
 * So a healthy node costs one small write per 10 s (KWOK does the same).
 * Sources (v1.32): staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go
 * (ensureLease, retryUpdateLease, JitterUntil(renewInterval, 0.04)), pkg/kubelet/kubelet.go
 * (renewInterval = nodeLeaseDurationSeconds × nodeLeaseRenewIntervalFraction),
 * pkg/kubelet/kubelet_node_status.go (updateNodeStatus, nodeStatusReportFrequency).
 * NB: the real kubelet GETs its Node every 10 s to see whether the status changed; here the
 * kubelet remembers what it posted and posts again after its heartbeats failed (which is when
 * the node lifecycle controller may have marked it Unknown), on start, and every 5 minutes.
 */
import { nextFloat } from '../core/rng'
import { formatRfc3339Micro, SIM_EPOCH_UNIX_MS, simTimeToRfc3339 } from '../core/time'
import type { KubeObject } from '../model/objects'
import type { ActorContext } from '../runtime/actor'
import { callApi, type PendingCall } from '../runtime/api-client'
import { recordBroadcastEvent } from '../runtime/event-correlator'
import type { HttpResponse } from '../runtime/messages'
import type { Node } from 'kubernetes-types/core/v1'
import { patchStatus } from './pod-worker'
import { setReportedStatus } from './reported-status'
import type { KubeletState } from './state'
import { isSettled, workerOf } from './settled-pod'

// nodeLeaseDurationSeconds = 40, renew fraction 0.25 (kubelet config v1beta1 defaults, v1.32).
export const NODE_LEASE_DURATION_SECONDS = 40
export const LEASE_RENEW_INTERVAL_MS = 10_000
// JitterUntil(..., 0.04, sliding): each period is up to 4% longer.
const RENEW_JITTER = 0.04
// nodeStatusUpdateFrequency = 10 s, nodeStatusReportFrequency = 5 min (kubelet config, v1.32).
export const NODE_STATUS_UPDATE_MS = 10_000
export const NODE_STATUS_REPORT_MS = 5 * 60_000

export const NODE_LEASE_NAMESPACE = 'kube-node-lease'

/** What the kubelet remembers about its heartbeats. Plain data. */
export interface HeartbeatState {
  /** The Lease as the API server last returned it (its resourceVersion makes the PUT safe). */
  lease?: KubeObject
  /** The renewal still waiting for an answer, by request id. */
  renewInFlight?: number
  /** A renewal failed or went unanswered since the last success: post status when we get through. */
  missed: boolean
  lastStatusPostMs: number
  readySinceMs: number
}

export function createHeartbeatState(): HeartbeatState {
  return { missed: false, lastStatusPostMs: -Infinity, readySinceMs: 0 }
}

const leasePath = (node: string) =>
  `/apis/coordination.k8s.io/v1/namespaces/${NODE_LEASE_NAMESPACE}/leases/${node}`

function leaseObject(state: KubeletState, nowMs: number): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: state.nodeName,
      namespace: NODE_LEASE_NAMESPACE,
      ...(state.nodeUid !== undefined
        ? {
            ownerReferences: [
              { apiVersion: 'v1', kind: 'Node', name: state.nodeName, uid: state.nodeUid },
            ],
          }
        : {}),
    },
    spec: {
      holderIdentity: state.nodeName,
      leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
      renewTime: formatRfc3339Micro(SIM_EPOCH_UNIX_MS + nowMs),
    },
  }
}

function heartbeat(state: KubeletState): HeartbeatState {
  return (state.heartbeat ??= createHeartbeatState())
}

/** Registered: post the status if needed, make sure the Lease exists, start the renew loop. */
export function startHeartbeats(
  ctx: ActorContext,
  state: KubeletState,
  alreadyRegistered: boolean,
): void {
  const hb = heartbeat(state)
  hb.missed = false
  delete hb.renewInFlight
  hb.readySinceMs = ctx.nowMs
  hb.lastStatusPostMs = ctx.nowMs
  // A new Node carries a fresh status already; a kubelet that restarts updates the one it finds.
  if (alreadyRegistered) readNodeThenPost(ctx, state)
  ensureLease(ctx, state)
  armRenew(ctx, state)
  ctx.setTimer(NODE_STATUS_UPDATE_MS, { name: 'node-status' })
}

function ensureLease(ctx: ActorContext, state: KubeletState): void {
  callApi(
    ctx,
    state.client,
    { method: 'GET', path: leasePath(state.nodeName), label: `GET leases/${state.nodeName}` },
    { purpose: 'lease-get' },
  )
}

function armRenew(ctx: ActorContext, state: KubeletState): void {
  const delay = LEASE_RENEW_INTERVAL_MS * (1 + RENEW_JITTER * nextFloat(state.rng))
  ctx.setTimer(delay, { name: 'lease-renew' })
}

function renew(ctx: ActorContext, state: KubeletState): void {
  const hb = heartbeat(state)
  // The last renewal never came back (a partition, an API server that hangs): count it missed.
  if (hb.renewInFlight !== undefined) {
    state.client.pending.delete(hb.renewInFlight)
    delete hb.renewInFlight
    hb.missed = true
  }
  if (!hb.lease) return ensureLease(ctx, state)
  const renewTime = formatRfc3339Micro(SIM_EPOCH_UNIX_MS + ctx.nowMs)
  const lease = { ...hb.lease, spec: { ...(hb.lease['spec'] as object), renewTime } }
  hb.renewInFlight = callApi(
    ctx,
    state.client,
    {
      method: 'PUT',
      path: leasePath(state.nodeName),
      body: lease,
      label: `PUT leases/${state.nodeName} (renew)`,
    },
    { purpose: 'lease-renew' },
  )
}

/** The Node's conditions as the kubelet's setters compute them: a healthy node. */
function conditions(state: KubeletState, nowMs: number, transitionMs: number) {
  const now = simTimeToRfc3339(nowMs)
  const since = simTimeToRfc3339(transitionMs)
  const c = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
    lastTransitionTime: since,
  })
  return [
    c(
      'MemoryPressure',
      'False',
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
    ),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ]
}

/** PATCH nodes/<node>/status with fresh heartbeat times (a transition when `fresh`). */
function postNodeStatus(ctx: ActorContext, state: KubeletState, fresh: boolean): void {
  const hb = heartbeat(state)
  if (fresh) hb.readySinceMs = ctx.nowMs
  hb.lastStatusPostMs = ctx.nowMs
  callApi(
    ctx,
    state.client,
    {
      method: 'PATCH',
      path: `/api/v1/nodes/${state.nodeName}/status`,
      body: { status: { conditions: conditions(state, ctx.nowMs, hb.readySinceMs) } },
      contentType: 'application/strategic-merge-patch+json',
      label: `PATCH nodes/${state.nodeName}/status`,
    },
    { purpose: 'node-status' },
  )
}

/**
 * Back in touch after missed heartbeats: read the Node as the API server has it (as
 * tryUpdateNodeStatus does every time) and post a status whose Ready transition is honest.
 */
function readNodeThenPost(ctx: ActorContext, state: KubeletState): void {
  callApi(
    ctx,
    state.client,
    {
      method: 'GET',
      path: `/api/v1/nodes/${state.nodeName}`,
      label: `GET nodes/${state.nodeName}`,
    },
    { purpose: 'node-get' },
  )
}

/**
 * The status manager's resync: the node controller may have marked our pods not ready while we
 * were out of touch; report each running pod's status again, diffed against what the API
 * server holds now (syncBatch, pkg/kubelet/status/status_manager.go, v1.32).
 */
function resyncPodStatuses(ctx: ActorContext, state: KubeletState): void {
  for (const uid of Object.keys(state.workers)) {
    const entry = state.workers[uid]
    if (entry === undefined || (!isSettled(entry) && entry.stage !== 'running')) continue
    const worker = workerOf(state, uid)
    if (worker === undefined) continue
    setReportedStatus(worker, worker.pod.status ?? {})
    patchStatus(ctx, state, worker)
  }
}

/**
 * Delay to the next 10 s status tick that can post: the kubelet computes its status every 10 s
 * but posts an unchanged one only after 5 minutes, so the ticks between cannot do anything and
 * are skipped (a node costs events only for what it does, as KWOK's do). The wait stays a whole
 * number of ticks, so the post comes on the tick the real kubelet would post on.
 */
function nextStatusCheckMs(sincePostMs: number): number {
  const ticks = Math.ceil((NODE_STATUS_REPORT_MS - sincePostMs) / NODE_STATUS_UPDATE_MS)
  return Math.max(1, ticks) * NODE_STATUS_UPDATE_MS
}

/** The kubelet's heartbeat timers; returns whether the timer was one of them. */
export function onHeartbeatTimer(ctx: ActorContext, state: KubeletState, name: string): boolean {
  if (name === 'lease-renew') {
    renew(ctx, state)
    armRenew(ctx, state)
    return true
  }
  if (name === 'node-status') {
    // Nothing about this machine changes by itself; report anyway every 5 minutes.
    const hb = heartbeat(state)
    if (ctx.nowMs - hb.lastStatusPostMs >= NODE_STATUS_REPORT_MS) postNodeStatus(ctx, state, false)
    ctx.setTimer(nextStatusCheckMs(ctx.nowMs - hb.lastStatusPostMs), { name: 'node-status' })
    return true
  }
  return false
}

/** Answers to the heartbeat calls; returns whether the response was one of them. */
export function onHeartbeatResponse(
  ctx: ActorContext,
  state: KubeletState,
  pending: PendingCall,
  response: HttpResponse,
): boolean {
  const hb = heartbeat(state)
  const ok = response.code >= 200 && response.code < 300
  switch (pending.purpose) {
    case 'lease-get':
      if (ok) {
        // An existing Lease (a restart): renew it now rather than at the next tick.
        hb.lease = response.body as KubeObject
        renew(ctx, state)
      } else if (response.code === 404) {
        callApi(
          ctx,
          state.client,
          {
            method: 'POST',
            path: `/apis/coordination.k8s.io/v1/namespaces/${NODE_LEASE_NAMESPACE}/leases`,
            body: leaseObject(state, ctx.nowMs),
            label: `POST leases (${state.nodeName})`,
          },
          { purpose: 'lease-create' },
        )
      }
      // Otherwise the next tick tries again (ensureLease backs off 200 ms … 7 s; NB: the sim
      // simply waits for the renew interval).
      return true
    case 'lease-create':
      if (ok) hb.lease = response.body as KubeObject
      return true
    case 'lease-renew':
      if (hb.renewInFlight === response.requestId) delete hb.renewInFlight
      if (ok) {
        hb.lease = response.body as KubeObject
        if (hb.missed) {
          hb.missed = false
          readNodeThenPost(ctx, state)
        }
      } else {
        hb.missed = true
        // A conflict means someone else wrote the Lease: read it again (retryUpdateLease).
        if (response.code === 409 || response.code === 404) delete hb.lease
      }
      return true
    case 'node-get': {
      // Did the node lifecycle controller mark us Unknown meanwhile? Then Ready transitions now.
      const node = response.body as Node
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
      const transition = ok && ready?.status !== 'True'
      postNodeStatus(ctx, state, transition)
      resyncPodStatuses(ctx, state)
      if (transition)
        recordBroadcastEvent(
          ctx,
          state.client,
          state,
          {
            apiVersion: 'v1',
            kind: 'Node',
            metadata: { name: state.nodeName, uid: node.metadata?.uid ?? '' },
          },
          'Normal',
          'NodeReady',
          `Node ${state.nodeName} status is now: NodeReady`,
          { component: 'kubelet', host: state.nodeName },
        )
      return true
    }
    case 'node-status':
      if (!ok) hb.missed = true
      return true
    default:
      return false
  }
}
