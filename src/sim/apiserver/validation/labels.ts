import type { Taint } from 'kubernetes-types/core/v1'
import { labelValueErrors, qualifiedNameErrors } from '../../model/label-validation'
import type { FieldError } from '../status'

/** ValidateLabels (apimachinery metav1 validation, v1.32): qualified keys, valid values. */
export function validateLabels(labels: Record<string, string> | undefined): FieldError[] {
  const errors: FieldError[] = []
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const detail of qualifiedNameErrors(key))
      errors.push({ type: 'FieldValueInvalid', field: 'metadata.labels', badValue: key, detail })
    for (const detail of labelValueErrors(value))
      errors.push({ type: 'FieldValueInvalid', field: 'metadata.labels', badValue: value, detail })
  }
  return errors
}

// Source: validateNodeTaints / validateTaintEffect, pkg/apis/core/validation/validation.go (v1.32)
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

/** A Node's spec.taints: qualified keys, valid values, a supported effect, no duplicates. */
export function validateTaints(taints: readonly Taint[] | undefined): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  ;(taints ?? []).forEach((taint, i) => {
    const field = `spec.taints[${i}]`
    for (const detail of qualifiedNameErrors(taint.key))
      errors.push({ type: 'FieldValueInvalid', field: `${field}.key`, badValue: taint.key, detail })
    for (const detail of labelValueErrors(taint.value ?? ''))
      errors.push({
        type: 'FieldValueInvalid',
        field: `${field}.value`,
        badValue: taint.value,
        detail,
      })
    if (!TAINT_EFFECTS.includes(taint.effect)) {
      errors.push({
        type: 'FieldValueNotSupported',
        field: `${field}.effect`,
        badValue: taint.effect,
        detail: `supported values: ${TAINT_EFFECTS.map((e) => `"${e}"`).join(', ')}`,
      })
    }
    const id = `${taint.key}:${taint.effect}`
    if (seen.has(id)) {
      errors.push({
        type: 'FieldValueDuplicate',
        field,
        badValue: `${taint.key}=${taint.value ?? ''}:${taint.effect}`,
        detail: 'taints must be unique by key and effect pair',
      })
    }
    seen.add(id)
  })
  return errors
}
