import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { FieldError } from '../status'
import type { ResourceInfo } from '../resources'
import { validateLabel, validateObjectName, validateSubdomain } from './names'
import { validatePodSpec, validateTemplate } from './pod'
import { validateLabels, validateTaints } from './labels'
import {
  validateAlwaysRestart,
  validateDaemonSetFields,
  validateDeploymentFields,
  validateJobFields,
  validateLeaseFields,
} from './workloads'
import { validateService } from '../services/validation'
import { validateConfigMap, validateSecret } from './secret'
import { validateBinding, validateRole } from './rbac'
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1'

/** Workload with replicas, selector and template: ReplicaSet and Deployment share these checks. */
function validateWorkload(object: { spec?: ReplicaSet['spec'] }): FieldError[] {
  const errors: FieldError[] = []
  const replicas = object.spec?.replicas
  if (replicas !== undefined && replicas < 0) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.replicas',
      badValue: replicas,
      detail: 'must be greater than or equal to 0',
    })
  }
  const selector = object.spec?.selector
  const hasSelector =
    selector &&
    (Object.keys(selector.matchLabels ?? {}).length > 0 ||
      (selector.matchExpressions ?? []).length > 0)
  if (!hasSelector) errors.push({ type: 'FieldValueRequired', field: 'spec.selector' })
  errors.push(
    ...validateTemplate(
      object.spec?.template,
      hasSelector ? selector.matchLabels : undefined,
      'spec.template',
    ),
  )
  return errors
}

/**
 * Validation run on create and update, by kind, as each registry strategy's Validate does
 * (pkg/apis/core/validation, pkg/apis/apps/validation, v1.32).
 */
export function validateObject(info: ResourceInfo, object: Record<string, unknown>): FieldError[] {
  const metadata = object['metadata'] as
    { name?: string; generateName?: string; labels?: Record<string, string> } | undefined
  return [...validateKind(info, object, metadata), ...validateLabels(metadata?.labels)]
}

function validateKind(
  info: ResourceInfo,
  object: Record<string, unknown>,
  metadata: { name?: string; generateName?: string } | undefined,
): FieldError[] {
  switch (info.kind) {
    case 'Pod':
      return [
        ...validateObjectName(metadata, validateSubdomain),
        ...validatePodSpec((object as Pod).spec, 'spec'),
      ]
    case 'ReplicaSet':
      return [
        ...validateObjectName(metadata, validateSubdomain),
        ...validateWorkload(object),
        ...validateAlwaysRestart((object as { spec?: ReplicaSet['spec'] }).spec?.template),
      ]
    case 'Deployment':
      return [
        ...validateObjectName(metadata, validateSubdomain),
        ...validateWorkload(object),
        ...validateAlwaysRestart((object as { spec?: ReplicaSet['spec'] }).spec?.template),
        ...validateDeploymentFields(object),
      ]
    case 'DaemonSet':
      return [
        ...validateObjectName(metadata, validateSubdomain),
        ...validateWorkload(object),
        ...validateDaemonSetFields(object),
      ]
    case 'Job':
      return [
        ...validateObjectName(metadata, validateSubdomain),
        ...validateWorkload(object),
        ...validateJobFields(object),
      ]
    case 'Lease':
      return [...validateObjectName(metadata, validateSubdomain), ...validateLeaseFields(object)]
    case 'Namespace':
      return validateObjectName(metadata, validateLabel)
    case 'PriorityClass':
      return [
        ...validateObjectName(metadata, validateSubdomain),
        ...validatePriorityValue(metadata?.name ?? '', object['value'], object['globalDefault']),
      ]
    case 'Service':
      return validateService(object)
    case 'Node':
      return [
        ...validateObjectName(metadata, validateSubdomain),
        ...validateTaints((object as Node).spec?.taints),
      ]
    case 'Secret':
      return [...validateObjectName(metadata, validateSubdomain), ...validateSecret(object)]
    case 'ConfigMap':
      return [...validateObjectName(metadata, validateSubdomain), ...validateConfigMap(object)]
    case 'Role':
    case 'ClusterRole':
      return validateRole(object, info.kind === 'Role')
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return validateBinding(
        object as unknown as RoleBinding | ClusterRoleBinding,
        info.kind === 'RoleBinding',
      )
    default:
      return validateObjectName(metadata, validateSubdomain)
  }
}

// HighestUserDefinablePriority = 1000000000: pkg/apis/scheduling/types.go (v1.32)
const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000

// SystemPriorityClasses, pkg/apis/scheduling/types.go (v1.32): SystemCriticalPriority = 2e9.
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
}

/** IsKnownSystemPriorityClass (pkg/apis/scheduling/helpers.go, v1.32): undefined when it is. */
function systemClassError(name: string, value: number, globalDefault: unknown): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES[name]
  if (known === undefined) return `${name} is not a known system priority class`
  if (known !== value) return `value of ${name} PriorityClass must be ${known}`
  if (globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`
  return undefined
}

/**
 * ValidatePriorityClass (pkg/apis/scheduling/validation, v1.32): a class named system-… must be
 * one of the system classes; any other may not go above HighestUserDefinablePriority.
 */
function validatePriorityValue(name: string, value: unknown, globalDefault: unknown): FieldError[] {
  if (typeof value !== 'number') return [{ type: 'FieldValueRequired', field: 'value' }]
  if (name.startsWith('system-')) {
    const error = systemClassError(name, value, globalDefault)
    return error === undefined
      ? []
      : [
          {
            type: 'FieldValueForbidden',
            field: 'metadata.name',
            detail: `priority class names with 'system-' prefix are reserved for system use only. error: ${error}`,
          },
        ]
  }
  if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    return [
      {
        type: 'FieldValueForbidden',
        field: 'value',
        detail: `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      },
    ]
  }
  return []
}
