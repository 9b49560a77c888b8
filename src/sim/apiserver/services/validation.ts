/**
 * ValidateService / ValidateServiceUpdate, in ValidateService's order: ports required, the
 * type's own rules (headless NodePort/LoadBalancer, ExternalName), each port, the selector,
 * session affinity, the ClusterIP/ipFamilies fields, externalIPs, the type, nodePorts on a
 * ClusterIP Service, duplicate nodePorts and ports, allocateLoadBalancerNodePorts, and the
 * external and internal traffic policies. The name (DNS-1035) and labels are ValidateObjectMeta's,
 * checked before (validation/validate.ts).
 * Source: pkg/apis/core/validation/validation.go (v1.32): ValidateService, validateServicePort,
 * validateClientIPAffinityConfig, ValidateServiceClusterIPsRelatedFields,
 * validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue,
 * validateUpgradeDowngradeClusterIPs; apimachinery/pkg/util/validation/validation.go
 * (IsValidPortNum, IsValidPortName, IsValidIP).
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1'
import { qualifiedNameErrors } from '../../model/label-validation'
import type { FieldError } from '../status'
import { validateLabel, validateSubdomain } from '../validation/names'
import { validatePortNumOrName } from '../validation/ports'
import { validateLabelMap } from '../validation/scheduling'
import { NOT_AN_IP, isHeadless, isIP, validateClusterIPFields } from './cluster-ip-validation'

// supportedServiceType, supportedPortProtocols, supportedSessionAffinityType,
// validExternalTrafficPolicies and supportedServiceInternalTrafficPolicy (validation.go), as
// sets.List sorts them.
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const AFFINITIES = ['ClientIP', 'None']
const TRAFFIC_POLICIES = ['Cluster', 'Local']
// MaxClientIPServiceAffinitySeconds = 86400: pkg/apis/core/types.go (v1.32)
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86_400

const supported = (values: readonly string[]) =>
  `supported values: ${values.map((v) => `"${v}"`).join(', ')}`
const invalid = (field: string, badValue: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  badValue,
  detail,
})
const forbidden = (field: string, detail: string): FieldError => ({
  type: 'FieldValueForbidden',
  field,
  detail,
})
const required = (field: string, detail?: string): FieldError => ({
  type: 'FieldValueRequired',
  field,
  ...(detail !== undefined ? { detail } : {}),
})
const notSupported = (field: string, badValue: string, values: readonly string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  badValue,
  detail: supported(values),
})

/** ExternallyAccessible (pkg/api/service/util.go): NodePort, LoadBalancer, or ClusterIP with externalIPs. */
export const externallyAccessible = (svc: Service): boolean =>
  svc.spec?.type === 'NodePort' ||
  svc.spec?.type === 'LoadBalancer' ||
  (svc.spec?.type === 'ClusterIP' && (svc.spec.externalIPs ?? []).length > 0)

/** The type switch: headless NodePort/LoadBalancer Services; ExternalName's own fields. */
function validateTypeSpecific(svc: Service): FieldError[] {
  const spec = svc.spec ?? {}
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      return isHeadless(svc)
        ? [
            invalid(
              'spec.clusterIPs[0]',
              'None',
              `may not be set to 'None' for ${spec.type} services`,
            ),
          ]
        : []
    case 'ExternalName': {
      const errors: FieldError[] = []
      const notForExternalName = 'may not be set for ExternalName services'
      if ((spec.clusterIPs ?? []).length > 0)
        errors.push(forbidden('spec.clusterIPs', notForExternalName))
      if ((spec.ipFamilies ?? []).length > 0)
        errors.push(forbidden('spec.ipFamilies', notForExternalName))
      if (spec.ipFamilyPolicy !== undefined)
        errors.push(forbidden('spec.ipFamilyPolicy', notForExternalName))
      // A CNAME may end in a dot to say it is fully qualified.
      const cname = (spec.externalName ?? '').replace(/\.$/, '')
      if (cname === '') errors.push(required('spec.externalName'))
      else errors.push(...validateSubdomain(cname, 'spec.externalName'))
      return errors
    }
    default:
      return []
  }
}

