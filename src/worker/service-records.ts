import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { ObjectRecord } from '../protocol/records'
import { rfc3339ToSimTime, type KubeObject } from '../sim/index'

/** A Service's record: the PORT(S) column as kubectl prints it (makePortString). */
export function serviceRecord(key: string, object: KubeObject): ObjectRecord {
  const svc = object as unknown as Service
  const ports = svc.spec?.ports ?? []
  return {
    kind: 'Service',
    key,
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace ?? '',
    type: svc.spec?.type ?? 'ClusterIP',
    clusterIP: svc.spec?.clusterIP ?? '',
    ports:
      ports
        .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
        .join(',') || '<none>',
    port: ports[0]?.port ?? 0,
    selector: { ...svc.spec?.selector },
    createdMs: rfc3339ToSimTime(object.metadata?.creationTimestamp ?? '') ?? 0,
  }
}

/** A placeholder slice has null endpoints on the wire, whatever the type says. */
const orEmpty = <T>(list: readonly T[] | null | undefined): readonly T[] => list ?? []

/** Services and EndpointSlices as records; undefined for kinds the UI does not keep. */
export function workloadRecord(key: string, object: KubeObject): ObjectRecord | undefined {
  if (object.kind === 'Service') return serviceRecord(key, object)
  if (object.kind === 'EndpointSlice') return endpointSliceRecord(key, object)
  return undefined
}

export function endpointSliceRecord(key: string, object: KubeObject): ObjectRecord {
  const slice = object as unknown as EndpointSlice
  return {
    kind: 'EndpointSlice',
    key,
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace ?? '',
    service: object.metadata?.labels?.['kubernetes.io/service-name'] ?? '',
    endpoints: orEmpty(slice.endpoints).map((e) => {
      const ready = e.conditions?.ready !== false
      return {
        ip: e.addresses[0] ?? '',
        pod: e.targetRef?.name ?? '',
        node: e.nodeName ?? '',
        ready,
        serving: e.conditions?.serving ?? ready,
        terminating: e.conditions?.terminating ?? false,
      }
    }),
  }
}
