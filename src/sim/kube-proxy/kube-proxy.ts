import type { ActorBase, Behaviour } from '../runtime/actor'
import { createApiClient, takePending, type ApiClientState } from '../runtime/api-client'
import {
  createInformer,
  informerForWatch,
  onInformerEvent,
  onInformerList,
  startInformer,
  type InformerState,
} from '../runtime/informer'

/**
 * kube-proxy: watches Services through the API server, as the real one does, to program the
 * node's Service rules. NB: rule programming (iptables chains) and EndpointSlices come with the
 * Services lesson; here it keeps its watch cache so the traffic and the component are real.
 */
export interface KubeProxyState extends ActorBase {
  kind: 'kube-proxy'
  nodeName: string
  client: ApiClientState
  informers: Record<string, InformerState>
}

export function createKubeProxyState(
  nodeName: string,
  apiServer: string,
  rng: ActorBase['rng'],
): KubeProxyState {
  return {
    id: `kube-proxy/${nodeName}`,
    kind: 'kube-proxy',
    host: nodeName,
    running: false,
    rng,
    nodeName,
    client: createApiClient(
      { name: 'system:kube-proxy', groups: ['system:authenticated'] },
      apiServer,
    ),
    informers: { services: createInformer('services', '/api/v1/services') },
  }
}

export const kubeProxy: Behaviour<KubeProxyState> = {
  start(ctx, state) {
    for (const informer of Object.values(state.informers))
      startInformer(ctx, state.client, informer)
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'http-response') {
      const pending = takePending(state.client, body)
      const informer =
        pending?.purpose === 'informer-list' ? state.informers[String(pending.data)] : undefined
      if (informer) onInformerList(ctx, state.client, informer, body)
    } else if (body.type === 'watch-event') {
      const informer = informerForWatch(state.informers, body.requestId)
      if (informer) onInformerEvent(ctx, state.client, informer, body)
    }
  },
  onTimer(ctx, state, timer) {
    const informer =
      timer.name === 'informer-relist' ? state.informers[String(timer.data)] : undefined
    if (informer) startInformer(ctx, state.client, informer)
  },
}
