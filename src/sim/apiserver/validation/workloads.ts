/**
 * Validation of the kinds the controller manager reconciles: Deployment strategy fields,
 * DaemonSet, Job and Lease, and the update-time rules (immutable selectors, Job templates).
 * Sources (v1.32): pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
 * ValidateRollingUpdateDeployment, ValidateDaemonSetSpec, ValidatePodTemplateSpecForReplicaSet),
 * pkg/apis/batch/validation/validation.go (ValidateJobSpec, validateJobPodTemplateSpec),
 * pkg/apis/coordination/validation/validation.go (ValidateLeaseSpec),
 * pkg/registry/apps/deployment/strategy.go (selector immutability in apps/v1).
 */
import type { Deployment, DaemonSet } from 'kubernetes-types/apps/v1'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { goValue, type FieldError } from '../status'
import { sameValue } from '../../model/objects'
import { goStringMap } from './pod'

const NONNEGATIVE = 'must be greater than or equal to 0'
const IMMUTABLE = 'field is immutable'
// IsValidPercent, staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (v1.32)
const PERCENT_DETAIL =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

type IntOrString = number | string

function nonNegative(value: number | undefined, field: string): FieldError[] {
  if (value === undefined || value >= 0) return []
  return [{ type: 'FieldValueInvalid', field, badValue: value, detail: NONNEGATIVE }]
}

