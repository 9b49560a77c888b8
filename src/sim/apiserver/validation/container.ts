import type { Container, ContainerPort, Probe } from 'kubernetes-types/core/v1'
import { isValidQuantity, parseMilliValue, quantityText } from '../../model/quantity'
import type { FieldError } from '../status'
import { validateLabel } from './names'
import { portNameErrors, validatePortNumOrName } from './ports'

/**
 * A Pod's containers, as validateContainers / validateContainerCommon check them, in their order.
 * Source: pkg/apis/core/validation/validation.go (v1.32). Runs after defaulting (core/v1
 * defaults.go), so imagePullPolicy, protocols and probe fields are already filled in.
 */

// supportedPullPolicies (validation.go), as sets.List sorts them.
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never']
// supportedPortProtocols (validation.go), sorted.
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP']
// IsNegativeErrorMsg, apimachinery/pkg/api/validation/generic.go (v1.32)
export const NEGATIVE = 'must be greater than or equal to 0'
// IsStandardContainerResourceName (pkg/apis/core/helper/helpers.go, v1.32)
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage']

const supported = (values: readonly string[]): string =>
  `supported values: ${values.map((v) => `"${v}"`).join(', ')}`

/** validateContainerPorts: names (IsValidPortName, unique), containerPort required and in range. */
function validatePorts(ports: readonly ContainerPort[], path: string): FieldError[] {
  const errors: FieldError[] = []
  const names = new Set<string>()
  ports.forEach((port, i) => {
    const at = `${path}[${i}]`
    const name = port.name ?? ''
    if (name !== '') {
      const problems = portNameErrors(name)
      for (const detail of problems)
        errors.push({ type: 'FieldValueInvalid', field: `${at}.name`, badValue: name, detail })
      if (problems.length === 0 && names.has(name))
        errors.push({ type: 'FieldValueDuplicate', field: `${at}.name`, badValue: name })
      names.add(name)
    }
    // containerPort 0 (absent) is Required, anything else out of range is Invalid.
    if (!port.containerPort)
      errors.push({ type: 'FieldValueRequired', field: `${at}.containerPort` })
    else errors.push(...validatePortNumOrName(port.containerPort, `${at}.containerPort`))
    if (port.hostPort) errors.push(...validatePortNumOrName(port.hostPort, `${at}.hostPort`))
    const protocol = port.protocol ?? ''
    if (protocol === '') errors.push({ type: 'FieldValueRequired', field: `${at}.protocol` })
    else if (!PORT_PROTOCOLS.includes(protocol))
      errors.push({
        type: 'FieldValueNotSupported',
        field: `${at}.protocol`,
        badValue: protocol,
        detail: supported(PORT_PROTOCOLS),
      })
  })
  return errors
}

function validatePullPolicy(policy: string | undefined, field: string): FieldError[] {
  if (policy === undefined || policy === '') return [{ type: 'FieldValueRequired', field }]
  if (PULL_POLICIES.includes(policy)) return []
  return [
    { type: 'FieldValueNotSupported', field, badValue: policy, detail: supported(PULL_POLICIES) },
  ]
}

/** Quantity.Cmp(0) < 0, on the exact text (a tiny negative is still negative). */
function isNegative(text: string): boolean {
  const mantissa = /^\s*-\s*([0-9.]*)/.exec(text)?.[1]
  return mantissa !== undefined && /[1-9]/.test(mantissa)
}

/** One resource list entry: validateContainerResourceName, then ValidateResourceQuantityValue. */
function resourceEntryErrors(name: string, value: string, field: string): FieldError[] {
  const errors: FieldError[] = []
  if (
    !name.includes('/') &&
    !STANDARD_CONTAINER_RESOURCES.includes(name) &&
    !name.startsWith('hugepages-')
  )
    errors.push({
      type: 'FieldValueInvalid',
      field,
      badValue: name,
      detail: 'must be a standard resource for containers',
    })
  if (isNegative(value))
    errors.push({ type: 'FieldValueInvalid', field, badValue: value, detail: NEGATIVE })
  return errors
}

/**
 * ValidateResourceRequirements: limits, then requests (each with request ≤ limit). Go walks the
 * maps in random order; here keys are sorted so a run is reproducible.
 */
