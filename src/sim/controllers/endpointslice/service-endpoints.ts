/**
 * The EndpointSlice and Endpoints controllers as kube-controller-manager runs them: a work
 * queue of Service keys, fed by Service changes, by Pod changes (for every Service in the
 * Pod's namespace whose selector matches it now or matched it before) and by changes to the
 * slices they manage. Indexes by namespace keep a Pod event from scanning every Service.
 * Source: pkg/controller/endpointslice/endpointslice_controller.go (onServiceUpdate,
 * onPodUpdate via GetPodServiceMemberships, onEndpointSlice*), pkg/controller/endpoint (v1.32).
 */
import { runAs, type ControllerIdentities } from '../controller-identities'
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { matchesLabels, objectKey, type KubeObject } from '../../model/objects'
import type { ActorContext, TimerBody } from '../../runtime/actor'
import type { ApiClientState } from '../../runtime/api-client'
import { createInformer, type InformerChange, type InformerState } from '../../runtime/informer'
import {
  MANAGED_BY,
  MANAGED_BY_LABEL,
  SERVICE_NAME_LABEL,
  deleteAll,
  reconcileEndpoints,
  reconcileSlices,
} from './reconcile'

export interface ServiceEndpointsState {
  queue: string[]
  queued: Record<string, true>
  syncScheduled: boolean
  /** Service keys by namespace; Pod keys by namespace; managed slice keys by Service key. */
  servicesByNs: Record<string, Record<string, true>>
  podsByNs: Record<string, Record<string, true>>
  slicesBySvc: Record<string, Record<string, true>>
  /** Slices POSTed and not yet seen through the watch (the slice tracker's expectations). */
  creating: Record<string, number>
}

export function createServiceEndpointsState(): ServiceEndpointsState {
  return {
    queue: [],
    queued: {},
    syncScheduled: false,
    servicesByNs: {},
    podsByNs: {},
    slicesBySvc: {},
    creating: {},
  }
}

/** The informers these controllers add to kube-controller-manager. */
export function serviceEndpointsInformers(): Record<string, InformerState> {
  return {
    services: createInformer('services', '/api/v1/services'),
    endpointslices: createInformer('endpointslices', '/apis/discovery.k8s.io/v1/endpointslices'),
    endpoints: createInformer('endpoints', '/api/v1/endpoints'),
  }
}

export interface ServiceEndpointsHost {
  client: ApiClientState
  informers: Record<string, InformerState>
  serviceEndpoints?: ServiceEndpointsState
  identities?: ControllerIdentities
}

// Each work item costs about a millisecond of controller CPU (as the ReplicaSet controller's).
const SYNC_PROCESSING_MS = 1

function stateOf(host: ServiceEndpointsHost): ServiceEndpointsState {
  return (host.serviceEndpoints ??= createServiceEndpointsState())
}

function index(
  map: Record<string, Record<string, true>>,
  group: string,
  key: string,
  present: boolean,
): void {
  const set = (map[group] ??= {})
  if (present) set[key] = true
  else delete set[key]
}

function enqueue(ctx: ActorContext, s: ServiceEndpointsState, key: string): void {
  if (!s.queued[key]) {
    s.queued[key] = true
    s.queue.push(key)
  }
  if (!s.syncScheduled) {
    s.syncScheduled = true
    ctx.setTimer(SYNC_PROCESSING_MS, { name: 'eps-sync' })
  }
}

const nsOf = (o: KubeObject): string => o.metadata?.namespace ?? 'default'

function onPod(
  ctx: ActorContext,
  host: ServiceEndpointsHost,
  s: ServiceEndpointsState,
  change: InformerChange,
): void {
  const pod = change.object as Pod
  const ns = nsOf(change.object)
  index(s.podsByNs, ns, objectKey(change.object), change.type !== 'DELETED')
  const services = host.informers['services']
  for (const svcKey of Object.keys(s.servicesByNs[ns] ?? {})) {
    const selector = (services?.items.get(svcKey) as Service | undefined)?.spec?.selector
    if (!selector) continue
    const old = change.old as Pod | undefined
    if (
      matchesLabels(pod.metadata?.labels, selector) ||
      matchesLabels(old?.metadata?.labels, selector)
    )
      enqueue(ctx, s, svcKey)
  }
}

