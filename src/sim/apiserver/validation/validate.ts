import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { FieldError } from '../status'
import type { ResourceInfo } from '../resources'
import { validateLabel, validateObjectName, validateSubdomain } from './names'
import { validatePodSpec, validateTemplate } from './pod'
import { validateLabels, validateTaints } from './labels'
import { validateConfigMap, validateSecret } from './secret'
import { validateBinding, validateRole } from './rbac'
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1'

/** Workload with replicas, selector and template: ReplicaSet and Deployment share these checks. */
function validateWorkload(object: ReplicaSet): FieldError[] {
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
    case 'Deployment':
      return [...validateObjectName(metadata, validateSubdomain), ...validateWorkload(object)]
    case 'Namespace':
      return validateObjectName(metadata, validateLabel)
    case 'PriorityClass':
      return [
        ...validateObjectName(metadata, validateSubdomain),
        ...validatePriorityValue(object['value']),
      ]
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

/** ValidatePriorityClass (pkg/apis/scheduling/validation, v1.32): a user class's value. */
function validatePriorityValue(value: unknown): FieldError[] {
  if (typeof value !== 'number') return [{ type: 'FieldValueRequired', field: 'value' }]
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
