/**
 * What a Service's endpoints should be, from its Pods: every selected Pod that has an IP and
 * has not finished, with ready (Pod Ready and not terminating), serving and terminating
 * conditions, its node and a reference to it; ports resolved per Pod (a named targetPort is
 * looked up in the Pod's container ports, and a Pod without it is left out of that mapping).
 * Source: pkg/controller/endpointslice/reconciler.go, staging/src/k8s.io/endpointslice/utils.go
 * (podToEndpoint, ShouldPodBeInEndpoints, getEndpointPorts), pkg/api/v1/pod/util.go FindPort (v1.32).
 */
import type { Pod, Service } from 'kubernetes-types/core/v1'
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1'

export interface DesiredEndpoint {
  endpoint: Endpoint
  /** The Pod's resolved ports, in the Service's port order. */
  ports: EndpointPort[]
}

const isReady = (pod: Pod): boolean =>
  (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')

/** ShouldPodBeInEndpoints (includeTerminating = true for EndpointSlices). */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false
  const phase = pod.status.phase
  if (phase === 'Succeeded' || phase === 'Failed') return false
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false
  return true
}

/** FindPort: a numeric targetPort as is, a named one from the Pod's container ports. */
export function findPort(
  pod: Pod,
  target: number | string | undefined,
  fallback: number,
): number | undefined {
  if (target === undefined) return fallback
  if (typeof target === 'number') return target
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === target) return p.containerPort
  return undefined
}

export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] | undefined {
  const ports: EndpointPort[] = []
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp.targetPort, sp.port)
    // A Pod without the named port is not an endpoint for that port mapping.
    if (port === undefined) continue
    ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' })
  }
  return ports.length > 0 || (svc.spec?.ports ?? []).length === 0 ? ports : undefined
}

export function desiredEndpoints(svc: Service, pods: readonly Pod[]): DesiredEndpoint[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true
  const out: DesiredEndpoint[] = []
  const sorted = [...pods].sort((a, b) =>
    (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1,
  )
  for (const pod of sorted) {
    if (!shouldPodBeInEndpoints(pod, true)) continue
    const ports = endpointPorts(svc, pod)
    if (!ports) continue
    const terminating = pod.metadata?.deletionTimestamp !== undefined
    const serving = publishNotReady || isReady(pod)
    out.push({
      ports,
      endpoint: {
        addresses: [pod.status?.podIP ?? ''],
        conditions: { ready: serving && !terminating, serving, terminating },
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: {
          kind: 'Pod',
          namespace: pod.metadata?.namespace ?? '',
          name: pod.metadata?.name ?? '',
          uid: pod.metadata?.uid ?? '',
        },
      },
    })
  }
  return out
}