/** Routes an informer change; returns whether it concerned these controllers. */
export function onServiceEndpointsChange(
  ctx: ActorContext,
  host: ServiceEndpointsHost,
  informer: string,
  change: InformerChange,
): void {
  const s = stateOf(host)
  const key = objectKey(change.object)
  if (informer === 'pods') return onPod(ctx, host, s, change)
  if (informer === 'services') {
    index(s.servicesByNs, nsOf(change.object), key, change.type !== 'DELETED')
    return enqueue(ctx, s, key)
  }
  if (informer === 'endpointslices') {
    const labels = change.object.metadata?.labels ?? {}
    const service = labels[SERVICE_NAME_LABEL]
    if (labels[MANAGED_BY_LABEL] !== MANAGED_BY || service === undefined) return
    const svcKey = `${nsOf(change.object)}/${service}`
    index(s.slicesBySvc, svcKey, key, change.type !== 'DELETED')
    if (change.type === 'ADDED' && (s.creating[svcKey] ?? 0) > 0)
      s.creating[svcKey] = (s.creating[svcKey] ?? 1) - 1
    return enqueue(ctx, s, svcKey)
  }
}

function sync(
  ctx: ActorContext,
  host: ServiceEndpointsHost,
  s: ServiceEndpointsState,
  svcKey: string,
): void {
  const svc = host.informers['services']?.items.get(svcKey) as Service | undefined
  const sliceInformer = host.informers['endpointslices']
  const slices = Object.keys(s.slicesBySvc[svcKey] ?? {})
    .map((k) => sliceInformer?.items.get(k) as EndpointSlice | undefined)
    .filter((x): x is EndpointSlice => x !== undefined)
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))
  const writer = { ctx, client: host.client, svcKey }
  const selector = svc?.spec?.selector
  if (!svc) {
    // The garbage collector removes a deleted Service's slices (ownerReferences); the Endpoints
    // controller deletes its Endpoints object.
    const endpoints = host.informers['endpoints']?.items.get(svcKey) as Endpoints | undefined
    runAs(host, 'generic-garbage-collector', () => deleteAll(writer, svcKey, slices, false))
    runAs(host, 'endpoint-controller', () => deleteAll(writer, svcKey, [], endpoints !== undefined))
    return
  }
  if (!selector || svc.spec?.type === 'ExternalName') return
  const pods = Object.keys(s.podsByNs[svc.metadata?.namespace ?? 'default'] ?? {})
    .map((k) => host.informers['pods']?.items.get(k) as Pod | undefined)
    .filter((p): p is Pod => p !== undefined && matchesLabels(p.metadata?.labels, selector))
  if ((s.creating[svcKey] ?? 0) === 0)
    runAs(host, 'endpointslice-controller', () => {
      s.creating[svcKey] = reconcileSlices(writer, svc, pods, slices)
    })
  const endpoints = host.informers['endpoints']?.items.get(svcKey) as Endpoints | undefined
  runAs(host, 'endpoint-controller', () => reconcileEndpoints(writer, svc, pods, endpoints))
}

/** The controllers' timer: one Service per millisecond of controller time. */
export function onServiceEndpointsTimer(
  ctx: ActorContext,
  host: ServiceEndpointsHost,
  timer: TimerBody,
): boolean {
  if (timer.name !== 'eps-sync') return false
  const s = stateOf(host)
  s.syncScheduled = false
  const key = s.queue.shift()
  if (key !== undefined) {
    delete s.queued[key]
    sync(ctx, host, s, key)
  }
  if (s.queue.length > 0) {
    s.syncScheduled = true
    ctx.setTimer(SYNC_PROCESSING_MS, { name: 'eps-sync' })
  }
  return true
}

/** A write failed (a conflict, or the slice was created by someone else): sync again. */
export function onServiceEndpointsResponse(
  ctx: ActorContext,
  host: ServiceEndpointsHost,
  purpose: string,
  data: unknown,
  code: number,
): boolean {
  if (purpose !== 'eps-write' && purpose !== 'eps-create') return false
  const s = stateOf(host)
  const svcKey = String(data)
  if (purpose === 'eps-create' && code >= 300)
    s.creating[svcKey] = Math.max(0, (s.creating[svcKey] ?? 1) - 1)
  if (code >= 300) enqueue(ctx, s, svcKey)
  return true
}
