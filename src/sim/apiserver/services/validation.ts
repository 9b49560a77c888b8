/**
 * ValidateService / ValidateServiceUpdate for what a lesson can trip: names (DNS-1035),
 * ports (numbers, names, protocols, duplicates, targetPort), type, sessionAffinity, selector,
 * clusterIP, nodePort rules and immutability of the ClusterIP.
 * Source: pkg/apis/core/validation/validation.go (v1.32): ValidateService, validateServicePort,
 * ValidateServiceClusterIPsRelatedFields, validateUpgradeDowngradeClusterIPs; IsValidPortNum
 * and IsValidPortName in apimachinery/pkg/util/validation/validation.go.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1'
import { labelValueErrors, qualifiedNameErrors } from '../../model/label-validation'
import type { FieldError } from '../status'
import { validateLabel } from '../validation/names'

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const AFFINITIES = ['ClientIP', 'None']
const supported = (values: string[]) =>
  `supported values: ${values.map((v) => `"${v}"`).join(', ')}`

const PORT_RANGE = 'must be between 1 and 65535, inclusive'

/** IsValidPortName: the IANA service-name rules for a named targetPort. */
function portNameErrors(name: string): string[] {
  const errors: string[] = []
  if (name.length > 15) errors.push('must be no more than 15 characters')
  if (!/^[-a-z0-9]+$/.test(name))
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!/[a-z]/.test(name)) errors.push('must contain at least one letter (a-z)')
  if (name.includes('--')) errors.push('must not contain consecutive hyphens')
  if (name.startsWith('-') || name.endsWith('-')) errors.push('must not begin or end with a hyphen')
  return errors
}

