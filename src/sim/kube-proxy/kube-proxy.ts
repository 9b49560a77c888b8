import { componentCredential } from '../apiserver/authn/credentials'
import type { ActorBase, Behaviour } from '../runtime/actor'
import { createApiClient, takePending, type ApiClientState } from '../runtime/api-client'
import {
  createInformer,
  onInformerResponse,
  onInformerTimer,
  onInformerWatch,
  startInformers,
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
    client: createApiClient(componentCredential('system:kube-proxy'), apiServer),
    informers: { services: createInformer('services', '/api/v1/services') },
  }
}

export const kubeProxy: Behaviour<KubeProxyState> = {
  start(ctx, state) {
    startInformers(ctx, state)
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'http-response') {
      const pending = takePending(state.client, body)
      if (pending) onInformerResponse(ctx, state, pending, body)
    } else if (body.type === 'watch-event') {
      onInformerWatch(ctx, state, body)
    }
  },
  onTimer(ctx, state, timer) {
    onInformerTimer(ctx, state, timer)
  },
}
