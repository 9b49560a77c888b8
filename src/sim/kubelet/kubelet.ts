import type { Pod } from 'kubernetes-types/core/v1'
import type { Behaviour, ActorContext } from '../runtime/actor'
import { callApi, takePending } from '../runtime/api-client'
import {
  onInformerResponse,
  onInformerTimer,
  onInformerWatch,
  startInformers,
  type InformerChange,
} from '../runtime/informer'
import { initialNode } from './node-object'
import { beginSync, beginTermination, onCriResponse, onVolumesFetched } from './pod-worker'
import { onVolumeResponse, startVolumeSetup } from './volumes'
import { onExecApiResponse, onExecRequest } from './exec'
import type { KubeletState } from './state'

function onPodChange(ctx: ActorContext, state: KubeletState, change: InformerChange): void {
  const pod = change.object as Pod
  const uid = pod.metadata?.uid ?? ''
  const worker = state.workers[uid]
  if (change.type === 'DELETED') {
    delete state.workers[uid]
    return
  }
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') return
  if (pod.metadata?.deletionTimestamp) {
    if (worker) beginTermination(ctx, state, worker, pod)
    return
  }
  if (!worker) beginSync(ctx, state, pod)
  else worker.pod = pod
}

/**
 * kubelet: registers its Node, then watches the pods bound to it (fieldSelector
 * spec.nodeName=<node>) and drives the container runtime through the CRI to match them.
 */
export const kubelet: Behaviour<KubeletState> = {
  start(ctx, state) {
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
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'http-response') {
      const pending = takePending(state.client, body)
      if (pending?.purpose === 'register-node' && (body.code === 201 || body.code === 409)) {
        state.registered = true
        startInformers(ctx, state)
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
        const worker = state.workers[uid]
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
    if (body.type === 'exec-request') {
      onExecRequest(ctx, state, body)
      return
    }
    if (body.type === 'cri-response') {
      const pending = state.pendingCri[body.requestId]
      delete state.pendingCri[body.requestId]
      const worker = pending ? state.workers[pending.podUid] : undefined
      if (pending && worker) onCriResponse(ctx, state, worker, pending.call, body)
    }
  },
  onTimer(ctx, state, timer) {
    if (timer.name === 'register') kubelet.start(ctx, state)
    if (timer.name === 'volume-retry') {
      const worker = state.workers[String(timer.data)]
      if (worker?.stage === 'volumes') startVolumeSetup(ctx, state, worker)
    }
    onInformerTimer(ctx, state, timer)
  },
}
