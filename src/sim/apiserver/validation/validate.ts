import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Deployment } from 'kubernetes-types/apps/v1'
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1'
import { goValue, type FieldError } from '../status'
import { NEGATIVE } from './container'
import { validateLabelMap } from './scheduling'
import type { ResourceInfo } from '../resources'
import { validateDns1035Label, validateLabel, validateObjectName, validateSubdomain } from './names'
import { validatePodSpec, validateTemplate } from './pod'
import { validateLabels, validateTaints } from './labels'
import {
  labelSelectorGo,
  validateAlwaysRestart,
  validateDaemonSetFields,
  validateDeploymentFields,
  validateJobFields,
  validateLeaseFields,
} from './workloads'
import { validateService } from '../services/validation'
import { validateConfigMap, validateSecret } from './secret'
import { pathSegmentErrors, validateBinding, validateRole } from './rbac'

const nonNegative = (value: number | undefined, field: string): FieldError[] =>
  value !== undefined && value < 0
    ? [{ type: 'FieldValueInvalid', field, badValue: value, detail: NEGATIVE }]
    : []

type WorkloadKind = 'ReplicaSet' | 'Deployment' | 'DaemonSet' | 'Job'

// The empty-selector message of each kind (apps/validation.go says "deployment" for ReplicaSets
// too); a Job's selector is generated, so it has none here.
const EMPTY_SELECTOR: Partial<Record<WorkloadKind, string>> = {
  ReplicaSet: 'empty selector is invalid for deployment',
  Deployment: 'empty selector is invalid for deployment',
  DaemonSet: 'empty selector is invalid for daemonset',
}

/**
 * The selector-and-template part of a workload's spec: ValidateReplicaSetSpec and
 * ValidateDeploymentSpec up to ValidatePodTemplateSpecForReplicaSet
 * (pkg/apis/apps/validation/validation.go, v1.32), in their order. A missing selector is both
 * "Required" and a template the selector (labels.Nothing()) does not match; an empty one is
 * "empty selector is invalid for deployment". ReplicaSets, Deployments and DaemonSets restart
 * their Pods Always. NB: DaemonSets and Jobs follow the same order, which upstream varies slightly.
 */
function validateWorkload(kind: WorkloadKind, object: Deployment): FieldError[] {
  const spec = object.spec
  const errors = nonNegative(spec?.replicas, 'spec.replicas')
  if (kind === 'ReplicaSet')
    errors.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'))
  const selector = spec?.selector
  if (!selector) errors.push({ type: 'FieldValueRequired', field: 'spec.selector' })
  else {
    errors.push(...validateLabelMap(selector.matchLabels, 'spec.selector.matchLabels'))
    const count =
      Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length
    const detail = EMPTY_SELECTOR[kind]
    if (count === 0 && detail !== undefined)
      errors.push({
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        badValue: goValue(labelSelectorGo(selector)),
        detail,
      })
  }
  errors.push(...validateTemplate(spec?.template, selector, 'spec.template'))
  if (kind !== 'Job') errors.push(...validateAlwaysRestart(spec?.template))
  return errors
}

/**
 * Validation run on create and update, by kind, as each registry strategy's Validate does
 * (pkg/apis/core/validation, pkg/apis/apps/validation, v1.32): ValidateObjectMeta (the name by
 * the kind's rule, then labels) first, then the spec.
 */
export function validateObject(info: ResourceInfo, object: Record<string, unknown>): FieldError[] {
  const metadata = object['metadata'] as
    { name?: string; generateName?: string; labels?: Record<string, string> } | undefined
  return [
    ...validateObjectName(metadata, nameRule(info.kind)),
    ...validateLabels(metadata?.labels),
    ...validateSpec(info, object),
  ]
}

/**
 * ValidateNamespaceName is a DNS-1123 label, ValidateServiceName DNS-1035, RBAC names path
 * segments (ValidateRBACName = path.IsValidPathSegmentName), most others subdomains.
 */
function nameRule(kind: string): (value: string, field: string) => FieldError[] {
  switch (kind) {
    case 'Namespace':
      return validateLabel
    case 'Service':
      return validateDns1035Label
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return pathSegmentErrors
    default:
      return validateSubdomain
  }
}

function validateSpec(info: ResourceInfo, object: Record<string, unknown>): FieldError[] {
  const metadata = object['metadata'] as { name?: string } | undefined
  switch (info.kind) {
    case 'Pod':
      return validatePodSpec((object as Pod).spec, 'spec')
    case 'ReplicaSet':
      return validateWorkload(info.kind, object)
    case 'Deployment':
      return [...validateWorkload(info.kind, object), ...validateDeploymentFields(object)]
    case 'DaemonSet':
      return [...validateWorkload(info.kind, object), ...validateDaemonSetFields(object)]
    case 'Job':
      return [...validateWorkload(info.kind, object), ...validateJobFields(object)]
    case 'Lease':
      return validateLeaseFields(object)
    case 'PriorityClass':
      return validatePriorityValue(metadata?.name ?? '', object['value'], object['globalDefault'])
    case 'Service':
      return validateService(object)
    case 'Node':
      return validateTaints((object as Node).spec?.taints)
    case 'Secret':
      return validateSecret(object)
    case 'ConfigMap':
      return validateConfigMap(object)
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
      return []
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
