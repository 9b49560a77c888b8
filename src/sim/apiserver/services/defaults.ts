import type { Service } from 'kubernetes-types/core/v1'
import { writable } from '../../model/objects'
import { externallyAccessible } from './validation'

// DefaultClientIPServiceAffinitySeconds = 10800 (3 h): k8s.io/api core/v1/types.go (v1.32).
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10_800

/**
 * SetDefaults_Service: sessionAffinity None (which drops sessionAffinityConfig), ClientIP's
 * 3 h timeout, type ClusterIP, protocol TCP, targetPort = port, externalTrafficPolicy Cluster
 * when externally reachable, internalTrafficPolicy Cluster for ClusterIP, NodePort and
 * LoadBalancer, allocateLoadBalancerNodePorts for LoadBalancers. ClusterIPs, ipFamilies and
 * ipFamilyPolicy are the Service storage's (strategy.ts), not the decoder's.
 * Source: pkg/apis/core/v1/defaults.go (v1.32).
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
  const internalDefaulted = ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)
  if (spec.internalTrafficPolicy === undefined && internalDefaulted)
    spec.internalTrafficPolicy = 'Cluster'
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true
}