/** Go's %#v of an intstr.IntOrString, as field errors print it. */
function intOrStringGo(value: IntOrString): ReturnType<typeof goValue> {
  return typeof value === 'number'
    ? goValue(`intstr.IntOrString{Type:0, IntVal:${value}, StrVal:""}`)
    : goValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`)
}

/** The number an int-or-percent stands for in validation (getIntOrPercentValue). */
function intOrPercentValue(value: IntOrString | undefined): number {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  return /^[0-9]+%$/.test(value) ? Number(value.slice(0, -1)) : Number.parseInt(value, 10) || 0
}

function positiveIntOrPercent(value: IntOrString | undefined, field: string): FieldError[] {
  if (value === undefined) return []
  if (typeof value === 'string') {
    return /^[0-9]+%$/.test(value)
      ? []
      : [
          {
            type: 'FieldValueInvalid',
            field,
            badValue: intOrStringGo(value),
            detail: PERCENT_DETAIL,
          },
        ]
  }
  return nonNegative(value, field)
}

function notMoreThan100Percent(value: IntOrString | undefined, field: string): FieldError[] {
  if (typeof value !== 'string' || !/^[0-9]+%$/.test(value)) return []
  if (Number(value.slice(0, -1)) <= 100) return []
  return [
    {
      type: 'FieldValueInvalid',
      field,
      badValue: intOrStringGo(value),
      detail: 'must not be greater than 100%',
    },
  ]
}

function validateDeploymentStrategy(deployment: Deployment): FieldError[] {
  const strategy = deployment.spec?.strategy
  const path = 'spec.strategy'
  switch (strategy?.type) {
    case 'Recreate':
      return strategy.rollingUpdate
        ? [
            {
              type: 'FieldValueForbidden',
              field: `${path}.rollingUpdate`,
              detail: "may not be specified when strategy `type` is 'Recreate'",
            },
          ]
        : []
    case 'RollingUpdate': {
      const rolling = strategy.rollingUpdate
      if (!rolling)
        return [
          {
            type: 'FieldValueRequired',
            field: `${path}.rollingUpdate`,
            detail: 'this should be defaulted and never be nil',
          },
        ]
      const unavailablePath = `${path}.rollingUpdate.maxUnavailable`
      const errors = [
        ...positiveIntOrPercent(rolling.maxUnavailable, unavailablePath),
        ...positiveIntOrPercent(rolling.maxSurge, `${path}.rollingUpdate.maxSurge`),
      ]
      if (
        intOrPercentValue(rolling.maxUnavailable) === 0 &&
        intOrPercentValue(rolling.maxSurge) === 0
      ) {
        errors.push({
          type: 'FieldValueInvalid',
          field: unavailablePath,
          badValue: intOrStringGo(rolling.maxUnavailable ?? 0),
          detail: 'may not be 0 when `maxSurge` is 0',
        })
      }
      return [...errors, ...notMoreThan100Percent(rolling.maxUnavailable, unavailablePath)]
    }
    default: {
      const ptr = strategy?.rollingUpdate ? '(0xc000a3e0f0)' : '(nil)'
      return [
        {
          type: 'FieldValueNotSupported',
          field: path,
          badValue: goValue(
            `apps.DeploymentStrategy{Type:${JSON.stringify(strategy?.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDeployment)${ptr}}`,
          ),
          detail: 'supported values: "Recreate", "RollingUpdate"',
        },
      ]
    }
  }
}

/** A ReplicaSet's or Deployment's template must restart its containers Always. */
export function validateAlwaysRestart(template: PodTemplateSpec | undefined): FieldError[] {
  const policy = template?.spec?.restartPolicy
  if (policy === undefined || policy === 'Always') return []
  return [
    {
      type: 'FieldValueNotSupported',
      field: 'spec.template.spec.restartPolicy',
      badValue: policy,
      detail: 'supported values: "Always"',
    },
  ]
}

/** The Deployment-only fields of ValidateDeploymentSpec (the rest is shared with ReplicaSet). */
export function validateDeploymentFields(deployment: Deployment): FieldError[] {
  const spec = deployment.spec
  const errors = [
    ...validateDeploymentStrategy(deployment),
    ...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'),
    ...nonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ]
  const deadline = spec?.progressDeadlineSeconds
  if (deadline !== undefined) {
    errors.push(...nonNegative(deadline, 'spec.progressDeadlineSeconds'))
    if (deadline <= (spec?.minReadySeconds ?? 0)) {
      errors.push({
        type: 'FieldValueInvalid',
        field: 'spec.progressDeadlineSeconds',
        badValue: deadline,
        detail: 'must be greater than minReadySeconds',
      })
    }
  }
  return errors
}

/** ValidateDaemonSetSpec's checks beyond the selector and template (validate.ts validateWorkload). */
export function validateDaemonSetFields(daemonSet: DaemonSet): FieldError[] {
  const spec = daemonSet.spec
  return [
    ...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'),
    ...nonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ]
}

/** ValidateJobSpec: counts are non-negative, the template restarts OnFailure or Never. */
export function validateJobFields(job: Job): FieldError[] {
  const spec = job.spec
  const errors = [
    ...nonNegative(spec?.parallelism, 'spec.parallelism'),
    ...nonNegative(spec?.completions, 'spec.completions'),
    ...nonNegative(spec?.activeDeadlineSeconds, 'spec.activeDeadlineSeconds'),
    ...nonNegative(spec?.backoffLimit, 'spec.backoffLimit'),
  ]
  const policy = spec?.template.spec?.restartPolicy
  if (policy !== 'OnFailure' && policy !== 'Never') {
    errors.push({
      type: 'FieldValueNotSupported',
      field: 'spec.template.spec.restartPolicy',
      badValue: policy ?? '',
      detail: 'supported values: "OnFailure", "Never"',
    })
  }
  return errors
}

/** ValidateLeaseSpec: a duration, if given, is positive; transitions never negative. */
export function validateLeaseFields(lease: Lease): FieldError[] {
  const spec = lease.spec
  const errors = nonNegative(spec?.leaseTransitions, 'spec.leaseTransitions')
  const duration = spec?.leaseDurationSeconds
  if (duration !== undefined && duration <= 0) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.leaseDurationSeconds',
      badValue: duration,
      detail: 'must be greater than 0',
    })
  }
  return errors
}

/** Go's %#v of a metav1.LabelSelector (maps print with sorted keys). */
export function labelSelectorGo(selector: LabelSelector | undefined): string {
  const expressions = selector?.matchExpressions
  const exprs =
    expressions === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${expressions
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'}}`,
          )
          .join(', ')}}`
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector?.matchLabels)}, MatchExpressions:${exprs}}`
}

const sameJson = sameValue

interface Workload {
  spec?: { selector?: LabelSelector; template?: unknown }
}

/** Update-time rules: selectors of apps/v1 workloads and Jobs are immutable, as is a Job's template. */
export function validateWorkloadUpdate(
  kind: string,
  oldObject: Record<string, unknown>,
  nextObject: Record<string, unknown>,
): FieldError[] {
  if (!['Deployment', 'ReplicaSet', 'DaemonSet', 'Job'].includes(kind)) return []
  const old = oldObject as Workload
  const next = nextObject as Workload
  const errors: FieldError[] = []
  if (!sameJson(old.spec?.selector, next.spec?.selector)) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.selector',
      badValue: goValue(labelSelectorGo(next.spec?.selector)),
      detail: IMMUTABLE,
    })
  }
  // NB: upstream prints the whole core.PodTemplateSpec with %#v; the sim abbreviates it.
  if (kind === 'Job' && !sameJson(old.spec?.template, next.spec?.template)) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.template',
      badValue: goValue('core.PodTemplateSpec{...}'),
      detail: IMMUTABLE,
    })
  }
  return errors
}
