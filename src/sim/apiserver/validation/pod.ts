import type { Container, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1'
import { isValidQuantity, parseMilliValue, quantityText } from '../../model/quantity'
import type { FieldError } from '../status'
import { validateLabel } from './names'

// Source: ValidatePodSpec / validateContainers / validateRestartPolicy,
// pkg/apis/core/validation/validation.go (v1.32). Only the checks a lesson can trip are modelled.
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']

function validateResources(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = []
  const requests = container.resources?.requests ?? {}
  const limits = container.resources?.limits ?? {}
  for (const [name, value] of Object.entries(requests)) {
    if (!isValidQuantity(quantityText(value))) continue
    const limit = limits[name]
    if (
      limit !== undefined &&
      isValidQuantity(quantityText(limit)) &&
      parseMilliValue(quantityText(value)) > parseMilliValue(quantityText(limit))
    ) {
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.resources.requests`,
        badValue: quantityText(value),
        detail: `must be less than or equal to ${name} limit of ${quantityText(limit)}`,
      })
    }
  }
  return errors
}

function validateContainer(container: Container, path: string, seen: Set<string>): FieldError[] {
  const errors: FieldError[] = []
  if (!container.name) errors.push({ type: 'FieldValueRequired', field: `${path}.name` })
  else {
    errors.push(...validateLabel(container.name, `${path}.name`))
    if (seen.has(container.name))
      errors.push({ type: 'FieldValueDuplicate', field: `${path}.name`, badValue: container.name })
    seen.add(container.name)
  }
  if (!container.image) errors.push({ type: 'FieldValueRequired', field: `${path}.image` })
  ;(container.ports ?? []).forEach((port, i) => {
    const p = port.containerPort
    if (!Number.isInteger(p) || p < 1 || p > 65535) {
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.ports[${i}].containerPort`,
        badValue: p,
        detail: 'must be between 1 and 65535, inclusive',
      })
    }
  })
  errors.push(...validateResources(container, path))
  errors.push(...validateProbes(container, path))
  return errors
}

/**
 * validateLivenessProbe / validateStartupProbe: successThreshold must be 1; validateProbe:
 * exactly one handler, no negative timing or threshold. Source: pkg/apis/core/validation/validation.go (v1.32).
 */
function validateProbes(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = []
  for (const [field, probe] of [
    ['livenessProbe', container.livenessProbe],
    ['readinessProbe', container.readinessProbe],
    ['startupProbe', container.startupProbe],
  ] as const) {
    if (!probe) continue
    const handlers = [probe.exec, probe.httpGet, probe.tcpSocket, probe.grpc].filter(
      (h) => h !== undefined,
    )
    if (handlers.length === 0)
      errors.push({
        type: 'FieldValueRequired',
        field: `${path}.${field}`,
        detail: 'must specify a handler type',
      })
    // validateProbe: ValidateNonnegativeField for the timings and thresholds (0 is defaulted).
    for (const timing of [
      'initialDelaySeconds',
      'timeoutSeconds',
      'periodSeconds',
      'successThreshold',
      'failureThreshold',
    ] as const) {
      const value = probe[timing]
      if (value !== undefined && value < 0)
        errors.push({
          type: 'FieldValueInvalid',
          field: `${path}.${field}.${timing}`,
          badValue: value,
          detail: 'must be greater than or equal to 0',
        })
    }
    if (
      field !== 'readinessProbe' &&
      probe.successThreshold !== undefined &&
      probe.successThreshold !== 1
    )
      errors.push({
        type: 'FieldValueInvalid',
        field: `${path}.${field}.successThreshold`,
        badValue: probe.successThreshold,
        detail: 'must be 1',
      })
  }
  return errors
}

export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  const errors: FieldError[] = []
  const containers = spec?.containers ?? []
  if (containers.length === 0)
    errors.push({ type: 'FieldValueRequired', field: `${path}.containers` })
  const seen = new Set<string>()
  containers.forEach((c, i) =>
    errors.push(...validateContainer(c, `${path}.containers[${i}]`, seen)),
  )
  const restartPolicy = spec?.restartPolicy
  if (restartPolicy !== undefined && !RESTART_POLICIES.includes(restartPolicy)) {
    errors.push({
      type: 'FieldValueNotSupported',
      field: `${path}.restartPolicy`,
      badValue: restartPolicy,
      detail: `supported values: ${RESTART_POLICIES.map((p) => `"${p}"`).join(', ')}`,
    })
  }
  return errors
}

/** Template checks shared by ReplicaSet and Deployment: the selector must select the template. */
export function validateTemplate(
  template: PodTemplateSpec | undefined,
  selectorLabels: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = []
  const labels = template?.metadata?.labels ?? {}
  if (selectorLabels && !Object.entries(selectorLabels).every(([k, v]) => labels[k] === v)) {
    errors.push({
      type: 'FieldValueInvalid',
      field: `${path}.metadata.labels`,
      badValue: labels,
      detail: '`selector` does not match template `labels`',
    })
  }
  errors.push(...validatePodSpec(template?.spec, `${path}.spec`))
  return errors
}
