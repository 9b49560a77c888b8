import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { componentCredential } from '../apiserver/authn/credentials'
import { objectKey } from '../model/objects'
import type { ActorBase, ActorContext, Behaviour } from '../runtime/actor'
import { createApiClient, takePending, type ApiClientState } from '../runtime/api-client'
import {
  createInformer,
  onInformerResponse,
  onInformerTimer,
  onInformerWatch,
  startInformers,
  type InformerChange,
  type InformerState,
} from '../runtime/informer'
import { createNetfilter, programmedPorts, type NodeNetfilter, type ProxyMode } from './netfilter'

/**
 * kube-proxy: watches Services and EndpointSlices through the API server and writes the
 * node's Service rules (iptables chains, or IPVS virtual servers) into the kernel. Changes are
 * tracked per Service and applied by a bounded-frequency runner: at most one sync per
 * minSyncPeriod (1 s), each writing only the Services that changed (a partial sync), the first
 * one after start writing everything. Traffic uses what was written, not what is in the API:
 * between a change and the next sync, or while kube-proxy is down, the kernel has old rules.
 * Source: pkg/proxy/iptables/proxier.go, pkg/proxy/ipvs/proxier.go, pkg/proxy/runner
 * BoundedFrequencyRunner, pkg/proxy/apis/config/v1alpha1/defaults.go (v1.32).
 * NB: the periodic resync (syncPeriod 30 s) is not modelled: it rewrites identical rules.
 */
export interface KubeProxyState extends ActorBase {
  kind: 'kube-proxy'
  nodeName: string
  client: ApiClientState
  informers: Record<string, InformerState>
  /** --proxy-mode (the kube-proxy ConfigMap's `mode`); iptables is the default. */
  mode: ProxyMode
  /** The node kernel's Service rules, shared with the node's container runtime. */
  netfilter: NodeNetfilter
  /** Services changed since the last sync; a full sync rewrites every one. */
  dirty: Record<string, true>
  fullSync: boolean
  lastSyncMs: number
  syncAtMs?: number
  /** EndpointSlice keys per Service key. */
  slicesBySvc: Record<string, Record<string, true>>
}

// minSyncPeriod = 1 s: pkg/proxy/apis/config/v1alpha1/defaults.go (v1.32).
export const MIN_SYNC_PERIOD_MS = 1_000
// iptables-restore of a small table takes a few milliseconds.
const RESTORE_MS = 5

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
    informers: {
      services: createInformer('services', '/api/v1/services'),
      endpointslices: createInformer('endpointslices', '/apis/discovery.k8s.io/v1/endpointslices'),
    },
    mode: 'iptables',
    netfilter: createNetfilter(),
    dirty: {},
    fullSync: true,
    lastSyncMs: -MIN_SYNC_PERIOD_MS,
    slicesBySvc: {},
  }
}

const serviceOfSlice = (slice: EndpointSlice): string | undefined => {
  const name = slice.metadata?.labels?.['kubernetes.io/service-name']
  return name === undefined ? undefined : `${slice.metadata?.namespace ?? 'default'}/${name}`
}

const synced = (state: KubeProxyState): boolean =>
  Object.values(state.informers).every((i) => i.synced)

function scheduleSync(ctx: ActorContext, state: KubeProxyState): void {
  if (!synced(state)) return
  const at = Math.max(ctx.nowMs, state.lastSyncMs + MIN_SYNC_PERIOD_MS) + RESTORE_MS
  if (state.syncAtMs !== undefined && state.syncAtMs >= ctx.nowMs && state.syncAtMs <= at) return
  state.syncAtMs = at
  ctx.setTimer(at - ctx.nowMs, { name: 'proxy-sync', data: at })
}

