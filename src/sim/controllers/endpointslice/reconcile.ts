/**
 * The EndpointSlice and Endpoints controllers' sync of one Service: compute the desired
 * endpoints from its Pods, then create, update or delete the Service's slices (at most 100
 * endpoints each, one group per port mapping, a placeholder when there are none) and its v1
 * Endpoints object, writing only what changed.
 * Source: pkg/controller/endpointslice/{endpointslice_controller.go,reconciler.go},
 * staging/src/k8s.io/endpointslice/utils.go (labels, ownerReferences);
 * pkg/controller/endpoint/endpoints_controller.go (v1.32).
 */
import type {
  EndpointAddress,
  Endpoints,
  EndpointSubset,
  Pod,
  Service,
} from 'kubernetes-types/core/v1'
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1'
import { simTimeToRfc3339 } from '../../core/time'
import type { KubeObject } from '../../model/objects'
import type { ActorContext } from '../../runtime/actor'
import { callApi, type ApiClientState } from '../../runtime/api-client'
import { desiredEndpoints, shouldPodBeInEndpoints, type DesiredEndpoint } from './desired'

// --max-endpoints-per-slice = 100: pkg/controller/endpointslice/config/v1alpha1/defaults.go (v1.32).
export const MAX_ENDPOINTS_PER_SLICE = 100
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by'
export const MANAGED_BY = 'endpointslice-controller.k8s.io'
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'
const HEADLESS_LABEL = 'service.kubernetes.io/headless'

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** Slice labels: the Service's own labels, then the controller's (setEndpointSliceLabels). */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...svc.metadata?.labels }
  labels[SERVICE_NAME_LABEL] = svc.metadata?.name ?? ''
  labels[MANAGED_BY_LABEL] = MANAGED_BY
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = ''
  return labels
}

interface SliceGroup {
  ports: EndpointPort[]
  endpoints: Endpoint[]
}

/** One group per port mapping, split at 100 endpoints; a placeholder when there is nothing. */
export function sliceGroups(desired: readonly DesiredEndpoint[]): SliceGroup[] {
  const byPorts = new Map<string, SliceGroup[]>()
  for (const d of desired) {
    const key = JSON.stringify(d.ports)
    const groups = byPorts.get(key) ?? []
    let last = groups[groups.length - 1]
    if (!last || last.endpoints.length >= MAX_ENDPOINTS_PER_SLICE) {
      last = { ports: d.ports, endpoints: [] }
      groups.push(last)
    }
    last.endpoints.push(d.endpoint)
    byPorts.set(key, groups)
  }
  const all = [...byPorts.values()].flat()
  return all.length > 0 ? all : [{ ports: [], endpoints: [] }]
}

/** A placeholder slice has null endpoints on the wire, though the type says otherwise. */
function orEmpty<T>(list: readonly T[] | null | undefined): readonly T[] {
  return list ?? []
}
const endpointsOf = (slice: EndpointSlice): readonly Endpoint[] => orEmpty(slice.endpoints)

export interface Writer {
  ctx: ActorContext
  client: ApiClientState
  svcKey: string
}

function write(
  w: Writer,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  label: string,
  purpose: string,
): void {
  callApi(
    w.ctx,
    w.client,
    { method, path, ...(body !== undefined ? { body } : {}), label },
    { purpose, data: w.svcKey },
  )
}

