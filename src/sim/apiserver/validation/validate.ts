import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Deployment } from 'kubernetes-types/apps/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { goValue, type FieldError, type GoValue } from '../status'
import { NEGATIVE } from './container'
import { validateLabelMap } from './scheduling'
import type { ResourceInfo } from '../resources'
import { validateDns1035Label, validateLabel, validateObjectName, validateSubdomain } from './names'
import { goStringMap, validatePodSpec, validateTemplate } from './pod'
import { validateLabels, validateTaints } from './labels'

const nonNegative = (value: number | undefined, field: string): FieldError[] =>
  value !== undefined && value < 0
    ? [{ type: 'FieldValueInvalid', field, badValue: value, detail: NEGATIVE }]
    : []

/** %#v of a *metav1.LabelSelector after the pointer is followed (field.Error.ErrorBody). */
function selectorSyntax(selector: LabelSelector): GoValue {
  const expressions = selector.matchExpressions
  const labelsText = goStringMap(selector.matchLabels)
  const expressionsText =
    expressions === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{}`
  return goValue(`v1.LabelSelector{MatchLabels:${labelsText}, MatchExpressions:${expressionsText}}`)
}

/**
 * ReplicaSet and Deployment specs: ValidateReplicaSetSpec and ValidateDeploymentSpec
 * (pkg/apis/apps/validation/validation.go, v1.32), in their order. A missing selector is both
 * "Required" and a template the selector (labels.Nothing()) does not match; an empty one is
 * "empty selector is invalid for deployment" (the ReplicaSet check says deployment too).
 */
function validateWorkload(kind: 'ReplicaSet' | 'Deployment', object: Deployment): FieldError[] {
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
    if (count === 0)
      errors.push({
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        badValue: selectorSyntax(selector),
        detail: 'empty selector is invalid for deployment',
      })
  }
  errors.push(...validateTemplate(spec?.template, selector, 'spec.template'))
  if (kind === 'Deployment') {
    errors.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'))
    errors.push(...nonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'))
  }
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

/** ValidateNamespaceName is a DNS-1123 label, ValidateServiceName DNS-1035, most others subdomains. */
function nameRule(kind: string): (value: string, field: string) => FieldError[] {
  if (kind === 'Namespace') return validateLabel
  if (kind === 'Service') return validateDns1035Label
  return validateSubdomain
}

function validateSpec(info: ResourceInfo, object: Record<string, unknown>): FieldError[] {
  switch (info.kind) {
    case 'Pod':
      return validatePodSpec((object as Pod).spec, 'spec')
    case 'ReplicaSet':
    case 'Deployment':
      return validateWorkload(info.kind, object)
    case 'PriorityClass':
      return validatePriorityValue(object['value'])
    case 'Node':
      return validateTaints((object as Node).spec?.taints)
    default:
      return []
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