/** validateServicePort: the name (required when there are several), port, protocol, targetPort. */
function validatePort(
  port: ServicePort,
  path: string,
  requireName: boolean,
  names: Set<string>,
): FieldError[] {
  const errors: FieldError[] = []
  if (requireName && !port.name) errors.push(required(`${path}.name`))
  else if (port.name) {
    errors.push(...validateLabel(port.name, `${path}.name`))
    if (names.has(port.name))
      errors.push({ type: 'FieldValueDuplicate', field: `${path}.name`, badValue: port.name })
    else names.add(port.name)
  }
  errors.push(...validatePortNumOrName(port.port, `${path}.port`))
  if (!port.protocol) errors.push(required(`${path}.protocol`))
  else if (!PROTOCOLS.includes(port.protocol))
    errors.push(notSupported(`${path}.protocol`, port.protocol, PROTOCOLS))
  // Defaulting made an absent targetPort the port, so 0 here is port 0.
  errors.push(...validatePortNumOrName(port.targetPort ?? 0, `${path}.targetPort`))
  if (port.appProtocol !== undefined)
    for (const detail of qualifiedNameErrors(port.appProtocol))
      errors.push(invalid(`${path}.appProtocol`, port.appProtocol, detail))
  return errors
}

/** Session affinity: supported, and ClientIP's timeout in (0, 86400]; None has no config. */
function validateAffinity(svc: Service): FieldError[] {
  const spec = svc.spec ?? {}
  const affinity = spec.sessionAffinity
  if (!affinity) return [required('spec.sessionAffinity')]
  if (!AFFINITIES.includes(affinity))
    return [notSupported('spec.sessionAffinity', affinity, AFFINITIES)]
  const path = 'spec.sessionAffinityConfig'
  if (affinity === 'None')
    return spec.sessionAffinityConfig
      ? [forbidden(path, 'must not be set when session affinity is None')]
      : []
  const when = 'when session affinity type is ClientIP'
  const clientIP = spec.sessionAffinityConfig?.clientIP
  if (!spec.sessionAffinityConfig) return [required(path, when)]
  if (!clientIP) return [required(`${path}.clientIP`, when)]
  const seconds = clientIP.timeoutSeconds
  if (seconds === undefined) return [required(`${path}.clientIP.timeoutSeconds`, when)]
  if (seconds <= 0 || seconds > MAX_CLIENT_IP_AFFINITY_SECONDS)
    return [
      invalid(
        `${path}.clientIP.timeoutSeconds`,
        seconds,
        `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS} ${when}`,
      ),
    ]
  return []
}