/** %#v of the (protocol, port) key the duplicate check reports. */
function servicePortKey(port: ServicePort): { goSyntax: string } {
  return {
    goSyntax: `core.ServicePort{Name:"", Protocol:"${port.protocol ?? ''}", AppProtocol:(*string)(nil), Port:${port.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  }
}

function validatePort(
  port: ServicePort,
  path: string,
  requireName: boolean,
  names: Set<string>,
): FieldError[] {
  const errors: FieldError[] = []
  if (requireName && !port.name) errors.push({ type: 'FieldValueRequired', field: `${path}.name` })
  else if (port.name) {
    errors.push(...validateLabel(port.name, `${path}.name`))
    if (names.has(port.name))
      errors.push({ type: 'FieldValueDuplicate', field: `${path}.name`, badValue: port.name })
    names.add(port.name)
  }
  if (!Number.isInteger(port.port) || port.port < 1 || port.port > 65535)
    errors.push({
      type: 'FieldValueInvalid',
      field: `${path}.port`,
      badValue: port.port,
      detail: PORT_RANGE,
    })
  if (!port.protocol) errors.push({ type: 'FieldValueRequired', field: `${path}.protocol` })
  else if (!PROTOCOLS.includes(port.protocol))
    errors.push({
      type: 'FieldValueNotSupported',
      field: `${path}.protocol`,
      badValue: port.protocol,
      detail: supported(PROTOCOLS),
    })
  const target = port.targetPort
  if (typeof target === 'number') {
    if (!Number.isInteger(target) || target < 1 || target > 65535)
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.targetPort`,
        badValue: target,
        detail: PORT_RANGE,
      })
  } else if (typeof target === 'string') {
    for (const detail of portNameErrors(target))
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.targetPort`,
        badValue: target,
        detail,
      })
  }
  return errors
}

function validatePorts(svc: Service): FieldError[] {
  const errors: FieldError[] = []
  const ports = svc.spec?.ports ?? []
  const names = new Set<string>()
  ports.forEach((p, i) =>
    errors.push(...validatePort(p, `spec.ports[${i}]`, ports.length > 1, names)),
  )
  if (svc.spec?.type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (p.nodePort)
        errors.push({
          type: 'FieldValueForbidden',
          field: `spec.ports[${i}].nodePort`,
          detail: "may not be used when `type` is 'ClusterIP'",
        })
    })
  const seenNode = new Set<string>()
  const seen = new Set<string>()
  ports.forEach((p, i) => {
    const nodeKey = `${p.protocol ?? ''}/${p.nodePort ?? 0}`
    if (p.nodePort) {
      if (seenNode.has(nodeKey))
        errors.push({
          type: 'FieldValueDuplicate',
          field: `spec.ports[${i}].nodePort`,
          badValue: p.nodePort,
        })
      seenNode.add(nodeKey)
    }
    const key = `${p.protocol ?? ''}/${p.port}`
    if (seen.has(key))
      errors.push({
        type: 'FieldValueDuplicate',
        field: `spec.ports[${i}]`,
        badValue: servicePortKey(p),
      })
    seen.add(key)
  })
  return errors
}

function validateClusterIP(svc: Service): FieldError[] {
  const ip = svc.spec?.clusterIP
  const type = svc.spec?.type
  if (ip === 'None' && (type === 'NodePort' || type === 'LoadBalancer'))
    return [
      {
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs[0]',
        badValue: ip,
        detail: `may not be set to 'None' for ${type} services`,
      },
    ]
  if (type === 'ExternalName' && ip !== undefined && ip !== '')
    return [
      {
        type: 'FieldValueForbidden',
        field: 'spec.clusterIPs',
        detail: 'may not be set for ExternalName services',
      },
    ]
  if (ip !== undefined && ip !== '' && ip !== 'None' && !/^(\d{1,3})(\.\d{1,3}){3}$/.test(ip))
    return [
      {
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs[0]',
        badValue: ip,
        detail: "must be empty, 'None', or a valid IP address",
      },
    ]
  return []
}

/** ValidateService, for create (and, with the old object, update). */
export function validateService(svc: Service): FieldError[] {
  const errors: FieldError[] = []
  const spec = svc.spec
  const headless = spec?.clusterIP === 'None'
  if ((spec?.ports ?? []).length === 0 && !headless && spec?.type !== 'ExternalName')
    errors.push({ type: 'FieldValueRequired', field: 'spec.ports' })
  if (spec?.type === 'ExternalName' && !spec.externalName)
    errors.push({ type: 'FieldValueRequired', field: 'spec.externalName' })
  errors.push(...validatePorts(svc))
  for (const [key, value] of Object.entries(spec?.selector ?? {})) {
    for (const detail of qualifiedNameErrors(key))
      errors.push({ type: 'FieldValueInvalid', field: 'spec.selector', badValue: key, detail })
    for (const detail of labelValueErrors(value))
      errors.push({ type: 'FieldValueInvalid', field: 'spec.selector', badValue: value, detail })
  }
  const affinity = spec?.sessionAffinity
  if (!affinity) errors.push({ type: 'FieldValueRequired', field: 'spec.sessionAffinity' })
  else if (!AFFINITIES.includes(affinity))
    errors.push({
      type: 'FieldValueNotSupported',
      field: 'spec.sessionAffinity',
      badValue: affinity,
      detail: supported(AFFINITIES),
    })
  errors.push(...validateClusterIP(svc))
  const type = spec?.type
  if (!type) errors.push({ type: 'FieldValueRequired', field: 'spec.type' })
  else if (!TYPES.includes(type))
    errors.push({
      type: 'FieldValueNotSupported',
      field: 'spec.type',
      badValue: type,
      detail: supported(TYPES),
    })
  return errors
}

/** ValidateServiceUpdate's own check: a set ClusterIP may not change (validateUpgradeDowngradeClusterIPs). */
export function validateClusterIPChange(svc: Service, old: Service): FieldError[] {
  const errors: FieldError[] = []
  const external = svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName'
  const oldIps = old.spec?.clusterIPs ?? []
  const newIps = svc.spec?.clusterIPs ?? []
  if (!external && !(old.spec?.clusterIP === 'None' && svc.spec?.clusterIP === 'None'))
    oldIps.forEach((ip, i) => {
      if (newIps[i] !== undefined && newIps[i] !== ip)
        errors.push({
          type: 'FieldValueInvalid',
          field: `spec.clusterIPs[${i}]`,
          badValue: newIps,
          detail: 'may not change once set',
        })
    })
  return errors
}