/** Reconciles the Service's slices; returns how many it is creating. */
export function reconcileSlices(
  w: Writer,
  svc: Service,
  pods: readonly Pod[],
  existing: readonly EndpointSlice[],
): number {
  const ns = svc.metadata?.namespace ?? 'default'
  const name = svc.metadata?.name ?? ''
  const groups = sliceGroups(desiredEndpoints(svc, pods))
  const labels = sliceLabels(svc)
  const base = `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`
  const owner = {
    apiVersion: 'v1',
    kind: 'Service',
    name,
    uid: svc.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  }
  let creating = 0
  groups.forEach((group, i) => {
    const current = existing[i]
    const annotations = { [TRIGGER_TIME]: simTimeToRfc3339(w.ctx.nowMs) }
    if (current) {
      if (
        same(endpointsOf(current), group.endpoints) &&
        same(current.ports ?? [], group.ports) &&
        same(current.metadata?.labels, labels)
      )
        return
      const updated = {
        ...current,
        metadata: { ...current.metadata, labels, annotations },
        endpoints: group.endpoints,
        ports: group.ports,
      }
      return write(
        w,
        'PUT',
        `${base}/${current.metadata?.name ?? ''}`,
        updated,
        `PUT endpointslices/${current.metadata?.name ?? ''} (${group.endpoints.length} endpoints)`,
        'eps-write',
      )
    }
    creating++
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${name}-`,
        namespace: ns,
        labels,
        annotations,
        ownerReferences: [owner],
      },
      addressType: 'IPv4',
      endpoints: group.endpoints,
      ports: group.ports,
    }
    write(
      w,
      'POST',
      base,
      slice,
      `POST endpointslices (${name}, ${group.endpoints.length} endpoints)`,
      'eps-create',
    )
  })
  for (const extra of existing.slice(groups.length))
    write(
      w,
      'DELETE',
      `${base}/${extra.metadata?.name ?? ''}`,
      undefined,
      `DELETE endpointslices/${extra.metadata?.name ?? ''}`,
      'eps-write',
    )
  return creating
}

/** The v1 Endpoints subsets: ready addresses and not-ready ones, per port mapping, sorted by IP. */
export function desiredSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const subsets = new Map<string, EndpointSubset>()
  for (const d of desiredEndpoints(svc, pods)) {
    const pod = pods.find((p) => p.metadata?.uid === d.endpoint.targetRef?.uid)
    if (!pod || !shouldPodBeInEndpoints(pod, false)) continue
    const key = JSON.stringify(d.ports)
    const subset: EndpointSubset = subsets.get(key) ?? {
      ports: d.ports.map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.port ?? 0,
        protocol: p.protocol ?? 'TCP',
      })),
    }
    const address = {
      ip: d.endpoint.addresses[0] ?? '',
      ...(d.endpoint.nodeName ? { nodeName: d.endpoint.nodeName } : {}),
      ...(d.endpoint.targetRef ? { targetRef: d.endpoint.targetRef } : {}),
    }
    const writable = subset as {
      addresses?: EndpointAddress[]
      notReadyAddresses?: EndpointAddress[]
    }
    const list =
      d.endpoint.conditions?.ready === true
        ? (writable.addresses ??= [])
        : (writable.notReadyAddresses ??= [])
    list.push(address)
    subsets.set(key, subset)
  }
  for (const s of subsets.values())
    for (const list of [s.addresses, s.notReadyAddresses])
      list?.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0))
  return [...subsets.values()]
}

export function reconcileEndpoints(
  w: Writer,
  svc: Service,
  pods: readonly Pod[],
  existing: Endpoints | undefined,
): void {
  const ns = svc.metadata?.namespace ?? 'default'
  const name = svc.metadata?.name ?? ''
  const subsets = desiredSubsets(svc, pods)
  const labels: Record<string, string> = { ...svc.metadata?.labels }
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = ''
  const path = `/api/v1/namespaces/${ns}/endpoints`
  const annotations = { [TRIGGER_TIME]: simTimeToRfc3339(w.ctx.nowMs) }
  if (existing) {
    if (same(existing.subsets ?? [], subsets) && same(existing.metadata?.labels ?? {}, labels))
      return
    const updated = {
      ...existing,
      metadata: { ...existing.metadata, labels, annotations },
      subsets,
    }
    return write(w, 'PUT', `${path}/${name}`, updated, `PUT endpoints/${name}`, 'eps-write')
  }
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: ns, labels, annotations },
    ...(subsets.length > 0 ? { subsets } : {}),
  }
  write(w, 'POST', path, object, `POST endpoints/${name}`, 'eps-write')
}

/** A Service is gone: its slices and its Endpoints object go too. */
export function deleteAll(
  w: Writer,
  svcKey: string,
  slices: readonly EndpointSlice[],
  hasEndpoints: boolean,
): void {
  const [ns = 'default', name = ''] = svcKey.split('/')
  for (const slice of slices) {
    const sliceName = slice.metadata?.name ?? ''
    write(
      w,
      'DELETE',
      `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices/${sliceName}`,
      undefined,
      `DELETE endpointslices/${sliceName} (garbage collector)`,
      'eps-write',
    )
  }
  if (hasEndpoints)
    write(
      w,
      'DELETE',
      `/api/v1/namespaces/${ns}/endpoints/${name}`,
      undefined,
      `DELETE endpoints/${name}`,
      'eps-write',
    )
}