/** The nodePort rules: none on a ClusterIP Service; no (protocol, nodePort) or (protocol, port) twice. */
function validatePortSet(svc: Service): FieldError[] {
  const errors: FieldError[] = []
  const ports = svc.spec?.ports ?? []
  if (svc.spec?.type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (p.nodePort)
        errors.push(
          forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"),
        )
    })
  const nodePorts = new Set<string>()
  ports.forEach((p, i) => {
    if (!p.nodePort) return
    const key = `${p.protocol ?? ''}/${p.nodePort}`
    if (nodePorts.has(key))
      errors.push({
        type: 'FieldValueDuplicate',
        field: `spec.ports[${i}].nodePort`,
        badValue: p.nodePort,
      })
    nodePorts.add(key)
  })
  const seen = new Set<string>()
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port}`
    // %#v of the core.ServicePort{Protocol, Port} key the check builds.
    const goKey = `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`
    if (seen.has(key))
      errors.push({
        type: 'FieldValueDuplicate',
        field: `spec.ports[${i}]`,
        badValue: { goSyntax: goKey },
      })
    seen.add(key)
  })
  return errors
}

/** allocateLoadBalancerNodePorts and the traffic policies. */
function validatePolicies(svc: Service): FieldError[] {
  const spec = svc.spec ?? {}
  const errors: FieldError[] = []
  const lb = spec.type === 'LoadBalancer'
  if (spec.allocateLoadBalancerNodePorts !== undefined && !lb)
    errors.push(
      forbidden(
        'spec.allocateLoadBalancerNodePorts',
        "may only be used when `type` is 'LoadBalancer'",
      ),
    )
  // Upstream names this path without "spec." (sic).
  if (lb && spec.allocateLoadBalancerNodePorts === undefined)
    errors.push(required('allocateLoadBalancerNodePorts'))
  const external = spec.externalTrafficPolicy
  if (!externallyAccessible(svc)) {
    if (external)
      errors.push(
        invalid(
          'spec.externalTrafficPolicy',
          external,
          'may only be set for externally-accessible services',
        ),
      )
  } else if (!external) errors.push(required('spec.externalTrafficPolicy'))
  else if (!TRAFFIC_POLICIES.includes(external))
    errors.push(notSupported('spec.externalTrafficPolicy', external, TRAFFIC_POLICIES))
  const internal = spec.internalTrafficPolicy
  if (internal === undefined) {
    if (spec.type === 'NodePort' || lb || spec.type === 'ClusterIP')
      errors.push(required('spec.internalTrafficPolicy'))
  } else if (!TRAFFIC_POLICIES.includes(internal))
    errors.push(notSupported('spec.internalTrafficPolicy', internal, TRAFFIC_POLICIES))
  return errors
}

/** ValidateService's spec checks, for create and (after the update checks) update. */
export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {}
  const ports = spec.ports ?? []
  const errors: FieldError[] = []
  if (ports.length === 0 && !isHeadless(svc) && spec.type !== 'ExternalName')
    errors.push(required('spec.ports'))
  errors.push(...validateTypeSpecific(svc))
  const names = new Set<string>()
  ports.forEach((p, i) =>
    errors.push(...validatePort(p, `spec.ports[${i}]`, ports.length > 1, names)),
  )
  if (spec.selector) errors.push(...validateLabelMap(spec.selector, 'spec.selector'))
  errors.push(...validateAffinity(svc))
  errors.push(...validateClusterIPFields(svc))
  ;(spec.externalIPs ?? []).forEach((ip, i) => {
    if (!isIP(ip)) errors.push(invalid(`spec.externalIPs[${i}]`, ip, NOT_AN_IP))
  })
  const type = spec.type
  if (!type) errors.push(required('spec.type'))
  else if (!TYPES.includes(type)) errors.push(notSupported('spec.type', type, TYPES))
  errors.push(...validatePortSet(svc))
  errors.push(...validatePolicies(svc))
  return errors
}

/**
 * ValidateServiceUpdate's own check before ValidateService (validateUpgradeDowngradeClusterIPs,
 * single-stack): a set ClusterIP may not change unless the Service is or was ExternalName, or is
 * headless before and after.
 */
export function validateClusterIPChange(svc: Service, old: Service): FieldError[] {
  const errors: FieldError[] = []
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return errors
  if (isHeadless(old) && isHeadless(svc)) return errors
  const oldIps = old.spec?.clusterIPs ?? []
  const newIps = svc.spec?.clusterIPs ?? []
  if (oldIps.length === newIps.length)
    oldIps.forEach((ip, i) => {
      if (newIps[i] !== ip)
        errors.push(invalid(`spec.clusterIPs[${i}]`, newIps, 'may not change once set'))
    })
  else if (oldIps.length > newIps.length && newIps.length === 0)
    errors.push(invalid('spec.clusterIPs[0]', newIps, 'primary clusterIP can not be unset'))
  else if (newIps.length > 0 && oldIps.length > 0 && newIps[0] !== oldIps[0])
    errors.push(invalid('spec.clusterIPs[0]', newIps, 'may not change once set'))
  return errors
}
