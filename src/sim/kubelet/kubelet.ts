import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Behaviour, ActorContext, TimerBody } from '../runtime/actor'
import type { Envelope } from '../network/types'
import type { MessageBody } from '../runtime/messages'
import { callApi, takePending } from '../runtime/api-client'
import { onEventResponse } from '../runtime/event-correlator'
import {
  onInformerResponse,
  onInformerTimer,
  onInformerWatch,
  startInformers,
  type InformerChange,
} from '../runtime/informer'
import { onHeartbeatResponse, onHeartbeatTimer, startHeartbeats } from './node-heartbeat'
import { initialNode } from './node-object'
import { isMirrorPod, onMirrorResponse, setStaticPodPresent, syncMirrorPods } from './static-pods'
import {
  beginSync,
  beginTermination,
  finishDeletion,
  onCriResponse,
  onVolumesFetched,
} from './pod-worker'
import { onWorkloadMessage, onWorkloadTimer } from './workload-dispatch'
import { onVolumeResponse, startVolumeSetup } from './volumes'
import { onExecApiResponse, onExecRequest } from './exec'
import type { KubeletState } from './state'
import { adoptInto } from './reported-status'
import { settleTouched, workerOf } from './settled-pod'

function onPodChange(ctx: ActorContext, state: KubeletState, change: InformerChange): void {
  const pod = change.object as Pod
  const uid = pod.metadata?.uid ?? ''
  const entry = state.workers[uid]
  if (change.type === 'DELETED') {
    delete state.workers[uid]
    if (state.finalizing) delete state.finalizing[uid]
    return
  }
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed' || isMirrorPod(pod)) return
  if (pod.metadata?.deletionTimestamp) {
    const worker = workerOf(state, uid)
    if (worker) beginTermination(ctx, state, worker, pod)
    // Nothing runs for it here (the node rebooted): finish the deletion at once.
    else if (!state.finalizing?.[uid]) finishDeletion(ctx, state, pod)
    return
  }
  if (!entry) beginSync(ctx, state, pod)
  else adoptInto(state, uid, pod)
}

function register(ctx: ActorContext, state: KubeletState): void {
  callApi(
    ctx,
    state.client,
    {
      method: 'POST',
      path: '/api/v1/nodes',
      body: initialNode(state, ctx.nowMs),
      label: `POST nodes (register ${state.nodeName})`,
    },
    { purpose: 'register-node' },
  )
}

function onKubeletMessage(
  ctx: ActorContext,
  state: KubeletState,
  envelope: Envelope<MessageBody>,
): void {
  const body = envelope.body
  if (body.type === 'http-response') {
    const pending = takePending(state.client, body)
    if (pending?.purpose === 'register-node' && (body.code === 201 || body.code === 409)) {
      state.registered = true
      if (body.code === 201) state.nodeUid = (body.body as Node).metadata?.uid ?? ''
      startInformers(ctx, state)
      startHeartbeats(ctx, state, body.code === 409)
      syncMirrorPods(ctx, state)
    } else if (pending && onEventResponse(ctx, state.client, pending, body.code)) {
      // An event write (a PATCH answered 404 is POSTed again).
    } else if (pending && onMirrorResponse(ctx, state, pending, body)) {
      // A mirror Pod of a static Pod.
    } else if (pending && onHeartbeatResponse(ctx, state, pending, body)) {
      // A lease renewal or a status post.
    } else if (pending?.purpose === 'register-node') {
      ctx.setTimer(1000, { name: 'register' })
    } else if (pending?.purpose === 'exec-api') {
      onExecApiResponse(
        ctx,
        state,
        pending.data as { execId: number; kind: string },
        body.code,
        body.body,
      )
    } else if (pending?.purpose === 'volume') {
      const { uid, index } = pending.data as { uid: string; index: number }
      const worker = workerOf(state, uid)
      if (worker?.stage === 'volumes' && onVolumeResponse(worker, index, body.code, body.body))
        onVolumesFetched(ctx, state, worker)
    } else if (pending) {
      for (const change of onInformerResponse(ctx, state, pending, body)?.changes ?? [])
        onPodChange(ctx, state, change)
    }
    return
  }
  if (body.type === 'watch-event') {
    const hit = onInformerWatch(ctx, state, body)
    if (hit) onPodChange(ctx, state, hit.change)
    return
  }
  if (body.type === 'static-pod') {
    setStaticPodPresent(ctx, state, body.component, body.present)
    return
  }
  if (body.type === 'exec-request') {
    onExecRequest(ctx, state, body)
    return
  }
  if (body.type === 'cri-response') {
    const pending = state.pendingCri.get(body.requestId)
    state.pendingCri.delete(body.requestId)
    const worker = pending ? workerOf(state, pending.podUid) : undefined
    if (pending && worker) onCriResponse(ctx, state, worker, pending, body)
    return
  }
  onWorkloadMessage(ctx, state, envelope.from, body)
}

function onKubeletTimer(ctx: ActorContext, state: KubeletState, timer: TimerBody): void {
  if (timer.name === 'register') register(ctx, state)
  if (timer.name === 'volume-retry') {
    const worker = workerOf(state, String(timer.data))
    if (worker?.stage === 'volumes') startVolumeSetup(ctx, state, worker)
    return
  }
  if (onHeartbeatTimer(ctx, state, timer.name)) return
  if (onWorkloadTimer(ctx, state, timer)) return
  onInformerTimer(ctx, state, timer)
}

/**
 * kubelet: registers its Node, then watches the pods bound to it (fieldSelector
 * spec.nodeName=<node>) and drives the container runtime through the CRI to match them.
 */
export const kubelet: Behaviour<KubeletState> = {
  start: register,
  // A handler works on full workers (workerOf expands a settled Pod); the Pods it touched that
  // are at rest afterwards are settled again (settled-pod.ts).
  onMessage(ctx, state, envelope) {
    onKubeletMessage(ctx, state, envelope)
    settleTouched(state)
  },
  onTimer(ctx, state, timer) {
    onKubeletTimer(ctx, state, timer)
    settleTouched(state)
  },
}
