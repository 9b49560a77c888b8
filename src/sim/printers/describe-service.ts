/**
 * `kubectl describe service` as kubectl v1.32 prints it: the Service, one Port / TargetPort /
 * NodePort / Endpoints block per port (endpoints from the Service's EndpointSlices), traffic policies and events.
 * Source: describeService, formatEndpointSlices, staging/src/k8s.io/kubectl/pkg/describe/describe.go (v1.32)
 */
import type { Event, Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from './describe-sections'
import { LEVEL_0, PrefixWriter } from './describe-writer'
import { writeEscaped } from './render-table'
import { formatLabels } from './table'

/**
 * formatEndpointSlices for one port name: ready endpoints only (ready unset counts as ready),
 * at most three, then " + N more...". No slices at all is "<none>".
 */
function endpointsFor(slices: readonly EndpointSlice[] | undefined, portName: string): string {
  if (!slices || slices.length === 0) return '<none>'
  const acc = { list: [] as string[], count: 0, more: false }
  const add = (value: string) => {
    if (acc.list.length < 3) acc.list.push(value)
    else acc.more = true
    acc.count++
  }
  for (const slice of slices) {
    const all = slice.endpoints as EndpointSlice['endpoints'] | undefined
    const endpoints = (all ?? []).filter((e) => e.conditions?.ready !== false)
    const ports = slice.ports ?? []
    if (ports.length === 0) {
      for (const e of endpoints) add(e.addresses[0] ?? '')
      continue
    }
    for (const port of ports) {
      if ((port.name ?? '') !== portName) continue
      for (const e of endpoints) add(`${e.addresses[0] ?? ''}:${port.port ?? 0}`)
    }
  }
  const text = acc.list.join(',')
  return acc.more ? `${text} + ${acc.count - 3} more...` : text
}

export function describeService(
  svc: Service,
  slices: readonly EndpointSlice[] | undefined,
  events: readonly Event[] | undefined,
  nowSimMs: number,
): string {
  const w = new PrefixWriter()
  const spec = svc.spec
  w.write(LEVEL_0, `Name:\t${svc.metadata?.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', svc.metadata?.labels)
  printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations)
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec?.selector)}\n`)
  w.write(LEVEL_0, `Type:\t${spec?.type ?? ''}\n`)
  if (spec?.ipFamilyPolicy !== undefined)
    w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`)
  const families = spec?.ipFamilies ?? []
  w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`)
  w.write(LEVEL_0, `IP:\t${spec?.clusterIP ?? ''}\n`)
  const ips = spec?.clusterIPs ?? []
  w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`)
  if ((spec?.externalIPs ?? []).length > 0)
    w.write(LEVEL_0, `External IPs:\t${(spec?.externalIPs ?? []).join(',')}\n`)
  if (spec?.loadBalancerIP) w.write(LEVEL_0, `IP:\t${spec.loadBalancerIP}\n`)
  if (spec?.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`)
  const ingress = svc.status?.loadBalancer?.ingress ?? []
  if (ingress.length > 0)
    w.write(
      LEVEL_0,
      `LoadBalancer Ingress:\t${ingress.map((i) => i.ip ?? i.hostname ?? '').join(', ')}\n`,
    )
  for (const sp of spec?.ports ?? []) {
    const name = sp.name !== undefined && sp.name !== '' ? sp.name : '<unset>'
    const protocol = sp.protocol ?? 'TCP'
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`)
    w.write(LEVEL_0, `TargetPort:\t${String(sp.targetPort ?? sp.port)}/${protocol}\n`)
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`)
    w.write(LEVEL_0, `Endpoints:\t${endpointsFor(slices, sp.name ?? '')}\n`)
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec?.sessionAffinity ?? ''}\n`)
  const timeout = spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds
  if (timeout !== undefined) w.write(LEVEL_0, `Session Affinity Timeout Seconds:\t${timeout}\n`)
  if (spec?.externalTrafficPolicy)
    w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`)
  if (spec?.internalTrafficPolicy !== undefined)
    w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`)
  if (spec?.healthCheckNodePort)
    w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`)
  if (events !== undefined) describeEvents(w, events, nowSimMs)
  return writeEscaped(w.text())
}