function onChange(
  ctx: ActorContext,
  state: KubeProxyState,
  informer: string,
  change: InformerChange,
): void {
  if (informer === 'services') state.dirty[objectKey(change.object)] = true
  else {
    const slice = change.object as unknown as EndpointSlice
    const svc =
      serviceOfSlice(slice) ??
      (change.old ? serviceOfSlice(change.old as unknown as EndpointSlice) : undefined)
    if (svc === undefined) return
    const set = (state.slicesBySvc[svc] ??= {})
    if (change.type === 'DELETED') delete set[objectKey(change.object)]
    else set[objectKey(change.object)] = true
    state.dirty[svc] = true
  }
  scheduleSync(ctx, state)
}

/** syncProxyRules: program the changed Services (all of them on a full sync). */
function sync(ctx: ActorContext, state: KubeProxyState): void {
  const services = state.informers['services']
  const slices = state.informers['endpointslices']
  if (!services || !slices) return
  const nf = state.netfilter
  const keys = state.fullSync
    ? [...services.items.keys(), ...Object.keys(nf.services)]
    : Object.keys(state.dirty)
  if (state.fullSync || nf.mode !== state.mode) {
    nf.services = {}
    nf.rr = {}
  }
  nf.mode = state.mode
  const changed = new Set<string>()
  for (const key of keys) {
    const svc = services.items.get(key) as Service | undefined
    if (!svc) {
      if (nf.services[key]) changed.add(key)
      delete nf.services[key]
      continue
    }
    const own = Object.keys(state.slicesBySvc[key] ?? {})
      .map((k) => slices.items.get(k) as EndpointSlice | undefined)
      .filter((s): s is EndpointSlice => s !== undefined)
    const ports = programmedPorts(svc, own)
    if (nf.services[key] !== ports) changed.add(key)
    nf.services[key] = ports
  }
  nf.syncedAtMs = ctx.nowMs
  state.lastSyncMs = ctx.nowMs
  const full = state.fullSync
  state.fullSync = false
  state.dirty = {}
  ctx.emit({
    type: 'KubeProxySynced',
    node: state.nodeName,
    mode: state.mode,
    full,
    services: [...changed].sort(),
  })
}

/** Fills the slice index from a fresh LIST (the informer's initial list or a relist). */
function reindex(state: KubeProxyState): void {
  state.slicesBySvc = {}
  for (const [key, object] of state.informers['endpointslices']?.items ?? []) {
    const svc = serviceOfSlice(object as unknown as EndpointSlice)
    if (svc !== undefined) (state.slicesBySvc[svc] ??= {})[key] = true
  }
}

export const kubeProxy: Behaviour<KubeProxyState> = {
  start(ctx, state) {
    // A (re)started kube-proxy relists and rewrites every rule; the kernel keeps the old ones meanwhile.
    state.fullSync = true
    state.dirty = {}
    delete state.syncAtMs
    state.lastSyncMs = ctx.nowMs - MIN_SYNC_PERIOD_MS
    startInformers(ctx, state)
  },
  onMessage(ctx, state, envelope) {
    const body = envelope.body
    if (body.type === 'http-response') {
      const pending = takePending(state.client, body)
      const listed = pending ? onInformerResponse(ctx, state, pending, body) : undefined
      if (listed?.informer === 'endpointslices') reindex(state)
      if (listed) {
        for (const c of listed.changes) onChange(ctx, state, listed.informer, c)
        scheduleSync(ctx, state)
      }
    } else if (body.type === 'watch-event') {
      const hit = onInformerWatch(ctx, state, body)
      if (hit) onChange(ctx, state, hit.informer, hit.change)
    }
  },
  onTimer(ctx, state, timer) {
    if (timer.name === 'proxy-sync') {
      if (timer.data !== state.syncAtMs) return
      delete state.syncAtMs
      sync(ctx, state)
      return
    }
    onInformerTimer(ctx, state, timer)
  },
}

/** The kube-proxy ConfigMap's mode changed and its Pods restarted: each proxy starts anew. */
export function setProxyMode(state: KubeProxyState, mode: ProxyMode): void {
  state.mode = mode
}
