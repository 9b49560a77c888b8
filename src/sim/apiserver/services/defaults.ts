import type { Service } from 'kubernetes-types/core/v1'
import { writable } from '../../model/objects'

// DefaultClientIPServiceAffinitySeconds = 10800 (3 h): k8s.io/api core/v1/types.go (v1.32).
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10_800

/** Types whose Service is reachable from outside (service.ExternallyAccessible). */
export const externallyAccessible = (svc: Service): boolean =>
  svc.spec?.type === 'NodePort' ||
  svc.spec?.type === 'LoadBalancer' ||
  (svc.spec?.externalIPs ?? []).length > 0

/**
 * SetDefaults_Service: type ClusterIP, sessionAffinity None, protocol TCP, targetPort = port,
 * externalTrafficPolicy Cluster when externally reachable, internalTrafficPolicy Cluster,
 * allocateLoadBalancerNodePorts for LoadBalancers. Source: pkg/apis/core/v1/defaults.go (v1.32).
 */
export function defaultService(svc: Service): void {
  const spec = writable(svc).spec ?? (writable(svc).spec = {})
  spec.sessionAffinity ||= 'None'
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig
  if (
    spec.sessionAffinity === 'ClientIP' &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined
  )
    spec.sessionAffinityConfig = {
      clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS },
    }
  spec.type ||= 'ClusterIP'
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP'
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port
  }
  if (externallyAccessible(svc)) spec.externalTrafficPolicy ||= 'Cluster'
  if (spec.internalTrafficPolicy === undefined && spec.type !== 'ExternalName')
    spec.internalTrafficPolicy = 'Cluster'
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true
}