function validateResources(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = []
  const requests = container.resources?.requests ?? {}
  const limits = container.resources?.limits ?? {}
  const sorted = (list: Record<string, unknown>) =>
    Object.entries(list)
      .map(([k, v]) => [k, quantityText(v)] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1))
  for (const [name, value] of sorted(limits))
    errors.push(...resourceEntryErrors(name, value, `${path}.limits[${name}]`))
  for (const [name, value] of sorted(requests)) {
    errors.push(...resourceEntryErrors(name, value, `${path}.requests[${name}]`))
    const limit = limits[name] === undefined ? undefined : quantityText(limits[name])
    if (
      limit !== undefined &&
      isValidQuantity(value) &&
      isValidQuantity(limit) &&
      parseMilliValue(value) > parseMilliValue(limit)
    ) {
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.requests`,
        badValue: value,
        detail: `must be less than or equal to ${name} limit of ${limit}`,
      })
    }
  }
  return errors
}

/** validateHandler for a probe: exactly one of exec, httpGet, tcpSocket, grpc. */
function validateProbeHandler(probe: Probe, path: string): FieldError[] {
  const errors: FieldError[] = []
  let handlers = 0
  const one = (present: boolean, child: string, check: () => FieldError[]) => {
    if (!present) return
    if (handlers > 0)
      errors.push({
        type: 'FieldValueForbidden',
        field: `${path}.${child}`,
        detail: 'may not specify more than 1 handler type',
      })
    else {
      handlers++
      errors.push(...check())
    }
  }
  one(probe.exec !== undefined, 'exec', () =>
    (probe.exec?.command ?? []).length === 0
      ? [{ type: 'FieldValueRequired', field: `${path}.exec.command` }]
      : [],
  )
  // httpGet.path is never empty here: defaulting made it "/".
  one(probe.httpGet !== undefined, 'httpGet', () =>
    validatePortNumOrName(probe.httpGet?.port ?? 0, `${path}.httpGet.port`),
  )
  one(probe.tcpSocket !== undefined, 'tcpSocket', () =>
    validatePortNumOrName(probe.tcpSocket?.port ?? 0, `${path}.tcpSocket.port`),
  )
  one(probe.grpc !== undefined, 'grpc', () =>
    validatePortNumOrName(probe.grpc?.port ?? 0, `${path}.grpc.port`),
  )
  if (handlers === 0)
    errors.push({ type: 'FieldValueRequired', field: path, detail: 'must specify a handler type' })
  return errors
}

/** validateProbe plus the liveness/startup rule that successThreshold must be 1. */
function validateProbe(
  probe: Probe | undefined,
  path: string,
  kind: 'liveness' | 'readiness' | 'startup',
): FieldError[] {
  if (!probe) return []
  const errors = validateProbeHandler(probe, path)
  for (const field of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    const value = probe[field] ?? 0
    if (value < 0)
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.${field}`,
        badValue: value,
        detail: NEGATIVE,
      })
  }
  const grace = probe.terminationGracePeriodSeconds
  if (grace !== undefined && grace <= 0)
    errors.push({
      type: 'FieldValueInvalid',
      field: `${path}.terminationGracePeriodSeconds`,
      badValue: grace,
      detail: 'must be greater than 0',
    })
  if (kind === 'readiness' && grace !== undefined)
    errors.push({
      type: 'FieldValueInvalid',
      field: `${path}.terminationGracePeriodSeconds`,
      badValue: grace,
      detail: 'must not be set for readinessProbes',
    })
  if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    errors.push({
      type: 'FieldValueInvalid',
      field: `${path}.successThreshold`,
      badValue: probe.successThreshold,
      detail: 'must be 1',
    })
  return errors
}

/** validateContainerCommon: name, image, ports, pull policy, resources. */
function validateContainerCommon(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = []
  if (!container.name) errors.push({ type: 'FieldValueRequired', field: `${path}.name` })
  else errors.push(...validateLabel(container.name, `${path}.name`))
  if (!container.image) errors.push({ type: 'FieldValueRequired', field: `${path}.image` })
  errors.push(...validatePorts(container.ports ?? [], `${path}.ports`))
  errors.push(...validatePullPolicy(container.imagePullPolicy, `${path}.imagePullPolicy`))
  errors.push(...validateResources(container, `${path}.resources`))
  return errors
}

/** validateContainers: at least one; each common checks, a unique name, then its probes. */
export function validateContainers(
  containers: readonly Container[] | undefined,
  path: string,
): FieldError[] {
  const list = containers ?? []
  if (list.length === 0) return [{ type: 'FieldValueRequired', field: path }]
  const errors: FieldError[] = []
  const names = new Set<string>()
  list.forEach((container, i) => {
    const at = `${path}[${i}]`
    errors.push(...validateContainerCommon(container, at))
    if (names.has(container.name))
      errors.push({ type: 'FieldValueDuplicate', field: `${at}.name`, badValue: container.name })
    names.add(container.name)
    errors.push(...validateProbe(container.livenessProbe, `${at}.livenessProbe`, 'liveness'))
    errors.push(...validateProbe(container.readinessProbe, `${at}.readinessProbe`, 'readiness'))
    errors.push(...validateProbe(container.startupProbe, `${at}.startupProbe`, 'startup'))
  })
  return errors
}
